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
	// Hint, when set, is what to do, in place of the code's usual advice.
	Hint string
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
	hint := e.Hint
	if hint == "" {
		hint = errorHint(e.Code, e.Description)
	}
	if hint != "" {
		b.WriteString("; " + hint)
	}
	return b.String()
}

// errorHint tells the person what to do about a standard OAuth error code.
// A description that names what the server requires — PAR, DPoP, a
// request object, another client authentication method — is answered
// with the setting that provides it, not the code's generic advice.
func errorHint(code, description string) string {
	if hint := requirementHint(code, description); hint != "" {
		return hint
	}
	switch code {
	case "access_denied":
		return "consent was declined at the provider; sign in again and approve to continue"
	case "invalid_client", "unauthorized_client":
		return "check the client ID and secret registered at the provider"
	case "invalid_scope":
		return "check the scopes in the provider's configuration"
	case "invalid_grant":
		return "sign in again"
	case "invalid_target":
		return "check resources in providers.toml: the server does not know one of them, does not allow it for this client, or issues a token for one resource at a time (RFC 8707 §2)"
	case "unsupported_token_type":
		return "the server does not introspect or revoke this kind of token (RFC 7009 §2.2.1)"
	case "redirect_uri_mismatch", "invalid_request":
		return "check that the redirect URI registered at the provider matches the one oauthdesk shows"
	}
	return ""
}

// requirementHint maps a server's "X is required" error to the setting.
func requirementHint(code, description string) string {
	d := strings.ToLower(description)
	switch {
	case code == "invalid_dpop_proof" || code == "use_dpop_nonce" || strings.Contains(d, "dpop"):
		return "the provider wants DPoP-bound tokens (RFC 9449): set dpop = true for this provider in providers.toml; signing in again as before will not help"
	case strings.Contains(d, "pushed authorization request"):
		return "the provider requires pushed authorization requests (RFC 9126): set par = auto or true in providers.toml"
	case strings.Contains(d, "request object"):
		return "the provider requires a signed request object (RFC 9101): set request_object = true in providers.toml"
	case code == "invalid_client" && (strings.Contains(d, "authentication method") || strings.Contains(d, "authentication mechanism")):
		return "the client is registered for another client authentication method: set token_endpoint_auth_method in providers.toml to the one registered at the provider"
	}
	return ""
}
