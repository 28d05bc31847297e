package auth

import (
	"errors"

	"oauthdesk/auth/provider"
)

// Sentinel errors that callers branch on. They are wrapped with context, so
// test for them with errors.Is.
var (
	// ErrNotSignedIn means there is no stored session for the provider.
	ErrNotSignedIn = errors.New("not signed in")
	// ErrSessionExpired means the provider rejected the refresh token
	// (invalid_grant, RFC 6749 §5.2). The stored session has been removed and
	// the person has to sign in again.
	ErrSessionExpired = errors.New("the session has ended at the provider; sign in again")
	// ErrNoRefreshToken means the access token has expired and there is no
	// refresh token to renew it with.
	ErrNoRefreshToken = errors.New("the access token has expired and the provider gave no refresh token; sign in again")
	// ErrUnknownProvider means no provider has the requested ID.
	ErrUnknownProvider = provider.ErrUnknownProvider
	// ErrTimeout means the person did not finish signing in in time.
	ErrTimeout = errors.New("timed out waiting for the browser to return")
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
	// ErrCanceled means the sign-in was canceled.
	ErrCanceled = errors.New("sign-in canceled")
)
