package auth

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/gofrs/flock"
)

// sessionLock serialises refreshes of one session across goroutines and
// across processes (the GUI and the CLI run side by side): a refresh token
// that rotates must be used once, and the rotated one saved, before anyone
// else refreshes.
type sessionLock struct {
	dir string
	mu  sync.Mutex
	// local holds one mutex per key for goroutines in this process.
	local map[string]*sync.Mutex
}

// lockRetry is how often a waiting process retries the file lock.
const lockRetry = 20 * time.Millisecond

// acquire takes the lock for key, waiting until ctx is done.
func (s *sessionLock) acquire(ctx context.Context, key string) (release func(), err error) {
	s.mu.Lock()
	if s.local == nil {
		s.local = map[string]*sync.Mutex{}
	}
	m, ok := s.local[key]
	if !ok {
		m = &sync.Mutex{}
		s.local[key] = m
	}
	s.mu.Unlock()

	got := make(chan struct{})
	go func() { m.Lock(); close(got) }()
	select {
	case <-got:
	case <-ctx.Done():
		go func() { <-got; m.Unlock() }()
		return nil, fmt.Errorf("waiting for another refresh of this session: %w", ctx.Err())
	}

	if err := os.MkdirAll(s.dir, 0o700); err != nil {
		m.Unlock()
		return nil, fmt.Errorf("creating the lock directory: %w", err)
	}
	sum := sha256.Sum256([]byte(key))
	fl := flock.New(filepath.Join(s.dir, hex.EncodeToString(sum[:8])+".lock"))
	ok, err = fl.TryLockContext(ctx, lockRetry)
	if err != nil || !ok {
		m.Unlock()
		if err == nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("waiting for another process's refresh of this session: %w", err)
	}
	return func() {
		_ = fl.Unlock()
		m.Unlock()
	}, nil
}
