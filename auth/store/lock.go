package store

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

// Locks serialises work on one key across goroutines and across processes
// (the GUI and the CLI run side by side): a refresh token that rotates must
// be used once, and the rotated one saved, before anyone else refreshes.
// Each key's lock is a file in Dir, named by a hash of the key. The zero
// value is ready once Dir is set.
type Locks struct {
	// Dir holds the lock files; it is created (mode 0700) on first use.
	Dir string

	mu sync.Mutex
	// local holds one mutex per key for goroutines in this process.
	local map[string]*sync.Mutex
}

// lockRetry is how often a waiting process retries the file lock.
const lockRetry = 20 * time.Millisecond

// Acquire takes the lock for key, waiting until ctx is done. The caller
// must call release exactly once.
func (s *Locks) Acquire(ctx context.Context, key string) (release func(), err error) {
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

	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		m.Unlock()
		return nil, fmt.Errorf("creating the lock directory: %w", err)
	}
	sum := sha256.Sum256([]byte(key))
	fl := flock.New(filepath.Join(s.Dir, hex.EncodeToString(sum[:8])+".lock"))
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
