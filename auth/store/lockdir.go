package store

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// DefaultLockWait bounds a wait for a lock: long enough for another
// process's refresh (one HTTP exchange of at most 30 s and a keyring write),
// short enough that a stuck or hostile holder ends in an error, not a hang.
const DefaultLockWait = 45 * time.Second

// Errors of Locks that callers branch on.
var (
	// ErrNoLockDir means there is no private directory for the locks:
	// neither a user cache directory nor $XDG_RUNTIME_DIR.
	ErrNoLockDir = errors.New("there is no private directory for the refresh locks: $XDG_CACHE_HOME, $HOME and $XDG_RUNTIME_DIR are all unset (a shared /tmp would let another user hold or take the lock); set one of them")
	// ErrUnsafeLockDir means the lock directory is not private: another
	// user owns it, or it is not a plain directory.
	ErrUnsafeLockDir = errors.New("the lock directory is not private")
	// ErrLockTimeout means a lock stayed held for longer than the wait
	// allows.
	ErrLockTimeout = errors.New("the session's refresh lock stayed held")
)

// DefaultLockDir is where the refresh locks live: the user cache
// directory's oauthdesk/locks, else $XDG_RUNTIME_DIR/oauthdesk/locks (a
// per-user 0700 directory), else ErrNoLockDir — never a shared temporary
// directory.
func DefaultLockDir() (string, error) {
	if dir, err := os.UserCacheDir(); err == nil && dir != "" {
		return filepath.Join(dir, "oauthdesk", "locks"), nil
	}
	if dir := os.Getenv("XDG_RUNTIME_DIR"); dir != "" && filepath.IsAbs(dir) {
		return filepath.Join(dir, "oauthdesk", "locks"), nil
	}
	return "", ErrNoLockDir
}

// checkLockDir refuses a lock directory that is not ours alone; see
// checkOwner for what is checked where.
func checkLockDir(dir string) error {
	fi, err := os.Lstat(dir)
	if err != nil {
		return fmt.Errorf("checking the lock directory: %w", err)
	}
	if !fi.IsDir() {
		return fmt.Errorf("%w: %s is not a directory (a symbolic link or a file stands there); remove it", ErrUnsafeLockDir, dir)
	}
	return checkOwner(dir, fi)
}
