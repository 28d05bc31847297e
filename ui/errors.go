package ui

import (
	"context"
	"errors"
	"strings"
	"unicode"
	"unicode/utf8"

	"oauthdesk/auth"
)

// errorAction is a button the error banner offers.
type errorAction int

// The actions an error can suggest.
const (
	actionNone errorAction = iota
	// actionSignIn: the session is gone; sign in again.
	actionSignIn
	// actionEdit: the provider's configuration is wrong.
	actionEdit
)

// errorInfo is an error made readable: what failed, the engine's message,
// the provider's own error fields, and what to do.
type errorInfo struct {
	// Title names the operation that failed, such as "Sign-in failed".
	Title string
	// Message is the error's text, as a sentence.
	Message string
	// Details are the provider's error fields, as "label: value" lines.
	Details []string
	// Advice says what to do, when the message does not already.
	Advice string
	// URI is the provider's error_uri, if it gave one.
	URI    string
	Action errorAction
}

// describeError turns err from the operation op into readable parts.
func describeError(op string, err error) (info errorInfo) {
	info = errorInfo{Title: op, Message: sentence(err.Error())}
	defer localizeMessage(&info, err)
	var pe *auth.ProviderError
	if errors.As(err, &pe) {
		info.Details = append(info.Details, T("Error code: {{.Code}}", "Code", pe.Code))
		if pe.Description != "" {
			info.Details = append(info.Details, T("Description: {{.Description}}", "Description", pe.Description))
		}
		if pe.Where != "" {
			info.Details = append(info.Details, T("Step: {{.Step}} request", "Step", pe.Where))
		}
		info.URI = pe.URI
		switch pe.Code {
		case "access_denied", "invalid_grant", "login_required", "consent_required", "interaction_required":
			info.Action = actionSignIn
		case "invalid_client", "unauthorized_client", "invalid_scope", "redirect_uri_mismatch", "invalid_request", "unsupported_response_type":
			info.Action = actionEdit
		}
		if !strings.Contains(pe.Error(), ";") {
			// The engine had no hint for this code.
			info.Advice = T("Check the provider's configuration, then sign in again.")
		}
		return info
	}

	switch {
	case errors.Is(err, auth.ErrSessionExpired), errors.Is(err, auth.ErrNoRefreshToken),
		errors.Is(err, auth.ErrNotSignedIn):
		info.Action = actionSignIn
	case errors.Is(err, auth.ErrTimeout):
		info.Advice = T("Sign in again and finish in the browser before the time runs out.")
		info.Action = actionSignIn
	case errors.Is(err, auth.ErrStateMismatch):
		info.Advice = T("Sign in again. If it keeps happening, another program may be answering on the redirect address.")
		info.Action = actionSignIn
	case errors.Is(err, auth.ErrKeyringUnavailable):
		info.Advice = T("Start or unlock your desktop's keyring (GNOME Keyring, KWallet, macOS Keychain or Windows Credential Manager), then try again.")
	case errors.Is(err, auth.ErrPortInUse):
		info.Advice = T("Another program is listening on the redirect port. Close it, or choose another port (0 picks a free one) in the provider's settings.")
		info.Action = actionEdit
	case errors.Is(err, auth.ErrIssuerMismatch):
		info.Advice = T("Check the issuer in the provider's settings: it must be exactly the issuer the provider announces.")
		info.Action = actionEdit
	case errors.Is(err, auth.ErrInvalidIDToken), errors.Is(err, auth.ErrSubjectMismatch):
		info.Advice = T("Nothing was stored. Check the issuer and client ID in the provider's settings, then sign in again.")
		info.Action = actionEdit
	case errors.Is(err, auth.ErrBadTokenResponse):
		info.Advice = T("Check the token URL in the provider's settings.")
		info.Action = actionEdit
	case errors.Is(err, auth.ErrNotSupported) && op == T(deviceFailed):
		info.Advice = T("Use Sign in instead: it signs in through this computer's browser.")
	case errors.Is(err, auth.ErrNotSupported):
		info.Advice = T("The provider has no endpoint for this; nothing needs to be done.")
	case errors.Is(err, auth.ErrDeviceCodeExpired):
		info.Advice = T("Press Sign in on another device again for a new code, and enter it before it expires.")
	case errors.Is(err, auth.ErrUnknownProvider):
		info.Advice = T("The provider was removed, perhaps from the command line. Press Refresh.")
	case errors.Is(err, context.DeadlineExceeded), isTimeout(err):
		info.Advice = T("The provider did not answer in time. Check your network connection and try again.")
	}
	return info
}

// isTimeout reports whether err says it is a timeout (net.Error does).
func isTimeout(err error) bool {
	var t interface{ Timeout() bool }
	return errors.As(err, &t) && t.Timeout()
}

// sentence capitalises s and ends it with a full stop.
func sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return T("Unknown error.")
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if !strings.HasSuffix(s, ".") && !strings.HasSuffix(s, "!") && !strings.HasSuffix(s, "?") && !strings.HasSuffix(s, ")") {
		s += "."
	}
	return s
}
