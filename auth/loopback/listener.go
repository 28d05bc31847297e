// Package loopback is the native app's side of the browser redirect (RFC
// 8252): a one-shot HTTP listener on the loopback IP literals of one port
// (both 127.0.0.1 and [::1] for localhost) that hands the browser the
// authorization request through a one-time start URL, ignores redirects
// with another sign-in's state, takes exactly one redirect with its own,
// refuses other users' connections where the system says who connects,
// and shows the outcome page in the browser (Listener); the checks that
// redirect must pass before its code is used (ParseCallback: state, RFC
// 9207 iss whenever present, the provider's error), the same for a
// redirect URL pasted by hand (ParsePasted); and the one gate in front of
// every URL opened in the person's browser (CheckBrowserURL, run by
// OpenBrowser). It knows nothing of token endpoints or storage.
package loopback

import (
	"context"
	"crypto/subtle"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"oauthdesk/internal/resultpage"
)

// Page is what the browser shows once the redirect has been handled: the
// outcome's kind (resultpage.Success, Declined, Failed, …) and what the
// page names. internal/resultpage renders it, in English or Korean as the
// browser's Accept-Language asks, with the listener's security headers.
type Page = resultpage.Outcome

// Callback is one redirect that reached the listener: its query, and
// where to send the page the browser shows.
type Callback struct {
	// Query is the redirect's query.
	Query url.Values
	reply chan Page
}

// Reply shows page in the browser that made the redirect. It does nothing
// for a Callback without a browser waiting (one built from a pasted URL).
func (c Callback) Reply(page Page) {
	if c.reply != nil {
		c.reply <- page
	}
}

// Listener is the redirect listener of RFC 8252 §7.3: an HTTP server on
// the loopback IP literals of one port that
//   - serves one-time start URLs (StartURL), each redirecting the browser
//     to the authorization request (SetTarget) once, so that the request's
//     state, nonce and PKCE challenge never appear in a process's
//     arguments;
//   - answers a redirect whose state is not this sign-in's with an error
//     page and keeps waiting;
//   - accepts exactly one redirect with the right state, on its path,
//     shows the outcome in the browser, and closes;
//   - refuses a Host header that does not name it (DNS rebinding), and
//     requests from another user's processes where the system says who
//     is connecting (Linux).
type Listener struct {
	lns       []net.Listener
	srv       *http.Server
	path      string
	state     string
	hosts     map[string]bool
	callbacks chan Callback
	once      sync.Once
	starts    *starts
	// fixedPort is true when the redirect URI names the port; such a
	// listener is released at Close at once, so the next sign-in can bind it.
	fixedPort bool
	// handled is set once the sign-in's redirect was taken; replied is
	// closed once its page was written.
	handled atomic.Bool
	replied chan struct{}
}

// lingerFor is how long a listener on a port the system chose keeps
// answering after Close, once it took the sign-in's redirect: a reload or
// Back to the result page then shows a calm "already handled" page instead
// of the browser's "can't be reached".
const lingerFor = 2 * time.Minute

// replyWait bounds how long the browser page waits for the sign-in to
// finish before it shows a neutral message.
const replyWait = 60 * time.Second

// ErrPortInUse means the fixed loopback redirect port is taken.
var ErrPortInUse = errors.New("the redirect port is already in use")

// Listen starts the listener for the sign-in whose redirect URI is
// http://host:port/path and whose state is state. host is the redirect
// URI's loopback host (127.0.0.1, [::1] or localhost, any case); the
// listener binds the IP literal, and for localhost both 127.0.0.1 and
// [::1] on one port, since browsers try ::1 first and another local user
// could otherwise take it. With port 0 the system picks a port free on
// both. A taken address is ErrPortInUse, naming it.
func Listen(host string, port int, path, state string) (*Listener, error) {
	lns, err := listenAddrs(host, port)
	if err != nil {
		return nil, portInUse(err, port)
	}
	fixed := port != 0
	port = lns[0].Addr().(*net.TCPAddr).Port
	l := &Listener{
		fixedPort: fixed,
		replied:   make(chan struct{}),
		lns:       lns,
		path:      path,
		state:     state,
		callbacks: make(chan Callback, 1),
		hosts:     map[string]bool{},
		starts:    newStarts(),
	}
	for _, ln := range lns {
		l.hosts[ln.Addr().String()] = true
	}
	l.hosts[net.JoinHostPort(strings.ToLower(strings.Trim(host, "[]")), strconv.Itoa(port))] = true
	l.srv = &http.Server{
		Handler:           http.HandlerFunc(l.serve),
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ConnContext:       withPeer,
	}
	for _, ln := range lns {
		go l.srv.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed on close.
	}
	return l, nil
}

// Port is the port the listener is bound to.
func (l *Listener) Port() int { return l.lns[0].Addr().(*net.TCPAddr).Port }

// serve handles a request to the listener.
func (l *Listener) serve(w http.ResponseWriter, r *http.Request) {
	if !l.hosts[strings.ToLower(r.Host)] {
		l.render(w, r, Page{Kind: resultpage.WrongHost})
		return
	}
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		l.render(w, r, Page{Kind: resultpage.NotFound})
		return
	}
	if foreignPeer(r.Context()) {
		l.render(w, r, Page{Kind: resultpage.ForeignUser})
		return
	}
	switch {
	case strings.HasPrefix(r.URL.Path, startPrefix) && r.Method == http.MethodHead:
		// A link preview must not use up the one-time URL.
		w.WriteHeader(http.StatusNoContent)
	case strings.HasPrefix(r.URL.Path, startPrefix):
		l.serveStart(w, r, strings.TrimPrefix(r.URL.Path, startPrefix))
	case r.URL.Path == l.path:
		l.serveCallback(w, r)
	default:
		l.render(w, r, Page{Kind: resultpage.NotFound})
	}
}

// serveCallback takes the one redirect with this sign-in's state; one
// with another state gets an error page and the listener keeps waiting.
func (l *Listener) serveCallback(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if s := q["state"]; len(s) != 1 || subtle.ConstantTimeCompare([]byte(s[0]), []byte(l.state)) != 1 {
		l.render(w, r, Page{Kind: resultpage.StateMismatch, StillWaiting: !l.starts.over()})
		return
	}
	first := false
	l.once.Do(func() { first = true })
	if !first {
		l.render(w, r, Page{Kind: resultpage.AlreadyHandled})
		return
	}
	l.handled.Store(true)
	defer close(l.replied)
	cb := Callback{Query: q, reply: make(chan Page, 1)}
	l.callbacks <- cb
	select {
	case page := <-cb.reply:
		l.render(w, r, page)
		_ = http.NewResponseController(w).Flush()
	case <-time.After(replyWait):
		l.render(w, r, Page{Kind: resultpage.Finishing})
	case <-r.Context().Done():
	}
}

// render writes page for r's browser (its status, headers and language
// come from resultpage).
func (l *Listener) render(w http.ResponseWriter, r *http.Request, page Page) {
	resultpage.Render(w, r.Header.Get("Accept-Language"), page)
}

// Callbacks delivers the one callback the listener accepts.
func (l *Listener) Callbacks() <-chan Callback { return l.callbacks }

// Wait returns the one callback, or ctx's error.
func (l *Listener) Wait(ctx context.Context) (Callback, error) {
	select {
	case cb := <-l.callbacks:
		return cb, nil
	case <-ctx.Done():
		return Callback{}, ctx.Err()
	}
}

// Close ends the sign-in's listening: no redirect is taken after it. A
// listener on a fixed port shuts down at once (letting an in-flight reply
// finish). One on a port the system chose that took its redirect keeps
// answering "already handled" for lingerFor, in the background, so a
// reload of the result page stays calm; in a process that exits (the CLI)
// it ends with the process.
func (l *Listener) Close() {
	l.once.Do(func() {}) // from now on every redirect is "already handled"
	l.starts.end()       // and no start URL leads to the authorization request
	if !l.fixedPort && l.handled.Load() {
		// Let the result page reach the browser before returning: the CLI
		// exits right after Close.
		select {
		case <-l.replied:
		case <-time.After(2 * time.Second):
		}
		time.AfterFunc(lingerFor, l.shutdown)
		return
	}
	l.shutdown()
}

// shutdown stops the server, letting an in-flight reply finish.
func (l *Listener) shutdown() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = l.srv.Shutdown(ctx)
}
