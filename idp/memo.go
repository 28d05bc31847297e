package idp

import (
	"sync"
	"time"
)

// memoCap bounds how many entries a memo holds; when it is full, put drops
// entries (those past half their lifetime first, then any) until half of
// it is free, so no client can grow it without limit.
const memoCap = 1024

// memo remembers short strings by key for a while: the username of the
// last failed login of a request (for post/redirect/get), and the requests
// that were answered (so Back to their pages shows a calm page).
type memo struct {
	ttl time.Duration
	mu  sync.Mutex
	m   map[string]memoEntry
}

// memoEntry is one remembered value.
type memoEntry struct {
	val string
	at  time.Time
}

// newMemo makes a memo whose entries live for ttl.
func newMemo(ttl time.Duration) *memo { return &memo{ttl: ttl, m: map[string]memoEntry{}} }

// put remembers val under key.
func (m *memo) put(key, val string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	now := time.Now()
	if len(m.m) >= memoCap {
		for k, e := range m.m {
			if now.Sub(e.at) > m.ttl/2 || len(m.m) >= memoCap {
				delete(m.m, k)
			}
			if len(m.m) < memoCap/2 {
				break
			}
		}
	}
	m.m[key] = memoEntry{val: val, at: now}
}

// get returns the live value under key.
func (m *memo) get(key string) (string, bool) {
	m.mu.Lock()
	defer m.mu.Unlock()
	e, ok := m.m[key]
	if !ok || time.Since(e.at) > m.ttl {
		delete(m.m, key)
		return "", false
	}
	return e.val, true
}

// drop forgets key.
func (m *memo) drop(key string) {
	m.mu.Lock()
	defer m.mu.Unlock()
	delete(m.m, key)
}
