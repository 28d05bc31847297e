package ui

import (
	"context"
	"errors"

	"oauthdesk/auth"
)

// The engine's errors are English sentences with their particulars (the
// provider, the URL, the reason). In Korean, an error the window knows by
// its sentinel is said in Korean, and the engine's English follows as a
// detail, so nothing of it is lost; an unknown error is shown as the
// engine words it.

// errorSummaries say what a sentinel error means, in a sentence.
var errorSummaries = []struct {
	err     error
	summary string
}{
	{auth.ErrCanceled, "The sign-in was canceled."},
	{auth.ErrNotSignedIn, "You are not signed in."},
	{auth.ErrSessionExpired, "The session has ended at the provider."},
	{auth.ErrNoRefreshToken, "The access token has expired and the provider gave no refresh token."},
	{auth.ErrTimeout, "The browser did not come back in time."},
	{auth.ErrStateMismatch, "The redirect's state does not match this sign-in."},
	{auth.ErrMissingCode, "The redirect carried no authorization code."},
	{auth.ErrKeyringLocked, "The keyring is locked."},
	{auth.ErrKeyringUnavailable, "The keyring cannot be reached."},
	{auth.ErrPortInUse, "The redirect port is in use."},
	{auth.ErrIssuerMismatch, "The provider announces another issuer than the one configured."},
	{auth.ErrInvalidIDToken, "The ID token is not valid."},
	{auth.ErrSubjectMismatch, "The userinfo's subject does not match the ID token's."},
	{auth.ErrBadTokenResponse, "The token endpoint's answer is not a usable token response."},
	{auth.ErrNotSupported, "The provider does not support this."},
	{auth.ErrDeviceCodeExpired, "The code expired before it was approved."},
	{auth.ErrUnknownProvider, "There is no such provider."},
	{auth.ErrInvalidURL, "The URL cannot be used."},
	{auth.ErrInsecureURL, "The access token is not sent over plain http to a host other than this computer; use https."},
	{auth.ErrUnreachable, "The server could not be reached."},
	{auth.ErrTokenPlacement, "The access token cannot go where it was asked to."},
	{context.DeadlineExceeded, "The request took too long."},
}

// errorSummary is the sentence for err's sentinel, "" when it has none.
func errorSummary(err error) string {
	for _, s := range errorSummaries {
		if errors.Is(err, s.err) {
			return s.summary
		}
	}
	return ""
}

// localizeMessage fills info's message for err in the window's language:
// in Korean, the sentinel's sentence with the engine's English kept as a
// detail.
func localizeMessage(info *errorInfo, err error) {
	if !korean() {
		return
	}
	summary := errorSummary(err)
	if summary == "" {
		return
	}
	info.Details = append([]string{T("Details (as the engine says it): {{.Error}}", "Error", info.Message)}, info.Details...)
	info.Message = T(summary)
}
