package ui

import (
	"context"
	"time"

	"oauthdesk/auth"
)

// expiresSoon is how close to its expiry a token counts as "expires soon".
const expiresSoon = 5 * time.Minute

// session is what the window knows about one provider's sign-in. It belongs
// to the UI goroutine.
type session struct {
	provider auth.Provider

	// loaded is true once Status has answered.
	loaded bool
	// reloads counts status reloads, so that a stale answer is dropped.
	reloads   int
	status    auth.Status
	statusErr error
	// tokens is the stored token set, nil when signed out.
	tokens *auth.TokenSet
	// accounts are the provider's signed-in accounts, the active first.
	accounts []auth.Account

	profile        *auth.Profile
	profileErr     error
	profileLoading bool
	// avatar is the decoded-checked image for profile.Picture.
	avatar []byte

	// login is non-nil while a sign-in waits for the browser.
	login *loginState
	// device is non-nil while a device sign-in waits for approval.
	device *deviceState
	// busy names a running operation ("Refreshing…"); empty when idle.
	busy string
	// err is the last failed operation, shown until dismissed.
	err   error
	errOp string
	// notice is a passing remark such as "Sign-in canceled."
	notice string

	// introspection is the provider's last answer about the access
	// token, introspectErr its failure, both of introspectedAt.
	introspection  map[string]any
	introspectErr  error
	introspecting  bool
	introspectedAt time.Time

	// autoRefresh refreshes the token about a minute before it expires.
	autoRefresh bool
	autoTimer   *time.Timer
	lastAuto    time.Time
}

// loginState is one running sign-in.
type loginState struct {
	// machine is set for the client credentials grant: no browser.
	machine    bool
	cancel     context.CancelFunc
	authURL    string
	browserErr error
	// urlAt is when the browser was sent to authURL; hint, once the wait
	// is long, what to check at the provider.
	urlAt time.Time
	hint  string
}

// sessionState is what the status badge says.
type sessionState int

// The badge states.
const (
	stateLoading sessionState = iota
	stateSignedOut
	stateSigningIn
	stateSignedIn
	stateExpiresSoon
	stateExpired
	stateError
)

// label is the badge text.
func (st sessionState) label() string {
	switch st {
	case stateSignedOut:
		return T("signed out")
	case stateSigningIn:
		return T("signing in…")
	case stateSignedIn:
		return T("signed in")
	case stateExpiresSoon:
		return T("expires soon")
	case stateExpired:
		return T("expired")
	case stateError:
		return T("error")
	}
	return T("loading…")
}

// state reduces the session to a badge state at now.
func (s *session) state(now time.Time) sessionState {
	switch {
	case s.login != nil || s.device != nil:
		return stateSigningIn
	case s.statusErr != nil || s.err != nil:
		return stateError
	case !s.loaded:
		return stateLoading
	case !s.status.SignedIn:
		return stateSignedOut
	}
	exp := s.status.ExpiresAt
	switch {
	case s.status.Expired || (exp != nil && !now.Before(*exp)):
		return stateExpired
	case exp != nil && exp.Sub(now) < expiresSoon:
		return stateExpiresSoon
	}
	return stateSignedIn
}

// signedIn reports whether a token set is stored.
func (s *session) signedIn() bool { return s.loaded && s.status.SignedIn }

// account is the best human label for the signed-in account.
func (s *session) account() string {
	if s.profile != nil {
		if s.profile.Email != "" {
			return s.profile.Email
		}
		if s.profile.Name != "" {
			return s.profile.Name
		}
	}
	if s.status.Account != "" {
		return s.status.Account
	}
	return s.status.Subject
}

// setError records a failed operation for the banner and the badge.
func (s *session) setError(op string, err error) {
	s.err, s.errOp, s.notice = err, op, ""
}

// clearError dismisses the banner.
func (s *session) clearError() { s.err, s.errOp = nil, "" }

// stopAutoRefresh cancels a scheduled automatic refresh.
func (s *session) stopAutoRefresh() {
	if s.autoTimer != nil {
		s.autoTimer.Stop()
		s.autoTimer = nil
	}
}
