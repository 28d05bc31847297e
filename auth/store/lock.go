package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
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
//
// Dir must be private: another user who can create or write it could hold
// a lock forever or swap the lock file. Acquire creates it 0700, tightens
// our own directory to 0700, and refuses one that another user owns
// (ErrUnsafeLockDir). Every wait is bounded by Wait (ErrLockTimeout).
type Locks struct {
	// Dir holds the lock files; it is created (mode 0700) on first use.
	Dir string
	// DirErr, when set, is why there is no Dir (see DefaultLockDir);
	// Acquire returns it.
	DirErr error
	// Wait bounds how long Acquire waits for a lock another goroutine or
	// process holds; 0 means DefaultLockWait.
	Wait time.Duration

	mu sync.Mutex
	// local holds one mutex per key for goroutines in this process.
	local map[string]*sync.Mutex
}

// lockRetry is how often a waiting process retries the file lock.
const lockRetry = 20 * time.Millisecond

// Acquire takes the lock for key, waiting until ctx is done or Wait has
// passed. The caller must call release exactly once.
func (s *Locks) Acquire(ctx context.Context, key string) (release func(), err error) {
	if s.DirErr != nil {
		return nil, s.DirErr
	}
	if s.Dir == "" {
		return nil, fmt.Errorf("%w: no lock directory is set", ErrUnsafeLockDir)
	}
	wait := s.Wait
	if wait <= 0 {
		wait = DefaultLockWait
	}
	parent := ctx
	ctx, cancel := context.WithTimeout(ctx, wait)
	defer cancel()
	timedOut := func(err error) error {
		if parent.Err() == nil && errors.Is(err, context.DeadlineExceeded) {
			return fmt.Errorf("%w after %s (another oauthdesk window or command is refreshing this session, or is stuck; try again, or end that process; lock file in %s)", ErrLockTimeout, wait, s.Dir)
		}
		return err
	}
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
		return nil, fmt.Errorf("waiting for another refresh of this session: %w", timedOut(ctx.Err()))
	}

	if err := os.MkdirAll(s.Dir, 0o700); err != nil {
		m.Unlock()
		return nil, fmt.Errorf("creating the lock directory: %w", err)
	}
	if err := checkLockDir(s.Dir); err != nil {
		m.Unlock()
		return nil, err
	}
	sum := sha256.Sum256([]byte(key))
	fl := flock.New(filepath.Join(s.Dir, hex.EncodeToString(sum[:8])+".lock"))
	ok, err = fl.TryLockContext(ctx, lockRetry)
	if err != nil || !ok {
		m.Unlock()
		if err == nil {
			err = ctx.Err()
		}
		return nil, fmt.Errorf("waiting for another process's refresh of this session: %w", timedOut(err))
	}
	return func() {
		_ = fl.Unlock()
		m.Unlock()
	}, nil
}
