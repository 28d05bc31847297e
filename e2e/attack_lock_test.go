package e2e

import (
	"bufio"
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// lockFileName is the refresh lock's file name for a provider's active
// session (a hash of its store key).
func lockFileName(provider string) string {
	sum := sha256.Sum256([]byte("token:" + provider))
	return hex.EncodeToString(sum[:8]) + ".lock"
}

// sharedDir is a world-writable sticky directory, like /tmp, that another
// user can create things in.
func sharedDir(t *testing.T) string {
	t.Helper()
	d, err := os.MkdirTemp("", "oauthdesk-shared-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(d) })
	if err := os.Chmod(d, os.ModeSticky|0o777); err != nil {
		t.Fatal(err)
	}
	return d
}

// squatLock runs a process as nobody that creates dir (mode 0777) and
// holds the lock file name in it, as another local user would.
func squatLock(t *testing.T, dir, name string) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root to run a squatter as another uid (setpriv)")
	}
	if _, err := exec.LookPath("setpriv"); err != nil {
		t.Skip("setpriv is not installed")
	}
	script := `umask 0; mkdir -p "$1" && chmod 0777 "$1" && exec flock "$1/$2" -c 'echo held; exec sleep 120'`
	cmd := exec.Command("setpriv", "--reuid", "nobody", "--regid", "nogroup", "--clear-groups", "sh", "-c", script, "squat", dir, name)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	cmd.SysProcAttr = &syscall.SysProcAttr{Setpgid: true}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	// flock runs the sleep as its child: end the whole process group.
	t.Cleanup(func() { _ = syscall.Kill(-cmd.Process.Pid, syscall.SIGKILL); _ = cmd.Wait() })
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil || strings.TrimSpace(line) != "held" {
		t.Fatalf("the squatter did not take the lock (%v): %s", err, stderr.String())
	}
}

// runWithin runs the binary with extra environment and a hard limit.
func (e *env) runWithin(t *testing.T, limit time.Duration, vars map[string]string, args ...string) (result, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), limit)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	env := e.environ()
	for k, v := range vars {
		env = append(env, k+"="+v)
	}
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	start := time.Now()
	err := cmd.Run()
	took := time.Since(start)
	if ctx.Err() != nil {
		t.Fatalf("oauthdesk %s still waited after %s (a lock wait without a bound):\n%s", strings.Join(args, " "), limit, errb.String())
	}
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatal(err)
	}
	return result{code: code, stdout: out.String(), stderr: errb.String()}, took
}

// TestAttackLockSquatter: with no $HOME and no $XDG_CACHE_HOME, the
// refresh lock used to fall back to a shared $TMPDIR/oauthdesk/locks,
// where another user (nobody) pre-created the directory and held the lock:
// refresh hung without limit. Now oauthdesk uses $XDG_RUNTIME_DIR or fails
// clearly, and refuses a lock directory that another user owns or can
// write.
func TestAttackLockSquatter(t *testing.T) {
	e := newEnv(t)
	op := newHostileOP(t, false)
	e.writeConfig(op.config("evil", ""))
	t.Cleanup(func() { e.run("logout", "evil") })
	e.mustRun("login", "evil")
	lock := lockFileName("evil")

	t.Run("shared TMPDIR fallback", func(t *testing.T) {
		shared := sharedDir(t)
		squatLock(t, filepath.Join(shared, "oauthdesk", "locks"), lock)
		r, _ := e.runWithin(t, 20*time.Second, map[string]string{"HOME": "", "XDG_CACHE_HOME": "", "XDG_RUNTIME_DIR": "", "TMPDIR": shared}, "refresh", "evil")
		assertOneLineError(t, r, "XDG_RUNTIME_DIR")
	})

	t.Run("lock directory owned by another user", func(t *testing.T) {
		shared := sharedDir(t)
		squatLock(t, filepath.Join(shared, "oauthdesk", "locks"), lock)
		r, _ := e.runWithin(t, 20*time.Second, map[string]string{"XDG_CACHE_HOME": shared}, "refresh", "evil")
		assertOneLineError(t, r, "lock directory")
	})

	t.Run("XDG_RUNTIME_DIR when there is no cache directory", func(t *testing.T) {
		run := t.TempDir()
		if err := os.Chmod(run, 0o700); err != nil {
			t.Fatal(err)
		}
		r, _ := e.runWithin(t, 20*time.Second, map[string]string{"HOME": "", "XDG_CACHE_HOME": "", "XDG_RUNTIME_DIR": run}, "refresh", "evil")
		if r.code != 0 {
			t.Fatalf("refresh with only $XDG_RUNTIME_DIR: exit %d\n%s", r.code, r.stderr)
		}
		if _, err := os.Stat(filepath.Join(run, "oauthdesk", "locks", lock)); err != nil {
			t.Fatalf("the lock is not under $XDG_RUNTIME_DIR: %v", err)
		}
	})
}
