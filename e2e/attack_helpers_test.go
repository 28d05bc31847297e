package e2e

import (
	"bufio"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"
)

// The attack tests (attack_*_test.go) reproduce what an independent review
// did to the sign-in (issue 7), with real processes over real sockets: a
// hostile local process (internal/testattacker), run as another user where
// the tests run as root, and hostile HTTP servers.

var (
	attackerOnce sync.Once
	attackerBin  string
	attackerErr  error
)

// attackerBinary returns the testattacker binary, in a directory of its
// own that another user may read and enter (a checkout under /root is not
// one): built once, or copied from $OAUTHDESK_TESTATTACKER.
func attackerBinary(t *testing.T) string {
	t.Helper()
	attackerOnce.Do(func() { attackerBin, attackerErr = buildAttacker() })
	if attackerErr != nil {
		t.Fatal(attackerErr)
	}
	return attackerBin
}

// attackerDir is where attackerBinary put it; cleanupAttacker removes it.
var attackerDir string

// buildAttacker builds or copies testattacker into a fresh 0755 directory.
func buildAttacker() (string, error) {
	dir, err := os.MkdirTemp("", "oauthdesk-e2e-attacker")
	if err != nil {
		return "", err
	}
	attackerDir = dir
	if err := os.Chmod(dir, 0o755); err != nil {
		return "", err
	}
	bin := filepath.Join(dir, "testattacker")
	if src := os.Getenv("OAUTHDESK_TESTATTACKER"); src != "" {
		b, err := os.ReadFile(src)
		if err != nil {
			return "", fmt.Errorf("reading $OAUTHDESK_TESTATTACKER: %w", err)
		}
		return bin, os.WriteFile(bin, b, 0o755)
	}
	_, file, _, _ := runtime.Caller(0)
	if out, err := exec.Command("go", "build", "-C", filepath.Dir(filepath.Dir(file)), "-o", bin, "./internal/testattacker/cmd/testattacker").CombinedOutput(); err != nil {
		return "", fmt.Errorf("building testattacker: %v\n%s", err, out)
	}
	return bin, nil
}

// cleanupAttacker removes the attacker's directory (TestMain).
func cleanupAttacker() {
	if attackerDir != "" {
		_ = os.RemoveAll(attackerDir)
	}
}

// asOtherUser prefixes a command so that it runs as nobody when the tests
// run as root (setpriv, util-linux), and as is otherwise. It also says
// which uid the command will have.
func asOtherUser(t *testing.T, argv ...string) ([]string, string) {
	t.Helper()
	if os.Geteuid() != 0 {
		return argv, fmt.Sprint(os.Geteuid())
	}
	setpriv, err := exec.LookPath("setpriv")
	if err != nil {
		t.Fatal("running as root without setpriv (util-linux): cannot start the attacker as another user")
	}
	return append([]string{setpriv, "--reuid=nobody", "--regid=nogroup", "--clear-groups", "--"}, argv...), "nobody"
}

// attacker is a running testattacker process.
type attacker struct {
	cmd   *exec.Cmd
	mu    sync.Mutex
	lines []string
	more  chan struct{}
}

// startAttacker runs testattacker MODE ARG as another user and collects
// its report lines until the test ends.
func startAttacker(t *testing.T, otherUser bool, mode, arg string) *attacker {
	t.Helper()
	argv := []string{attackerBinary(t), mode, arg}
	if otherUser {
		argv, _ = asOtherUser(t, argv...)
	}
	a := &attacker{cmd: exec.Command(argv[0], argv[1:]...), more: make(chan struct{}, 1)}
	out, err := a.cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	a.cmd.Stderr = os.Stderr
	if err := a.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = a.cmd.Process.Kill(); _ = a.cmd.Wait() })
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			a.mu.Lock()
			a.lines = append(a.lines, sc.Text())
			a.mu.Unlock()
			select {
			case a.more <- struct{}{}:
			default:
			}
		}
	}()
	return a
}

// report returns the lines so far.
func (a *attacker) report() []string {
	a.mu.Lock()
	defer a.mu.Unlock()
	return append([]string(nil), a.lines...)
}

// waitFor waits until a line starting with prefix appears and returns it.
func (a *attacker) waitFor(t *testing.T, prefix string) string {
	t.Helper()
	deadline := time.After(15 * time.Second)
	for {
		for _, l := range a.report() {
			if strings.HasPrefix(l, prefix) {
				return l
			}
		}
		select {
		case <-a.more:
		case <-time.After(20 * time.Millisecond):
		case <-deadline:
			t.Fatalf("the attacker never reported %q; it said:\n%s", prefix, strings.Join(a.report(), "\n"))
		}
	}
}

// requests are the requests the attacker received.
func (a *attacker) requests() []string {
	var out []string
	for _, l := range a.report() {
		if strings.HasPrefix(l, "request ") {
			out = append(out, l)
		}
	}
	return out
}

// runAttacker runs testattacker MODE ARG to the end and returns its
// report, keyed by the first word of each line.
func runAttacker(t *testing.T, otherUser bool, mode, arg string) map[string][]string {
	t.Helper()
	argv := []string{attackerBinary(t), mode, arg}
	if otherUser {
		argv, _ = asOtherUser(t, argv...)
	}
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("testattacker %s %s: %v", mode, arg, err)
	}
	rep := map[string][]string{}
	for _, l := range strings.Split(strings.TrimRight(string(out), "\n"), "\n") {
		k, v, _ := strings.Cut(l, " ")
		rep[k] = append(rep[k], v)
	}
	return rep
}

// slowBrowser makes $BROWSER start like a desktop browser does, after a
// pause (a real one takes 0.5-2 s to load a page), and then run the
// scripted browser. That pause is the window a local attacker has.
func slowBrowser(t *testing.T, e *env) {
	t.Helper()
	path := filepath.Join(e.dir, "slow-browser")
	script := "#!/bin/sh\nsleep 0.5\nexec " + shellQuote(browser) + " \"$@\"\n"
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	e.vars["BROWSER"] = path
}

// shellQuote quotes s for sh.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// freePortBoth returns a port free on both 127.0.0.1 and [::1].
func freePortBoth(t *testing.T) int {
	t.Helper()
	for range 20 {
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			t.Fatal(err)
		}
		port := ln.Addr().(*net.TCPAddr).Port
		ln6, err := net.Listen("tcp", fmt.Sprintf("[::1]:%d", port))
		ln.Close()
		if err == nil {
			ln6.Close()
			return port
		}
	}
	t.Fatal("no port free on both 127.0.0.1 and [::1]")
	return 0
}
