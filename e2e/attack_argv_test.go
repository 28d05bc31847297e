package e2e

import (
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

// startURLPattern is the only shape of URL oauthdesk may put on a
// browser's command line: a one-time start URL on its own listener.
var startURLPattern = regexp.MustCompile(`^http://(127\.0\.0\.1|\[::1\]):[0-9]+/start/[A-Za-z0-9_-]{20,}$`)

// secretParams are the authorization request's parameters that another
// local user must not see (issue 7 item 3).
var secretParams = []string{"state=", "nonce=", "code_challenge", "redirect_uri", "/authorize"}

// pausingBrowser is a $BROWSER that writes its pid to DIR/opener.pid,
// waits until DIR/observed exists (the attacker has looked at it), then
// runs the scripted browser.
func pausingBrowser(t *testing.T, e *env) (pidFile, observed string) {
	t.Helper()
	pidFile, observed = filepath.Join(e.dir, "opener.pid"), filepath.Join(e.dir, "observed")
	script := "#!/bin/sh\n" +
		"echo $$ > " + shellQuote(pidFile+".tmp") + " && mv " + shellQuote(pidFile+".tmp") + " " + shellQuote(pidFile) + "\n" +
		"i=0; while [ ! -e " + shellQuote(observed) + " ] && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done\n" +
		"exec " + shellQuote(browser) + " \"$@\"\n"
	path := filepath.Join(e.dir, "pausing-browser")
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	e.vars["BROWSER"] = path
	return pidFile, observed
}

// TestAttackArgvLeak (issue 7 item 3): another local user reads the
// opener's arguments from /proc/PID/cmdline while the browser starts. They
// must hold no state, nonce, PKCE challenge or redirect URI, only a
// one-time start URL, and that URL must not work for the other user. The
// person's sign-in then completes as usual.
func TestAttackArgvLeak(t *testing.T) {
	e := newEnv(t)
	pidFile, observed := pausingBrowser(t, e)
	cmd := exec.Command(binary, "login", "demo", "--timeout", "30s")
	cmd.Env = e.environ()
	var stdout, stderr strings.Builder
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Process.Kill()

	var pid string
	for deadline := time.Now().Add(20 * time.Second); pid == "" && time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		if b, err := os.ReadFile(pidFile); err == nil {
			pid = strings.TrimSpace(string(b))
		}
	}
	if pid == "" {
		t.Fatalf("the browser was never opened:\n%s", stderr.String())
	}
	args := runAttacker(t, true, "cmdline", pid)["arg"]
	if len(args) < 3 {
		t.Fatalf("another user could not read the opener's arguments (%q): the test proves nothing", args)
	}
	target := args[len(args)-1]
	for _, a := range args {
		for _, p := range secretParams {
			if strings.Contains(a, p) {
				t.Errorf("another user read %q in the browser's arguments: %s", p, a)
			}
		}
	}
	if !startURLPattern.MatchString(target) {
		t.Fatalf("the browser was given %q, not a one-time start URL", target)
	}
	// The other user tries the start URL before the browser loads it.
	got := runAttacker(t, true, "get", target)
	if loc := strings.Join(got["location"], ""); loc != "" || strings.Join(got["status"], "") != "403" {
		t.Fatalf("another user opened the start URL: status %v, Location %q", got["status"], loc)
	}

	if err := os.WriteFile(observed, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil || !strings.Contains(stdout.String(), "Signed in") {
		t.Fatalf("the person's sign-in did not complete: %v\n%s\n%s", err, stdout.String(), stderr.String())
	}
}

// TestStartURLWorksOnce (issue 7 item 3): the start URL redirects to the
// authorization request once. Opened a second time it is refused, and the
// sign-in stops, since something else may have used it: nothing is
// stored.
func TestStartURLWorksOnce(t *testing.T) {
	e := newEnv(t)
	first, second := filepath.Join(e.dir, "first"), filepath.Join(e.dir, "second")
	att := shellQuote(attackerBinary(t))
	script := "#!/bin/sh\n" + att + " get \"$1\" > " + shellQuote(first) + "\n" + att + " get \"$1\" > " + shellQuote(second) + "\n"
	path := filepath.Join(e.dir, "twice-browser")
	if err := os.WriteFile(path, []byte(script), 0o700); err != nil {
		t.Fatal(err)
	}
	e.vars["BROWSER"] = path
	r := e.run("login", "demo", "--timeout", "15s")

	read := func(p string) map[string]string {
		b, _ := os.ReadFile(p)
		m := map[string]string{}
		for _, l := range strings.Split(string(b), "\n") {
			k, v, _ := strings.Cut(l, " ")
			m[k] = v
		}
		return m
	}
	one, two := read(first), read(second)
	loc, err := url.Parse(one["location"])
	if (one["status"] != "302" && one["status"] != "303") || err != nil || loc.Host != e.demo || loc.Path != "/authorize" || loc.Query().Get("state") == "" {
		t.Fatalf("the first visit did not redirect to the authorization request: %v", one)
	}
	if two["status"] != "410" || two["location"] != "" {
		t.Fatalf("the second visit was not refused: %v", two)
	}
	assertOneLineError(t, r, "more than once")
	assertOneLineError(t, e.run("token", "demo"), "not signed in")
}
