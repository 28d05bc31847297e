package auth

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors that callers branch on. They are wrapped with context, so
// test for them with errors.Is.
var (
	// ErrNotFound means the store holds nothing under the key.
	ErrNotFound = errors.New("not found in the store")
	// ErrNotSignedIn means there is no stored session for the provider.
	ErrNotSignedIn = errors.New("not signed in")
	// ErrSessionExpired means the provider rejected the refresh token
	// (invalid_grant, RFC 6749 §5.2). The stored session has been removed and
	// the person has to sign in again.
	ErrSessionExpired = errors.New("the session has ended at the provider; sign in again")
	// ErrNoRefreshToken means the access token has expired and there is no
	// refresh token to renew it with.
	ErrNoRefreshToken = errors.New("the access token has expired and the provider gave no refresh token; sign in again")
	// ErrKeyringUnavailable means no OS keyring (Secret Service, Keychain,
	// Credential Manager) could be reached.
	ErrKeyringUnavailable = errors.New("the OS keyring is not available")
	// ErrUnknownProvider means no provider has the requested ID.
	ErrUnknownProvider = errors.New("unknown provider")
	// ErrPortInUse means the fixed loopback redirect port is taken.
	ErrPortInUse = errors.New("the redirect port is already in use")
	// ErrTimeout means the person did not finish signing in in time.
	ErrTimeout = errors.New("timed out waiting for the browser to return")
	// ErrStateMismatch means the redirect's state did not match the one we
	// sent (RFC 6749 §10.12, CSRF).
	ErrStateMismatch = errors.New("the redirect's state does not match this sign-in (possible CSRF); nothing was stored")
	// ErrIssuerMismatch means an issuer (RFC 9207 iss, discovery, ID token)
	// is not the configured one (mix-up attack, RFC 9700 §4.4).
	ErrIssuerMismatch = errors.New("issuer mismatch")
	// ErrMissingCode means the redirect carried neither a code nor an error.
	ErrMissingCode = errors.New("the redirect carried no authorization code")
	// ErrInvalidIDToken means the ID token failed verification.
	ErrInvalidIDToken = errors.New("the ID token is not valid")
	// ErrSubjectMismatch means userinfo's sub differs from the ID token's
	// (OpenID Connect Core §5.3.2).
	ErrSubjectMismatch = errors.New("userinfo's subject does not match the ID token's")
	// ErrBadTokenResponse means the token endpoint answered with something
	// that is not a usable token response.
	ErrBadTokenResponse = errors.New("the token endpoint's answer is not a usable token response")
	// ErrNotSupported means the provider has no endpoint for the operation.
	ErrNotSupported = errors.New("the provider does not support this")
	// ErrResponseTooLarge means a response body passed the size limit.
	ErrResponseTooLarge = errors.New("the response is too large")
	// ErrCanceled means the sign-in was canceled.
	ErrCanceled = errors.New("sign-in canceled")
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
	b.WriteString(sanitize(e.Code, 64))
	if e.Description != "" {
		b.WriteString(" (" + sanitize(e.Description, 300) + ")")
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

// ConfigError points at the place in a providers file that is wrong.
type ConfigError struct {
	// File is the path of the config file.
	File string
	// Line is the 1-based line, or 0 when unknown.
	Line int
	// Field is the TOML key at fault, such as providers[2].client_id.
	Field string
	// Msg says what is wrong.
	Msg string
}

// Error formats as file:line: field: message.
func (e *ConfigError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", loc, e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, e.Msg)
}

// sanitize keeps provider-sent text printable and short, so that a hostile
// provider cannot spoof a terminal or flood an error message.
func sanitize(s string, max int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n >= max {
			b.WriteString("…")
			break
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
