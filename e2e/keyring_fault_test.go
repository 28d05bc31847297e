package e2e

import (
	"bufio"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
)

// privateKeyring is a D-Bus session bus and a gnome-keyring of the test's
// own, so that a test can lock, stop and restart the Secret Service without
// disturbing the others.
type privateKeyring struct {
	t    *testing.T
	dir  string
	addr string
	bus  *exec.Cmd
	pid  int
}

// keyringPassword unlocks the private login keyring.
const keyringPassword = "private-keyring-pw"

// startPrivateKeyring starts the bus and the keyring. With display false
// the bus (which starts the unlock prompter on demand) has no DISPLAY, so
// no prompt can ever be shown.
func startPrivateKeyring(t *testing.T, display bool) *privateKeyring {
	t.Helper()
	for _, tool := range []string{"dbus-daemon", "gnome-keyring-daemon", "dbus-send"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("%s is not installed (scripts/deps.sh installs it)", tool)
		}
	}
	k := &privateKeyring{t: t, dir: t.TempDir()}
	for _, d := range []string{"data", "run", "services"} {
		if err := os.Mkdir(filepath.Join(k.dir, d), 0o700); err != nil {
			t.Fatal(err)
		}
	}
	// The bus may start the unlock prompters on demand, but not the Secret
	// Service itself: a stopped keyring stays stopped until the test starts
	// it again (a desktop bus would start a fresh, locked one).
	for _, svc := range []string{"org.gnome.keyring.SystemPrompter.service", "org.gnome.keyring.PrivatePrompter.service"} {
		if b, err := os.ReadFile(filepath.Join("/usr/share/dbus-1/services", svc)); err == nil {
			_ = os.WriteFile(filepath.Join(k.dir, "services", svc), b, 0o600)
		}
	}
	conf := filepath.Join(k.dir, "bus.conf")
	if err := os.WriteFile(conf, []byte(`<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:path=`+filepath.Join(k.dir, "bus")+`</listen>
  <auth>EXTERNAL</auth>
  <servicedir>`+filepath.Join(k.dir, "services")+`</servicedir>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
`), 0o600); err != nil {
		t.Fatal(err)
	}
	k.bus = exec.Command("dbus-daemon", "--config-file="+conf, "--nofork", "--nopidfile", "--print-address=1")
	k.bus.Env = k.environ(display)
	out, err := k.bus.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := k.bus.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		k.stop()
		_ = k.bus.Process.Kill()
		_ = k.bus.Wait()
	})
	line, err := bufio.NewReader(out).ReadString('\n')
	if err != nil {
		t.Fatalf("dbus-daemon printed no address: %v", err)
	}
	k.addr = strings.TrimSpace(line)
	k.start()
	return k
}

// environ is the environment for the bus and the keyring daemon.
func (k *privateKeyring) environ(display bool) []string {
	var env []string
	for _, kv := range os.Environ() {
		name, _, _ := strings.Cut(kv, "=")
		switch name {
		case "DBUS_SESSION_BUS_ADDRESS", "XDG_DATA_HOME", "XDG_RUNTIME_DIR", "GNOME_KEYRING_CONTROL":
			continue
		case "DISPLAY", "WAYLAND_DISPLAY":
			if !display {
				continue
			}
		}
		env = append(env, kv)
	}
	env = append(env, "XDG_DATA_HOME="+filepath.Join(k.dir, "data"), "XDG_RUNTIME_DIR="+filepath.Join(k.dir, "run"))
	if k.addr != "" {
		env = append(env, "DBUS_SESSION_BUS_ADDRESS="+k.addr)
	}
	return env
}

// dbus calls a method on the private bus and returns the reply.
func (k *privateKeyring) dbus(args ...string) string {
	cmd := exec.Command("dbus-send", append([]string{"--session", "--print-reply"}, args...)...)
	cmd.Env = k.environ(false)
	out, _ := cmd.CombinedOutput()
	return string(out)
}

// start runs gnome-keyring-daemon, unlocking (or creating) the login
// keyring, and waits until it serves its login collection.
func (k *privateKeyring) start() {
	k.t.Helper()
	cmd := exec.Command("gnome-keyring-daemon", "--unlock", "--components=secrets")
	cmd.Env = k.environ(false)
	cmd.Stdin = strings.NewReader(keyringPassword)
	if out, err := cmd.CombinedOutput(); err != nil {
		k.t.Fatalf("gnome-keyring-daemon: %v\n%s", err, out)
	}
	deadline := time.Now().Add(10 * time.Second)
	for {
		out := k.dbus("--dest=org.freedesktop.DBus", "/", "org.freedesktop.DBus.GetConnectionUnixProcessID", "string:org.freedesktop.secrets")
		if _, pid, ok := strings.Cut(out, "uint32 "); ok {
			k.pid, _ = strconv.Atoi(strings.TrimSpace(pid))
			if strings.Contains(k.dbus("--dest=org.freedesktop.secrets", "/org/freedesktop/secrets",
				"org.freedesktop.DBus.Properties.Get", "string:org.freedesktop.Secret.Service", "string:Collections"), "/collection/login") {
				return
			}
		}
		if time.Now().After(deadline) {
			k.t.Fatal("the private gnome-keyring did not come up within 10 s")
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// stop ends the keyring daemon and waits until its bus name is free.
func (k *privateKeyring) stop() {
	if k.pid == 0 {
		return
	}
	_ = syscall.Kill(k.pid, syscall.SIGTERM)
	deadline := time.Now().Add(5 * time.Second)
	for syscall.Kill(k.pid, 0) == nil && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	_ = syscall.Kill(k.pid, syscall.SIGKILL)
	k.pid = 0
	for i := 0; i < 100 && strings.Contains(k.dbus("--dest=org.freedesktop.DBus", "/", "org.freedesktop.DBus.NameHasOwner", "string:org.freedesktop.secrets"), "true"); i++ {
		time.Sleep(20 * time.Millisecond)
	}
}

// lock locks the login collection, as the desktop does after idling.
func (k *privateKeyring) lock() {
	k.t.Helper()
	out := k.dbus("--dest=org.freedesktop.secrets", "/org/freedesktop/secrets", "org.freedesktop.Secret.Service.Lock",
		"array:objpath:/org/freedesktop/secrets/collection/login")
	if !strings.Contains(out, "/collection/login") {
		k.t.Fatalf("locking the login collection: %s", out)
	}
}

// use points the env's oauthdesk runs at this keyring.
func (k *privateKeyring) use(e *env) {
	e.vars["DBUS_SESSION_BUS_ADDRESS"] = k.addr
	e.t.Cleanup(func() { delete(e.vars, "DBUS_SESSION_BUS_ADDRESS") })
}

// timedRun runs oauthdesk and reports how long it took.
func (e *env) timedRun(args ...string) (result, time.Duration) {
	start := time.Now()
	r := e.run(args...)
	return r, time.Since(start)
}

// assertNothingWrittenElsewhere: no token went to a file instead.
func assertNothingWrittenElsewhere(t *testing.T, e *env) {
	t.Helper()
	_ = filepath.Walk(e.dir, func(path string, fi os.FileInfo, err error) error {
		if err != nil || fi.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(e.dir, path)
		switch {
		case strings.HasPrefix(rel, filepath.Join("data", "demo-idp")+string(filepath.Separator)),
			strings.HasPrefix(rel, "test"+string(filepath.Separator)),
			strings.HasPrefix(rel, "cache"+string(filepath.Separator)), rel == "browser-page.html", rel == filepath.Join("config", "providers.toml"):
			return nil
		}
		t.Errorf("a file appeared while the keyring was unusable: %s", rel)
		return nil
	})
}

// TestLockedKeyringNoPrompter: the login collection is locked and no
// unlock prompt can be shown. Every command fails at once with an error
// that says the keyring is locked, nothing is written anywhere else, and
// after the keyring is unlocked the earlier session is there.
func TestLockedKeyringNoPrompter(t *testing.T) {
	e := newEnv(t)
	k := startPrivateKeyring(t, false)
	k.use(e)
	defer startDemoIdP(t, e)()
	e.mustRun("login", "demo")
	before := e.mustRun("token", "demo").stdout

	k.lock()
	for _, args := range [][]string{{"token", "demo"}, {"status", "demo"}, {"login", "demo", "--timeout", "20s"}, {"logout", "demo"}} {
		r, took := e.timedRun(args...)
		assertOneLineError(t, r, "keyring is locked")
		t.Logf("oauthdesk %s on a locked keyring failed in %v", strings.Join(args, " "), took.Round(time.Millisecond))
		if took > 15*time.Second {
			t.Errorf("oauthdesk %s took %v to fail", strings.Join(args, " "), took)
		}
	}
	assertNothingWrittenElsewhere(t, e)

	k.stop()
	k.start() // unlocks again
	if got := e.mustRun("token", "demo").stdout; got != before {
		t.Fatal("the earlier session changed while the keyring was locked")
	}
}

// TestLockedKeyringPromptNeverAnswered: the keyring is locked and an unlock
// prompt opens on the display, but nobody answers it. oauthdesk gives up
// after $OAUTHDESK_KEYRING_TIMEOUT with a clear error instead of hanging.
func TestLockedKeyringPromptNeverAnswered(t *testing.T) {
	if os.Getenv("DISPLAY") == "" {
		t.Skip("needs a display for the unlock prompt (run through scripts/session.sh)")
	}
	if _, err := exec.LookPath("/usr/libexec/gcr-prompter"); err != nil {
		t.Skip("gcr-prompter is not installed, so no unlock prompt can open")
	}
	e := newEnv(t)
	k := startPrivateKeyring(t, true)
	k.use(e)
	defer startDemoIdP(t, e)()
	e.mustRun("login", "demo")
	k.lock()
	e.vars["OAUTHDESK_KEYRING_TIMEOUT"] = "3s"
	r, took := e.timedRun("token", "demo")
	assertOneLineError(t, r, "did not answer within 3s")
	t.Logf("gave up on the unanswered unlock prompt after %v", took.Round(time.Millisecond))
	if took > 20*time.Second {
		t.Errorf("took %v", took)
	}
}

// TestSecretServiceStopsMidRun: the Secret Service goes away while a
// sign-in is waiting for the browser. The sign-in fails with a clear error
// and stores nothing; once the service is back, the earlier session is
// intact and a new sign-in works.
func TestSecretServiceStopsMidRun(t *testing.T) {
	e := newEnv(t)
	k := startPrivateKeyring(t, false)
	k.use(e)
	defer startDemoIdP(t, e)()
	e.mustRun("login", "demo")
	before := e.mustRun("token", "demo").stdout

	// A browser that waits for the test's go-ahead before signing in.
	tools := filepath.Join(e.dir, "test")
	if err := os.Mkdir(tools, 0o700); err != nil {
		t.Fatal(err)
	}
	gate, opened := filepath.Join(tools, "go"), filepath.Join(tools, "opened")
	script := filepath.Join(tools, "gated-browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\ntouch '"+opened+"'\nwhile [ ! -e '"+gate+"' ]; do sleep 0.05; done\nexec '"+browser+"' \"$@\"\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	e.vars["BROWSER"] = script
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "login", "demo", "--timeout", "30s")
	cmd.Env = e.environ()
	var stderr strings.Builder
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	for i := 0; ; i++ {
		if _, err := os.Stat(opened); err == nil {
			break
		}
		if i > 600 {
			t.Fatal("the sign-in never opened the browser")
		}
		time.Sleep(50 * time.Millisecond)
	}
	k.stop()
	os.WriteFile(gate, nil, 0o600)
	err := cmd.Wait()
	r := result{code: exitCode(err), stderr: stderr.String()}
	assertOneLineError(t, r, "keyring is not available")
	if !strings.Contains(r.stderr, "nothing was stored") && !strings.Contains(r.stderr, "not stored") {
		t.Errorf("the error does not say that nothing was stored: %s", r.stderr)
	}
	assertNothingWrittenElsewhere(t, e)

	k.start()
	if got := e.mustRun("token", "demo").stdout; got != before {
		t.Fatal("the earlier session did not survive the Secret Service stopping")
	}
	e.vars["BROWSER"] = browser
	e.mustRun("login", "demo")
	e.mustRun("refresh", "demo")
}
