package e2e

import (
	"regexp"
	"strings"
	"testing"
)

// TestVerboseFlowLogHidesSecrets: -v shows every step of the sign-in in the
// protocol's words, and no secret unless --reveal-secrets.
func TestVerboseFlowLogHidesSecrets(t *testing.T) {
	e := newEnv(t)
	r := e.mustRun("login", "demo", "-v")
	for _, step := range []string{"discovery —", "authorize —", "callback —", "token —", "jwks —"} {
		if !strings.Contains(r.stderr, step) {
			t.Fatalf("-v does not show the %q step:\n%s", step, r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "code_challenge_method=S256") || !strings.Contains(r.stderr, "grant_type=authorization_code") {
		t.Fatalf("-v lacks the request details:\n%s", r.stderr)
	}
	tok := strings.TrimSpace(e.mustRun("token", "demo").stdout)
	if strings.Contains(r.stderr, tok[:40]) {
		t.Fatal("-v printed the access token")
	}
	if m := regexp.MustCompile(`code_verifier=([A-Za-z0-9_-]{20,})`).FindString(r.stderr); m != "" {
		t.Fatalf("-v printed the PKCE verifier: %s", m)
	}
	if !strings.Contains(r.stderr, "hidden") {
		t.Fatal("-v does not say what it hid")
	}
	rv := e.mustRun("refresh", "demo", "-v", "--reveal-secrets")
	if !regexp.MustCompile(`refresh_token=[A-Za-z0-9_-]{10,}`).MatchString(rv.stderr) {
		t.Fatalf("--reveal-secrets did not show the refresh token:\n%s", rv.stderr)
	}
}

// TestTwoAccounts: a second person signs in at the same provider; each
// account works on its own and signing one out keeps the other.
func TestTwoAccounts(t *testing.T) {
	e := newEnv(t)
	e.mustRun("login", "demo")
	e.vars["TESTBROWSER_USER"], e.vars["TESTBROWSER_PASSWORD"] = "alice", "alice"
	r := e.mustRun("login", "demo")
	if !strings.Contains(r.stdout, "alice") {
		t.Fatalf("second sign-in:\n%s", r.stdout)
	}
	list := e.mustRun("accounts", "demo").stdout
	if !strings.Contains(list, "* alice") || !strings.Contains(list, "  demo@example.com") {
		t.Fatalf("accounts:\n%s", list)
	}
	demoTok := e.mustRun("token", "demo", "--account", "demo@example.com").stdout
	aliceTok := e.mustRun("token", "demo").stdout
	if demoTok == aliceTok {
		t.Fatal("both accounts have the same token")
	}
	e.mustRun("accounts", "demo", "--use", "demo@example.com")
	if got := e.mustRun("token", "demo").stdout; got != demoTok {
		t.Fatal("--use did not switch the active account")
	}
	aliceLabel := strings.TrimSpace(strings.TrimPrefix(strings.Split(list, "\n")[0], "*"))
	e.mustRun("logout", "demo", "--account", aliceLabel)
	if got := e.mustRun("token", "demo").stdout; got != demoTok {
		t.Fatal("signing alice out touched the demo account")
	}
	assertOneLineError(t, e.run("token", "demo", "--account", aliceLabel), "no such account")
	var st = e.mustRun("status", "demo").stdout
	if !strings.Contains(st, "demo@example.com") {
		t.Fatalf("status: %s", st)
	}
}
