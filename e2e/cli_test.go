package e2e

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
	"time"

	"oauthdesk/internal/testbrowser"
)

// TestNewUserFlow is what a new user does with no config at all: sign in to
// the demo provider, use the token, look around, refresh in a later
// process (the provider restarts from its saved state), sign out.
func TestNewUserFlow(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun("login", "demo")
	if !strings.Contains(r.stdout, "Signed in to Demo provider (local) as demo@example.com") {
		t.Fatalf("login output:\n%s\n%s", r.stdout, r.stderr)
	}
	page := e.browserPage()
	// The result page marks the names up (<strong>); compare its text.
	if text := regexp.MustCompile(`<[^>]*>`).ReplaceAllString(page, ""); !strings.Contains(text, "You are signed in to Demo provider (local) as demo@example.com") {
		t.Fatalf("the browser's final page does not confirm the sign-in:\n%s", page)
	}

	tok := strings.TrimSpace(e.mustRun("token", "demo").stdout)
	if strings.Count(tok, ".") != 2 || strings.ContainsAny(tok, " \n") {
		t.Fatalf("token is not a bare JWT: %q", tok)
	}

	var st map[string]any
	if err := json.Unmarshal([]byte(e.mustRun("status", "demo", "--json").stdout), &st); err != nil {
		t.Fatal(err)
	}
	if st["signed_in"] != true || st["has_refresh_token"] != true || st["subject"] != "demo-user-0001" || st["expires_at"] == nil {
		t.Fatalf("status: %v", st)
	}
	if scopes := fmt.Sprint(st["scopes"]); !strings.Contains(scopes, "openid") || !strings.Contains(scopes, "email") {
		t.Fatalf("scopes: %v", scopes)
	}

	var prof map[string]any
	if err := json.Unmarshal([]byte(e.mustRun("profile", "demo", "--json").stdout), &prof); err != nil {
		t.Fatal(err)
	}
	if prof["sub"] != "demo-user-0001" || prof["email"] != "demo@example.com" {
		t.Fatalf("profile: %v", prof)
	}

	e.mustRun("refresh", "demo")
	tok2 := strings.TrimSpace(e.mustRun("token", "demo").stdout)
	if tok2 == tok {
		t.Fatal("refresh did not change the access token")
	}

	if r := e.mustRun("providers"); !strings.Contains(r.stdout, "signed in as demo@example.com") {
		t.Fatalf("providers:\n%s", r.stdout)
	}

	e.mustRun("logout", "demo")
	assertOneLineError(t, e.run("token", "demo"), "not signed in")
	if out, _ := exec.Command("secret-tool", "search", "--all", "service", "oauthdesk").CombinedOutput(); strings.Contains(string(out), "token:demo") {
		t.Fatalf("the keyring still holds the session after logout:\n%s", out)
	}
}

// TestDeniedConsentKeepsEarlierSession: a failed sign-in stores nothing
// and leaves the earlier session intact.
func TestDeniedConsentKeepsEarlierSession(t *testing.T) {
	e := newEnv(t)
	e.mustRun("login", "demo")
	before := e.mustRun("token", "demo").stdout
	e.browserPage() // the first sign-in's page, so the next one is the denial's

	e.vars["TESTBROWSER_ACTION"] = "deny"
	r := e.run("login", "demo", "--timeout", "20s")
	assertOneLineError(t, r, "access_denied")
	page := e.browserPage()
	if !strings.Contains(page, "You declined. Nothing was stored.") || strings.Contains(page, "Sign-in failed") || !strings.Contains(page, "access_denied") {
		t.Fatalf("the browser page does not show the person's own choice (with the provider's error in the details):\n%s", page)
	}
	if after := e.mustRun("token", "demo").stdout; after != before {
		t.Fatal("the earlier session changed after a denied sign-in")
	}
}

// TestWrongPasswordNeverReturns: the person types a wrong password; the
// sign-in times out with a clear error.
func TestSignInTimeout(t *testing.T) {
	e := newEnv(t)
	e.vars["TESTBROWSER_PASSWORD"] = "wrong"
	r := e.run("login", "demo", "--timeout", "2s")
	assertOneLineError(t, r, "timed out")
	assertOneLineError(t, e.run("token", "demo"), "not signed in")
}

// TestNoBrowserPrintsURL: with no way to open a browser, the URL is printed
// for the person, and the sign-in still completes when they open it.
func TestNoBrowserPrintsURL(t *testing.T) {
	e := newEnv(t)
	e.vars["BROWSER"] = "/nonexistent/browser"
	e.vars["PATH"] = "/nonexistent"
	cmd := exec.Command(binary, "login", "demo", "--timeout", "30s")
	cmd.Env = e.environ()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	buf := make([]byte, 0, 8192)
	deadline := time.Now().Add(20 * time.Second)
	var authURL string
	for authURL == "" && time.Now().Before(deadline) {
		chunk := make([]byte, 4096)
		n, err := stderr.Read(chunk)
		buf = append(buf, chunk[:n]...)
		for _, line := range strings.Split(string(buf), "\n") {
			if l := strings.TrimSpace(line); strings.HasPrefix(l, "http://") && strings.Contains(l, "/authorize") {
				authURL = l
			}
		}
		if err != nil {
			break
		}
	}
	if authURL == "" {
		cmd.Process.Kill()
		t.Fatalf("no authorize URL printed:\n%s", buf)
	}
	visit := exec.Command(browser, authURL)
	visit.Env = e.environ()
	if out, err := visit.CombinedOutput(); err != nil {
		t.Fatalf("test browser: %v\n%s", err, out)
	}
	rest := make([]byte, 8192)
	n, _ := stderr.Read(rest)
	buf = append(buf, rest[:n]...)
	if err := cmd.Wait(); err != nil {
		t.Fatalf("login failed: %v\n%s", err, buf)
	}
	if !strings.Contains(string(buf), "Could not open a browser") {
		t.Fatalf("the failure to open a browser was not reported:\n%s", buf)
	}
	if !strings.Contains(stdout.String(), "Signed in") {
		t.Fatalf("stdout: %s", stdout.String())
	}
}

// TestMissingKeyring: with no Secret Service, a clear error that says how
// to fix it.
func TestMissingKeyring(t *testing.T) {
	e := newEnv(t)
	e.vars["DBUS_SESSION_BUS_ADDRESS"] = "unix:path=" + filepath.Join(e.dir, "no-bus")
	r := e.run("token", "demo")
	assertOneLineError(t, r, "keyring is not available")
	if !strings.Contains(r.stderr, "OAUTHDESK_STORE=file") || !strings.Contains(r.stderr, "gnome-keyring") {
		t.Fatalf("the error does not say how to fix it: %s", r.stderr)
	}
}

// TestPlainFileStoreIsOptIn: the file store works when chosen, warns, and
// keeps the file private.
func TestPlainFileStoreIsOptIn(t *testing.T) {
	e := newEnv(t)
	e.vars["OAUTHDESK_STORE"] = "file"
	r := e.mustRun("login", "demo")
	if !strings.Contains(r.stderr, "warning: tokens are kept in the plain file") {
		t.Fatalf("no warning about the plain file:\n%s", r.stderr)
	}
	fi, err := os.Stat(filepath.Join(e.vars["OAUTHDESK_DATA_DIR"], "tokens.json"))
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("tokens file: %v %v", fi, err)
	}
	e.mustRun("token", "demo")
	if out, _ := exec.Command("secret-tool", "search", "--all", "service", "oauthdesk").CombinedOutput(); strings.Contains(string(out), "token:demo") {
		t.Fatal("the file store also wrote to the keyring")
	}
}

// TestFixedPortInUse: a provider whose registered port is taken.
func TestFixedPortInUse(t *testing.T) {
	e := newEnv(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	port := ln.Addr().(*net.TCPAddr).Port
	e.writeConfig(fmt.Sprintf("[[providers]]\nid = \"local\"\nissuer = \"http://%s\"\nclient_id = \"oauthdesk-demo\"\nscopes = [\"openid\"]\nredirect_port = %d\n", e.demo, port))
	// Start the demo provider so that discovery succeeds.
	e.mustRun("login", "demo")
	srv := startDemoIdP(t, e)
	defer srv()
	assertOneLineError(t, e.run("login", "local", "--timeout", "5s"), "already in use")
}

// TestMalformedConfig: the error names the file, line and field.
func TestMalformedConfig(t *testing.T) {
	e := newEnv(t)
	path := e.writeConfig("[[providers]]\nid = \"gh\"\npreset = \"github\"\nclient_id = \"x\"\nredirect_port = \"eighty\"\n")
	assertOneLineError(t, e.run("providers"), path+":5: providers[1].redirect_port")
	e.writeConfig("[[providers]]\nid = \"gh\"\npreset = \"github\"\n")
	assertOneLineError(t, e.run("status"), "client_id: is required")
}

// TestDemoPortTakenBySomethingElse: the demo provider's port is held by
// another program.
func TestDemoPortTakenBySomethingElse(t *testing.T) {
	e := newEnv(t)
	ln, err := net.Listen("tcp", e.demo)
	if err != nil {
		t.Fatal(err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write([]byte("hello")) })}
	go srv.Serve(ln)
	defer srv.Close()
	r := e.run("login", "demo", "--timeout", "5s")
	assertOneLineError(t, r, e.demo)
	if !strings.Contains(r.stderr, "not") {
		t.Fatalf("the error does not say the port holder is not the demo provider: %s", r.stderr)
	}
}

// TestRevokedRefreshTokenSignsOut: the provider revoked the grant; refresh
// says to sign in again, and the dead session is gone.
func TestRevokedRefreshTokenSignsOut(t *testing.T) {
	e := newEnv(t)
	e.mustRun("login", "demo")
	stop := startDemoIdP(t, e)
	defer stop()
	revokeDemoGrants(t)
	r := e.run("refresh", "demo")
	assertOneLineError(t, r, "sign in again")
	if !strings.Contains(r.stderr, "invalid_grant") {
		t.Fatalf("the provider's error is not named: %s", r.stderr)
	}
	var st map[string]any
	json.Unmarshal([]byte(e.mustRun("status", "demo", "--json").stdout), &st)
	if st["signed_in"] != false {
		t.Fatalf("still signed in after invalid_grant: %v", st)
	}
}

// TestConcurrentTokenCallsAcrossProcesses: many processes want a fresh
// token at once; the rotating refresh token must be spent once.
func TestConcurrentTokenCallsAcrossProcesses(t *testing.T) {
	e := newEnv(t)
	stop := startDemoIdPWithTTL(t, e, 5*time.Second) // shorter than the 30 s expiry margin: every token call refreshes
	defer stop()
	e.mustRun("login", "demo")
	var wg sync.WaitGroup
	results := make([]result, 4)
	for i := range results {
		wg.Add(1)
		go func() { defer wg.Done(); results[i] = e.run("token", "demo") }()
	}
	wg.Wait()
	for i, r := range results {
		if r.code != 0 {
			t.Fatalf("process %d: exit %d: %s", i, r.code, r.stderr)
		}
	}
	e.mustRun("token", "demo")
}

// TestHelpEverywhere: --help works on every command.
func TestHelpEverywhere(t *testing.T) {
	if skipReason != "" {
		t.Skip(skipReason)
	}
	for _, c := range []string{"", "providers", "providers add", "providers remove", "login", "token", "status", "profile", "refresh", "logout", "introspect", "secret", "demo-idp", "accounts", "call"} {
		args := strings.Fields(c + " --help")
		out, err := exec.Command(binary, args...).CombinedOutput()
		if err != nil || !strings.Contains(string(out), "Usage:") {
			t.Errorf("oauthdesk %s --help: %v\n%s", c, err, out)
		}
	}
	out, err := exec.Command(binary, "nonsense").CombinedOutput()
	if code := exitCode(err); code != 2 || !strings.Contains(string(out), "unknown command") {
		t.Errorf("unknown command: exit %d\n%s", code, out)
	}
}

func exitCode(err error) int {
	if err == nil {
		return 0
	}
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode()
	}
	return -1
}

// TestManualLogin: the browser is on another machine; the person pastes
// back the URL it ended on. A pasted URL of the wrong shape is refused and
// stores nothing.
func TestManualLogin(t *testing.T) {
	e := newEnv(t)
	stop := startDemoIdP(t, e)
	defer stop()
	for _, tc := range []struct {
		name  string
		paste func(redirected string) string
		ok    bool
		want  string
	}{
		{name: "wrong host", paste: func(r string) string { return strings.Replace(r, "127.0.0.1", "evil.example", 1) }, want: "not the redirect"},
		{name: "forged state", paste: func(r string) string { return strings.Replace(r, "state=", "state=x", 1) }, want: "state"},
		{name: "ok", paste: func(r string) string { return "  " + r + "\n" }, ok: true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := exec.Command(binary, "login", "demo", "--manual", "--timeout", "30s")
			cmd.Env = e.environ()
			stdin, _ := cmd.StdinPipe()
			stderr, _ := cmd.StderrPipe()
			var stdout strings.Builder
			cmd.Stdout = &stdout
			if err := cmd.Start(); err != nil {
				t.Fatal(err)
			}
			authURL, seen := readAuthURL(t, stderr)
			redirected, err := visitStopping(authURL)
			if err != nil {
				cmd.Process.Kill()
				t.Fatal(err)
			}
			fmt.Fprintln(stdin, tc.paste(redirected))
			stdin.Close()
			rest, _ := io.ReadAll(stderr)
			err = cmd.Wait()
			all := seen + string(rest)
			if tc.ok {
				if err != nil || !strings.Contains(stdout.String(), "Signed in") {
					t.Fatalf("manual login failed: %v\n%s", err, all)
				}
				return
			}
			if err == nil || !strings.Contains(all, tc.want) {
				t.Fatalf("want a failure mentioning %q, got %v\n%s", tc.want, err, all)
			}
			assertOneLineError(t, e.run("token", "demo"), "not signed in")
		})
	}
}

// readAuthURL reads stderr until the authorize URL appears.
func readAuthURL(t *testing.T, r io.Reader) (string, string) {
	t.Helper()
	var seen strings.Builder
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		line := sc.Text()
		seen.WriteString(line + "\n")
		if l := strings.TrimSpace(line); strings.HasPrefix(l, "http://") && strings.Contains(l, "/authorize?") {
			return l, seen.String()
		}
	}
	t.Fatalf("no authorize URL on stderr:\n%s", seen.String())
	return "", ""
}

// visitStopping signs in with the scripted browser and returns the URL the
// provider redirected to, without loading it.
func visitStopping(authURL string) (string, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	status, body, err := testbrowser.Visit(ctx, authURL, testbrowser.Options{StopAtRedirect: true})
	if err != nil {
		return "", err
	}
	if status != http.StatusFound {
		return "", fmt.Errorf("the browser did not stop at the redirect (status %d)", status)
	}
	return body, nil
}
