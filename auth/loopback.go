package auth

import (
	"context"
	"errors"
	"fmt"
	"html/template"
	"net"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"oauthdesk/assets"
)

// callbackPage renders the page the browser shows after the redirect.
var callbackPage = template.Must(template.New("callback").Parse(assets.CallbackPage))

// pageData fills callbackPage.
type pageData struct {
	OK                     bool
	Title, Message, Detail string
}

// callback is one redirect that reached the listener: its query, and where
// to send the outcome that the browser page shows.
type callback struct {
	query url.Values
	reply chan pageData
}

// loopback is the redirect listener of RFC 8252 §7.3: an HTTP server on a
// loopback IP literal that accepts exactly one callback, shows the outcome
// in the browser, and closes.
type loopback struct {
	ln        net.Listener
	srv       *http.Server
	path      string
	hosts     map[string]bool
	callbacks chan callback
	once      sync.Once
}

// replyWait bounds how long the browser page waits for the sign-in to
// finish before it shows a neutral message.
const replyWait = 60 * time.Second

// listenLoopback binds the provider's loopback address. With port 0 the
// system picks a free port.
func listenLoopback(p Provider) (*loopback, error) {
	addr := p.listenAddress()
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		if errors.Is(err, syscall.EADDRINUSE) {
			return nil, fmt.Errorf("%w: %s is taken by another program; stop it, or change redirect_port (it must match the redirect URI registered at the provider)", ErrPortInUse, addr)
		}
		return nil, fmt.Errorf("starting the redirect listener on %s: %w", addr, err)
	}
	port := ln.Addr().(*net.TCPAddr).Port
	l := &loopback{
		ln:        ln,
		path:      p.redirectPath(),
		callbacks: make(chan callback, 1),
		hosts:     map[string]bool{},
	}
	// The Host header must name this listener: a DNS-rebinding page that
	// points evil.example at 127.0.0.1 sends Host: evil.example.
	host := strings.Trim(p.redirectHost(), "[]")
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

// port is the port the listener is bound to.
func (l *loopback) port() int { return l.ln.Addr().(*net.TCPAddr).Port }

// serve handles a request to the listener.
func (l *loopback) serve(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Cache-Control", "no-store")
	w.Header().Set("Referrer-Policy", "no-referrer")
	w.Header().Set("X-Content-Type-Options", "nosniff")
	w.Header().Set("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
	if !l.hosts[strings.ToLower(r.Host)] {
		http.Error(w, "wrong host", http.StatusMisdirectedRequest)
		return
	}
	if r.URL.Path != l.path || (r.Method != http.MethodGet && r.Method != http.MethodHead) {
		http.NotFound(w, r)
		return
	}
	first := false
	l.once.Do(func() { first = true })
	if !first {
		l.render(w, http.StatusGone, pageData{Title: "Already handled", Message: "oauthdesk already received a redirect for this sign-in. Start a new sign-in from oauthdesk if you need to."})
		return
	}
	cb := callback{query: r.URL.Query(), reply: make(chan pageData, 1)}
	l.callbacks <- cb
	select {
	case page := <-cb.reply:
		status := http.StatusOK
		if !page.OK {
			status = http.StatusBadRequest
		}
		l.render(w, status, page)
	case <-time.After(replyWait):
		l.render(w, http.StatusOK, pageData{OK: true, Title: "Back to oauthdesk", Message: "oauthdesk received the redirect and is finishing the sign-in."})
	case <-r.Context().Done():
	}
}

// render writes the callback page.
func (l *loopback) render(w http.ResponseWriter, status int, page pageData) {
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.WriteHeader(status)
	_ = callbackPage.Execute(w, page)
}

// wait returns the one callback, or ctx's error.
func (l *loopback) wait(ctx context.Context) (callback, error) {
	select {
	case cb := <-l.callbacks:
		return cb, nil
	case <-ctx.Done():
		return callback{}, ctx.Err()
	}
}

// close shuts the listener down, letting an in-flight reply finish.
func (l *loopback) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	_ = l.srv.Shutdown(ctx)
}
