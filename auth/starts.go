package auth

import (
	"sync"

	"oauthdesk/auth/loopback"
)

// startRegistry knows the sign-ins in progress by their authorization
// URL, so that OpenURL ("open again" in the app) can open such a URL
// through a fresh one-time start URL instead of putting the authorization
// request on a browser's command line.
type startRegistry struct {
	mu     sync.Mutex
	byAuth map[string]*loopback.Listener
}

// add registers lb under authURL and returns the function that removes it.
func (s *startRegistry) add(authURL string, lb *loopback.Listener) func() {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.byAuth == nil {
		s.byAuth = map[string]*loopback.Listener{}
	}
	s.byAuth[authURL] = lb
	return func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.byAuth[authURL] == lb {
			delete(s.byAuth, authURL)
		}
	}
}

// lookup returns the sign-in in progress with authURL, or nil.
func (s *startRegistry) lookup(authURL string) *loopback.Listener {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.byAuth[authURL]
}

// openGated opens u with the engine's opener, through loopback.CheckBrowserURL
// even when Options.OpenBrowser replaced OpenBrowser.
func (e *Engine) openGated(u string) error {
	if err := loopback.CheckBrowserURL(u); err != nil {
		return err
	}
	return e.open(u)
}
