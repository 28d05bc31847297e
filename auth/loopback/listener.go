// Package loopback is the native app's side of the browser redirect (RFC
// 8252): a one-shot HTTP listener on a loopback IP literal that takes
// exactly one redirect and shows the outcome page in the browser
// (Listener), the checks that redirect must pass before its code is used
// (ParseCallback: state, RFC 9207 iss, the provider's error), the same for
// a redirect URL pasted by hand (ParsePasted), and the one gate that opens
// URLs in the person's browser (OpenBrowser). It knows nothing of token
// endpoints or storage.
package loopback

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
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

// Listener is the redirect listener of RFC 8252 §7.3: an HTTP server on a
// loopback IP literal that accepts exactly one callback, on one path and
// with a Host header naming itself (against DNS rebinding), shows the
// outcome in the browser, and closes.
type Listener struct {
	ln        net.Listener
	srv       *http.Server
	path      string
	hosts     map[string]bool
	callbacks chan Callback
	once      sync.Once
}

// replyWait bounds how long the browser page waits for the sign-in to
// finish before it shows a neutral message.
const replyWait = 60 * time.Second

// ErrPortInUse means the fixed loopback redirect port is taken.
var ErrPortInUse = errors.New("the redirect port is already in use")

// Listen starts a listener for the redirect URI http://host:port/path.
// host is the redirect URI's loopback host (127.0.0.1, [::1] or
// localhost); the listener binds the IP literal, 127.0.0.1 for localhost
// (RFC 8252 §8.3 says to listen on the IP, not the name). With port 0 the
// system picks a free port. A taken fixed port is ErrPortInUse.
func Listen(host string, port int, path string) (*Listener, error) {
	addr := listenAddress(host, port)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("%w: %s is taken by another program; stop it, or change redirect_port (it must match the redirect URI registered at the provider)", ErrPortInUse, addr)
		}
		return nil, fmt.Errorf("starting the redirect listener on %s: %w", addr, err)
	}
	port = ln.Addr().(*net.TCPAddr).Port
	l := &Listener{
		ln:        ln,
		path:      path,
		callbacks: make(chan Callback, 1),
		hosts:     map[string]bool{},
	}
	// The Host header must name this listener: a DNS-rebinding page that
	// points evil.example at 127.0.0.1 sends Host: evil.example.
	host = strings.Trim(host, "[]")
	l.hosts[net.JoinHostPort(host, strconv.Itoa(port))] = true
	if strings.EqualFold(host, "localhost") {
		l.hosts[net.JoinHostPort("127.0.0.1", strconv.Itoa(port))] = true
	}
	l.srv = &http.Server{
		Handler:           http.HandlerFunc(l.serve),
		ReadHeaderTimeout: 10 * time.Second,
		MaxHeaderBytes:    64 << 10,
	}
	go l.srv.Serve(ln) //nolint:errcheck // Serve returns ErrServerClosed on close.
	return l, nil
}

// Port is the port the listener is bound to.
func (l *Listener) Port() int { return l.ln.Addr().(*net.TCPAddr).Port }

// serve handles a request to the listener.
func (l *Listener) serve(w http.ResponseWriter, r *http.Request) {
	if !l.hosts[strings.ToLower(r.Host)] {
		l.render(w, r, Page{Kind: resultpage.WrongHost})
		return
	}
	if r.URL.Path != l.path || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		l.render(w, r, Page{Kind: resultpage.NotFound})
		return
	}
	first := false
	l.once.Do(func() { first = true })
	if !first {
		l.render(w, r, Page{Kind: resultpage.AlreadyHandled})
		return
	}
	cb := Callback{Query: r.URL.Query(), reply: make(chan Page, 1)}
	l.callbacks <- cb
	select {
	case page := <-cb.reply:
		l.render(w, r, page)
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

// Close shuts the listener down, letting an in-flight reply finish.
func (l *Listener) Close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = l.srv.Shutdown(ctx)
}

// listenAddress is the address to bind for a redirect to host:port: the IP
// literal, or 127.0.0.1 when the redirect names localhost.
func listenAddress(host string, port int) string {
	host = strings.Trim(host, "[]")
	if strings.EqualFold(host, "localhost") {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, strconv.Itoa(port))
}
