package resultpage

import "net/http"

// Kind is what happened, and so which page is shown.
type Kind int

// The pages of the loopback listener.
const (
	// Success: the sign-in finished; Provider and Account say where and as
	// whom.
	Success Kind = iota
	// Declined: the person declined at the provider (error=access_denied,
	// which includes Cancel on a login page). Nothing was stored.
	Declined
	// Failed: the sign-in failed. Reason is the engine's explanation;
	// ErrorCode and ErrorDescription are the provider's, if it sent an
	// error.
	Failed
	// StateMismatch: a redirect whose state is not the sign-in's. With
	// StillWaiting, oauthdesk ignored it and keeps waiting for the real
	// one; without, the sign-in ended.
	StateMismatch
	// Finishing: the redirect arrived but the sign-in has not finished
	// within the listener's wait; the app shows the result.
	Finishing
	// AlreadyHandled: the sign-in's redirect was already received (a
	// reload, Back, or a second redirect). A calm page.
	AlreadyHandled
	// StartUsed: a one-time start URL that was already used or is unknown.
	StartUsed
	// NotFound: a path the listener does not serve.
	NotFound
	// WrongHost: a Host header that does not name the listener (DNS
	// rebinding).
	WrongHost
	// ForeignUser: a request from another user's process on this computer.
	ForeignUser
)

// Outcome is what a page says.
type Outcome struct {
	Kind Kind
	// Provider is the provider's display name (Success, Declined, Failed).
	Provider string
	// Account names who signed in, if known (Success).
	Account string
	// ErrorCode and ErrorDescription are the provider's error and
	// error_description (RFC 6749 §4.1.2.1), if it sent one.
	ErrorCode, ErrorDescription string
	// Reason is the engine's explanation of a failure (Failed); it is shown
	// as a sentence under the technical details.
	Reason string
	// StillWaiting is true when the listener ignored this redirect and
	// keeps waiting for the sign-in's own (StateMismatch).
	StillWaiting bool
}

// Status is the HTTP status of the page for k.
func Status(k Kind) int {
	switch k {
	case Failed, StateMismatch:
		return http.StatusBadRequest
	case AlreadyHandled, StartUsed:
		return http.StatusGone
	case NotFound:
		return http.StatusNotFound
	case WrongHost:
		return http.StatusMisdirectedRequest
	case ForeignUser:
		return http.StatusForbidden
	default:
		return http.StatusOK
	}
}
