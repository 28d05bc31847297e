package e2e

import (
	"bufio"
	"io"
	"os"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// deviceRun is a running "oauthdesk login demo --device".
type deviceRun struct {
	cmd    *exec.Cmd
	stdout strings.Builder
	lines  chan string   // stderr, line by line
	done   chan struct{} // closed when stderr ends
	seen   strings.Builder
}

// startDeviceLogin starts login --device and returns once it is running.
func startDeviceLogin(t *testing.T, e *env) *deviceRun {
	t.Helper()
	d := &deviceRun{lines: make(chan string, 256), done: make(chan struct{})}
	d.cmd = exec.Command(binary, "login", "demo", "--device", "--timeout", "45s")
	d.cmd.Env = e.environ()
	d.cmd.Stdout = &d.stdout
	stderr, err := d.cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := d.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = d.cmd.Process.Kill() })
	go func() {
		defer close(d.done)
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			d.lines <- sc.Text()
		}
		_, _ = io.Copy(io.Discard, stderr)
	}()
	return d
}

// completeURI reads stderr until the verification_uri_complete appears.
func (d *deviceRun) completeURI(t *testing.T) string {
	t.Helper()
	deadline := time.After(20 * time.Second)
	for {
		select {
		case l := <-d.lines:
			d.seen.WriteString(l + "\n")
			if s := strings.TrimSpace(l); strings.HasPrefix(s, "http://") && strings.Contains(s, "/device?user_code=") {
				return s
			}
		case <-d.done:
			t.Fatalf("login --device ended without printing the address:\n%s", d.seen.String())
		case <-deadline:
			t.Fatalf("no verification address on stderr:\n%s", d.seen.String())
		}
	}
}

// wait waits for the process and returns its result.
func (d *deviceRun) wait(t *testing.T) result {
	t.Helper()
	<-d.done // every line has been queued by now
	for len(d.lines) > 0 {
		d.seen.WriteString(<-d.lines + "\n")
	}
	code := 0
	if err := d.cmd.Wait(); err != nil {
		ee, ok := err.(*exec.ExitError)
		if !ok {
			t.Fatalf("login --device: %v", err)
		}
		code = ee.ExitCode()
	}
	return result{code: code, stdout: d.stdout.String(), stderr: d.seen.String()}
}

// browse runs the scripted browser on u in the env, as the person on their
// other device.
func browse(t *testing.T, e *env, u string) string {
	t.Helper()
	cmd := exec.Command(browser, u)
	cmd.Env = e.environ()
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("test browser: %v\n%s", err, out)
	}
	page, _ := os.ReadFile(e.vars["TESTBROWSER_OUT"])
	return string(page)
}

// TestDeviceLogin signs in with login --device: the person opens the
// printed address on "another device" (the scripted browser), signs in and
// approves; the CLI then reports the sign-in and the token works.
func TestDeviceLogin(t *testing.T) {
	e := newEnv(t)
	d := startDeviceLogin(t, e)
	uri := d.completeURI(t)
	if page := browse(t, e, uri); !strings.Contains(page, "Device connected") {
		t.Fatalf("the verification page did not confirm:\n%s", page)
	}
	r := d.wait(t)
	if r.code != 0 {
		t.Fatalf("login --device: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stdout, "Signed in to Demo provider (local) as demo@example.com") || !strings.Contains(r.stdout, "Refresh token: yes") {
		t.Fatalf("stdout:\n%s", r.stdout)
	}
	for _, want := range []string{"enter the code", "/device\n", "│  ", "Waiting for you to approve"} {
		if !strings.Contains(r.stderr, want) {
			t.Errorf("stderr lacks %q:\n%s", want, r.stderr)
		}
	}
	tok := strings.TrimSpace(e.mustRun("token", "demo").stdout)
	if strings.Count(tok, ".") != 2 {
		t.Fatalf("token is not a JWT: %q", tok)
	}
	e.mustRun("refresh", "demo")
}

// TestDeviceLoginDenied: the person denies on the verification page; the
// CLI fails with access_denied and stores nothing.
func TestDeviceLoginDenied(t *testing.T) {
	e := newEnv(t)
	e.vars["TESTBROWSER_ACTION"] = "deny"
	d := startDeviceLogin(t, e)
	if page := browse(t, e, d.completeURI(t)); !strings.Contains(page, "You declined") {
		t.Fatalf("the verification page did not show the denial:\n%s", page)
	}
	r := d.wait(t)
	if r.code != 1 {
		t.Fatalf("exit %d, want 1\n%s", r.code, r.stderr)
	}
	assertOneLineError(t, r, "access_denied")
	assertOneLineError(t, e.run("token", "demo"), "not signed in")
}

// TestDeviceLoginWithManual is a usage error.
func TestDeviceLoginWithManual(t *testing.T) {
	e := newEnv(t)
	r := e.run("login", "demo", "--device", "--manual")
	if r.code != 2 || !strings.Contains(r.stderr, "--device and --manual") {
		t.Fatalf("exit %d\n%s", r.code, r.stderr)
	}
}
