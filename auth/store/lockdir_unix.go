//go:build unix

package store

import (
	"fmt"
	"os"
	"syscall"
)

// checkOwner refuses a directory another user owns (they could hold any
// lock in it, or swap its files), and tightens our own to 0700 when group
// or others may write or read it.
func checkOwner(dir string, fi os.FileInfo) error {
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return nil
	}
	if uid := os.Geteuid(); int(st.Uid) != uid {
		return fmt.Errorf("%w: %s belongs to uid %d, not to you (uid %d), and is mode %04o: another user could hold the lock; remove it, or set $XDG_CACHE_HOME to a directory of your own",
			ErrUnsafeLockDir, dir, st.Uid, uid, fi.Mode().Perm())
	}
	if fi.Mode().Perm()&0o077 != 0 {
		if err := os.Chmod(dir, 0o700); err != nil {
			return fmt.Errorf("%w: %s is mode %04o and could not be made private: %v", ErrUnsafeLockDir, dir, fi.Mode().Perm(), err)
		}
	}
	return nil
}
