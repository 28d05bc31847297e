package protocol

import (
	"strings"

	"oauthdesk/auth/internal/sanitize"
)

// ProviderError is an OAuth error that the provider sent back, either on the
// redirect (RFC 6749 §4.1.2.1) or from the token endpoint (§5.2).
type ProviderError struct {
	// Code is the error code, such as access_denied or invalid_grant.
	Code string
	// Description is the provider's error_description, if any.
	Description string
	// URI is the provider's error_uri, if any.
	URI string
	// Where says which step failed: "authorization" or "token", etc.
	Where string
}

// Error describes the provider's error in one line.
func (e *ProviderError) Error() string {
	var b strings.Builder
	if e.Where != "" {
		b.WriteString("the provider refused the " + e.Where + " request: ")
	} else {
		b.WriteString("the provider returned an error: ")
	}
	b.WriteString(sanitize.Text(e.Code, 64))
	if e.Description != "" {
		b.WriteString(" (" + sanitize.Text(e.Description, 300) + ")")
	}
	if hint := errorHint(e.Code); hint != "" {
		b.WriteString("; " + hint)
	}
	return b.String()
}

// errorHint tells the person what to do about a standard OAuth error code.
func errorHint(code string) string {
	switch code {
	case "access_denied":
		return "consent was declined at the provider; sign in again and approve to continue"
	case "invalid_client", "unauthorized_client":
		return "check the client ID and secret registered at the provider"
	case "invalid_scope":
		return "check the scopes in the provider's configuration"
	case "invalid_grant":
		return "sign in again"
	case "redirect_uri_mismatch", "invalid_request":
		return "check that the redirect URI registered at the provider matches the one oauthdesk shows"
	}
	return ""
}
