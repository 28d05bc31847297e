// Package e2e runs the built oauthdesk binary against the real local
// OpenID provider (idp/), with a scripted browser filling in its real login
// form, inside a real Secret Service (make test starts gnome-keyring in a
// private D-Bus session).
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
)

var (
	// binary is the oauthdesk binary under test.
	binary string
	// browser is the scripted browser, used as $BROWSER.
	browser string
	// skipReason is set when the environment cannot run these tests.
	skipReason string
	// repoRoot is the module's directory; binDir holds binaries built for
	// this run (removed at its end).
	repoRoot, binDir string
)

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	required := os.Getenv("OAUTHDESK_REQUIRE_E2E") == "1"
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if required {
			fmt.Fprintln(os.Stderr, "e2e: OAUTHDESK_REQUIRE_E2E=1 but there is no D-Bus session (run through make test)")
			return 1
		}
		skipReason = "no D-Bus session with a Secret Service; run through make test (scripts/session.sh)"
	}
	tmp, err := os.MkdirTemp("", "oauthdesk-e2e-bin")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	defer os.RemoveAll(tmp)
	binDir = tmp
	_, file, _, _ := runtime.Caller(0)
	repoRoot = filepath.Dir(filepath.Dir(file))
	defer cleanupAttacker()
	binary = os.Getenv("OAUTHDESK_BIN")
	browser = os.Getenv("OAUTHDESK_TESTBROWSER")
	if skipReason == "" && (binary == "" || browser == "") {
		root := repoRoot
		if binary == "" {
			binary = filepath.Join(tmp, "oauthdesk")
			if out, err := exec.Command("go", "build", "-C", root, "-o", binary, ".").CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "e2e: building oauthdesk: %v\n%s", err, out)
				return 1
			}
		}
		if browser == "" {
			browser = filepath.Join(tmp, "testbrowser")
			if out, err := exec.Command("go", "build", "-C", root, "-o", browser, "./internal/testbrowser/cmd/testbrowser").CombinedOutput(); err != nil {
				fmt.Fprintf(os.Stderr, "e2e: building testbrowser: %v\n%s", err, out)
				return 1
			}
		}
	}
	return m.Run()
}

// env is one isolated person: their own config, data and cache
// directories, and their own demo provider port.
type env struct {
	t     *testing.T
	dir   string
	vars  map[string]string
	demo  string
	extra []string
}

// newEnv makes an isolated environment and cleans the keyring after it.
func newEnv(t *testing.T) *env {
	t.Helper()
	if skipReason != "" {
		t.Skip(skipReason)
	}
	dir := t.TempDir()
	e := &env{t: t, dir: dir, demo: freeAddr(t)}
	e.vars = map[string]string{
		"OAUTHDESK_CONFIG":    filepath.Join(dir, "config", "providers.toml"),
		"OAUTHDESK_DATA_DIR":  filepath.Join(dir, "data"),
		"OAUTHDESK_DEMO_ADDR": e.demo,
		"XDG_CACHE_HOME":      filepath.Join(dir, "cache"),
		"BROWSER":             browser,
		"TESTBROWSER_OUT":     filepath.Join(dir, "browser-page.html"),
	}
	t.Cleanup(func() {
		// Leave the keyring as we found it: forget the demo session.
		e.run("logout", "demo")
	})
	return e
}

// freeAddr returns a free loopback address.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// result is one run of the binary.
type result struct {
	code           int
	stdout, stderr string
}

// run runs the binary with args in the environment.
func (e *env) run(args ...string) result {
	return e.runInput("", args...)
}

// runInput runs the binary with stdin.
func (e *env) runInput(stdin string, args ...string) result {
	e.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, args...)
	cmd.Env = e.environ()
	cmd.Stdin = strings.NewReader(stdin)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	code := 0
	if err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			e.t.Fatalf("running oauthdesk %v: %v", args, err)
		}
		code = ee.ExitCode()
	}
	return result{code: code, stdout: out.String(), stderr: errb.String()}
}

// environ is the process environment with the test's variables.
func (e *env) environ() []string {
	var out []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		if _, ok := e.vars[k]; ok {
			continue
		}
		out = append(out, kv)
	}
	for k, v := range e.vars {
		out = append(out, k+"="+v)
	}
	return append(out, e.extra...)
}

// mustRun runs and fails the test on a non-zero exit.
func (e *env) mustRun(args ...string) result {
	e.t.Helper()
	r := e.run(args...)
	if r.code != 0 {
		e.t.Fatalf("oauthdesk %s: exit %d\nstdout: %s\nstderr: %s", strings.Join(args, " "), r.code, r.stdout, r.stderr)
	}
	return r
}

// writeConfig writes the providers file.
func (e *env) writeConfig(toml string) string {
	e.t.Helper()
	path := e.vars["OAUTHDESK_CONFIG"]
	if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
		e.t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(toml), 0o600); err != nil {
		e.t.Fatal(err)
	}
	return path
}

// assertOneLineError checks the CLI's error contract: non-zero exit, one
// line on stderr starting with "oauthdesk:", mentioning want.
func assertOneLineError(t *testing.T, r result, want string) {
	t.Helper()
	if r.code == 0 {
		t.Fatalf("exit 0, want a failure\nstdout: %s\nstderr: %s", r.stdout, r.stderr)
	}
	var errLines []string
	for _, l := range strings.Split(strings.TrimSpace(r.stderr), "\n") {
		if strings.HasPrefix(l, "oauthdesk: ") {
			errLines = append(errLines, l)
		}
	}
	if len(errLines) != 1 {
		t.Fatalf("want exactly one error line on stderr, got:\n%s", r.stderr)
	}
	if !strings.Contains(errLines[0], want) {
		t.Fatalf("error %q does not mention %q", errLines[0], want)
	}
}

// browserPage waits for the scripted browser's final page and takes it:
// it returns the page and removes the file, so the next call sees the next
// sign-in's page. The browser is a process of its own ($BROWSER, started
// by the app and not waited for, as a desktop browser is not): it writes
// the page after it has read it, which may be after the CLI has exited,
// so the page is waited for, up to 20 s. The file appears whole
// (testbrowser renames it into place); a page cut off by the app's exit
// makes the browser fail, so no file appears and the wait ends in "".
func (e *env) browserPage() string {
	e.t.Helper()
	path := e.vars["TESTBROWSER_OUT"]
	deadline := time.Now().Add(20 * time.Second)
	for {
		page, err := os.ReadFile(path)
		if err == nil {
			_ = os.Remove(path)
			return string(page)
		}
		if time.Now().After(deadline) {
			e.t.Logf("no browser page in %s after 20 s: %v", path, err)
			return ""
		}
		time.Sleep(20 * time.Millisecond)
	}
}
