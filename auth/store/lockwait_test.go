package store

import (
	"bufio"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestLockWaitIsBounded: another process (flock(1)) holds a session's lock
// and never lets go; Acquire gives up after Wait with ErrLockTimeout
// instead of hanging, and takes the lock once the holder is gone.
func TestLockWaitIsBounded(t *testing.T) {
	if _, err := exec.LookPath("flock"); err != nil {
		t.Skip("flock(1) is not installed")
	}
	dir := filepath.Join(t.TempDir(), "locks")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256([]byte("token:x"))
	cmd := exec.Command("flock", filepath.Join(dir, hex.EncodeToString(sum[:8])+".lock"), "-c", "echo held; exec sleep 60")
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() }()
	if l, _ := bufio.NewReader(out).ReadString('\n'); strings.TrimSpace(l) != "held" {
		t.Fatal("flock did not take the lock")
	}

	l := &Locks{Dir: dir, Wait: 300 * time.Millisecond}
	_, err := l.Acquire(context.Background(), "token:x")
	if !errors.Is(err, ErrLockTimeout) || !strings.Contains(err.Error(), "300ms") {
		t.Fatalf("Acquire with the lock held elsewhere: %v, want ErrLockTimeout naming the wait", err)
	}
	_ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL)
	_ = cmd.Wait()
	release, err := l.Acquire(context.Background(), "token:x")
	if err != nil {
		t.Fatalf("Acquire once the holder is gone: %v", err)
	}
	release()
}

// TestLockDirMadePrivate: our own lock directory left group/world
// readable is tightened to 0700; no directory at all is ErrNoLockDir.
func TestLockDirMadePrivate(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "locks")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(dir, 0o777); err != nil {
		t.Fatal(err)
	}
	l := &Locks{Dir: dir}
	release, err := l.Acquire(context.Background(), "k")
	if err != nil {
		t.Fatal(err)
	}
	release()
	if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
		t.Fatalf("lock directory mode %04o, want 0700", fi.Mode().Perm())
	}
	t.Setenv("XDG_CACHE_HOME", "")
	t.Setenv("HOME", "")
	t.Setenv("XDG_RUNTIME_DIR", "")
	if _, err := DefaultLockDir(); !errors.Is(err, ErrNoLockDir) {
		t.Fatalf("DefaultLockDir with nothing set: %v", err)
	}
}
