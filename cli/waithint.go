package cli

import (
	"fmt"
	"io"
	"net/url"
	"sync"
	"time"

	"oauthdesk/auth"
)

// waitHintAfter is how long login waits for the browser before it says
// what to check: a provider that rejects the client ID or the redirect URI
// shows its own error page and never redirects, and the wait would
// otherwise end only in "timed out". The window says the same (ui/waithint.go).
const waitHintAfter = 8 * time.Second

// waitHinter prints the hint once the wait is long; stop ends it.
type waitHinter struct {
	mu    sync.Mutex
	w     io.Writer
	timer *time.Timer
	done  bool
}

// arm (re)starts the hint's clock for p's sign-in that sent the browser to
// authURL.
func (h *waitHinter) arm(p auth.Provider, authURL string) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.done {
		return
	}
	if h.timer != nil {
		h.timer.Stop()
	}
	h.timer = time.AfterFunc(waitHintAfter, func() {
		h.mu.Lock()
		defer h.mu.Unlock()
		if !h.done {
			fmt.Fprint(h.w, waitHintText(p, authURL))
		}
	})
}

// stop ends the wait: no hint is printed after it.
func (h *waitHinter) stop() {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.done = true
	if h.timer != nil {
		h.timer.Stop()
	}
}

// waitHintText names the client ID and the exact redirect URI of the
// request (its port may be picked per sign-in; with PAR it is not in the
// URL, and the configured one is named).
func waitHintText(p auth.Provider, authURL string) string {
	clientID, redirect := p.ClientID, p.RedirectURI(0)
	if u, err := url.Parse(authURL); err == nil {
		q := u.Query()
		if v := q.Get("client_id"); v != "" {
			clientID = v
		}
		if v := q.Get("redirect_uri"); v != "" {
			redirect = v
		}
	}
	return fmt.Sprintf("Still waiting. If the browser shows an error (redirect_uri_mismatch, invalid client…), check these at the provider:\n"+
		"  client ID     %s\n  redirect URI  %s  (registered exactly, as a loopback or desktop app redirect)\n",
		terminalSafe(clientID), terminalSafe(redirect))
}
