package auth

import (
	"io"
	"time"
)

// LoginOptions tune one sign-in.
type LoginOptions struct {
	// Timeout bounds the whole sign-in; 0 means DefaultLoginTimeout.
	Timeout time.Duration
	// Manual is for a browser on another machine: the authorize URL is
	// printed and the person pastes back the URL the browser was
	// redirected to, read from ManualInput.
	Manual bool
	// ManualInput is where the pasted redirect URL is read from in Manual
	// mode.
	ManualInput io.Reader
	// NoBrowser skips opening a browser; OnAuthURL still receives the URL.
	NoBrowser bool
	// OnAuthURL is called with the authorize URL once the listener is up,
	// before the browser is opened, so that a UI can show it.
	OnAuthURL func(authURL string)
	// OnBrowserError is called when no browser could be opened; the
	// sign-in keeps waiting, so the person can open the URL by hand.
	OnBrowserError func(err error)
}

// DefaultLoginTimeout is how long a sign-in waits for the browser.
const DefaultLoginTimeout = 5 * time.Minute
