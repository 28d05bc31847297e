package loopback

import (
	"net/http"
	"sync"

	"oauthdesk/auth/internal/random"
	"oauthdesk/internal/resultpage"
)

// startPrefix is the path of the one-time start URLs.
const startPrefix = "/start/"

// starts are a listener's one-time start URLs and where they lead.
type starts struct {
	mu     sync.Mutex
	target string
	tokens map[string]bool // token → used
	reused chan struct{}   // a used start URL was opened again
	ended  bool            // the sign-in is over (Close)
}

// end marks the sign-in over: no start URL leads anywhere any more (a
// listener may linger after Close to answer reloads).
func (s *starts) end() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.target, s.ended = "", true
}

// over reports whether end was called.
func (s *starts) over() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ended
}

// newStarts makes an empty set.
func newStarts() *starts {
	return &starts{tokens: map[string]bool{}, reused: make(chan struct{}, 1)}
}

// SetTarget sets where start URLs send the browser: the authorization
// request.
func (l *Listener) SetTarget(authURL string) {
	l.starts.mu.Lock()
	defer l.starts.mu.Unlock()
	l.starts.target = authURL
}

// StartURL makes a new one-time start URL, http://IP:PORT/start/RANDOM:
// the address to put on a browser's command line, which any local user
// can read (/proc/PID/cmdline). Each works once; "open again" needs a new
// one.
func (l *Listener) StartURL() string {
	token := random.Token(32)
	l.starts.mu.Lock()
	l.starts.tokens[token] = false
	l.starts.mu.Unlock()
	return "http://" + l.lns[0].Addr().String() + startPrefix + token
}

// Reused is signalled when a start URL that was already used is opened
// again: something else may have opened it first and seen the
// authorization request, so the sign-in should stop.
func (l *Listener) Reused() <-chan struct{} { return l.starts.reused }

// serveStart redirects the browser to the authorization request, once per
// start URL.
func (l *Listener) serveStart(w http.ResponseWriter, r *http.Request, token string) {
	s := l.starts
	s.mu.Lock()
	used, known := s.tokens[token]
	if known {
		s.tokens[token] = true
	}
	target := s.target
	s.mu.Unlock()
	switch {
	case known && !used && target != "":
		w.Header().Set("Cache-Control", "no-store")
		w.Header().Set("Referrer-Policy", "no-referrer")
		http.Redirect(w, r, target, http.StatusSeeOther)
	case known:
		select {
		case s.reused <- struct{}{}:
		default:
		}
		l.render(w, r, Page{Kind: resultpage.StartUsed})
	default:
		l.render(w, r, Page{Kind: resultpage.StartUsed})
	}
}
