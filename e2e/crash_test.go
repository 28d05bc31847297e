package e2e

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"

	"oauthdesk/internal/faultpoint"
)

// The crash tests run a build of oauthdesk that kills itself with SIGKILL
// at a named point of a save (internal/faultpoint, -tags faultinject), and
// then check with the normal binary that the earlier session or the new one
// is readable and usable: never neither.

var (
	faultOnce sync.Once
	faultBin  string
	faultErr  error
)

// faultBinary builds (once) the oauthdesk binary with fault points, or
// takes $OAUTHDESK_FAULT_BIN.
func faultBinary(t *testing.T) string {
	t.Helper()
	faultOnce.Do(func() {
		if faultBin = os.Getenv("OAUTHDESK_FAULT_BIN"); faultBin != "" {
			return
		}
		faultBin = filepath.Join(binDir, "oauthdesk-fault")
		out, err := exec.Command("go", "build", "-C", repoRoot, "-tags", "faultinject", "-o", faultBin, ".").CombinedOutput()
		if err != nil {
			faultErr = err
			faultBin = string(out)
		}
	})
	if faultErr != nil {
		t.Fatalf("building oauthdesk with -tags faultinject: %v\n%s", faultErr, faultBin)
	}
	return faultBin
}

// runKilled runs the fault binary with args and fails the test unless it
// died of SIGKILL at point: a test whose fault point is never reached
// proves nothing.
func (e *env) runKilled(point string, args ...string) {
	e.t.Helper()
	cmd := exec.Command(faultBinary(e.t), args...)
	cmd.Env = append(e.environ(), faultpoint.Env+"="+point)
	out, _ := cmd.CombinedOutput()
	ws, ok := cmd.ProcessState.Sys().(syscall.WaitStatus)
	if !ok || !ws.Signaled() || ws.Signal() != syscall.SIGKILL {
		e.e2eFatalf("oauthdesk %s with %s=%s was not killed there (%v):\n%s", strings.Join(args, " "), faultpoint.Env, point, cmd.ProcessState, out)
	}
}

func (e *env) e2eFatalf(format string, args ...any) {
	e.t.Helper()
	e.t.Fatalf(format, args...)
}

// bigDemoUser gives the demo user a long name, so that a token set (the ID
// token carries the name) no longer fits in one keyring entry and is saved
// in parts: the part and manifest fault points are then on the way.
func bigDemoUser(t *testing.T, e *env) {
	t.Helper()
	startDemoIdP(t, e)() // creates the state file
	path := filepath.Join(e.vars["OAUTHDESK_DATA_DIR"], "demo-idp", "idp-state.json")
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var st map[string]any
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatal(err)
	}
	users, _ := st["users"].([]any)
	for _, u := range users {
		if m, _ := u.(map[string]any); m["username"] == "demo" {
			m["name"] = strings.Repeat("Demo User of the crash tests ", 50)
		}
	}
	if b, err = json.Marshal(st); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
}

// signInAs sets the account the scripted browser signs in with.
func (e *env) signInAs(user string) {
	e.vars["TESTBROWSER_USER"], e.vars["TESTBROWSER_PASSWORD"] = user, user
}

// TestKillDuringSignInSave: a second person signs in while another is
// signed in, and the process is killed at each point of the save. The
// earlier person's session survives every one of them; the active session
// is readable and refreshes.
func TestKillDuringSignInSave(t *testing.T) {
	points := []string{
		faultpoint.StorePart + "@1", faultpoint.StoreManifest + "@1",
		faultpoint.SignInKeptPrevious, faultpoint.SignInSaved, faultpoint.SignInIndexSaved,
	}
	for _, point := range points {
		t.Run(point, func(t *testing.T) {
			e := newEnv(t)
			t.Cleanup(func() { e.run("logout", "demo", "--account", "alice@example.com") })
			bigDemoUser(t, e)
			defer startDemoIdP(t, e)()
			e.signInAs("demo")
			e.mustRun("login", "demo")
			before := e.mustRun("token", "demo").stdout

			e.signInAs("alice")
			e.runKilled(point, "login", "demo")

			if got := e.run("token", "demo", "--account", "demo@example.com"); got.code != 0 || got.stdout != before {
				t.Fatalf("the earlier session is gone after a kill at %s: exit %d %s", point, got.code, got.stderr)
			}
			checkUsable(t, e)
		})
	}
}

// TestKillDuringSameAccountSignInSave: the same person signs in again and
// the process is killed while the new session replaces the old: one of the
// two is readable and usable afterwards.
func TestKillDuringSameAccountSignInSave(t *testing.T) {
	for _, point := range []string{faultpoint.StorePart + "@1", faultpoint.StorePart + "@2", faultpoint.StoreManifest + "@1", faultpoint.SignInSaved} {
		t.Run(point, func(t *testing.T) {
			e := newEnv(t)
			bigDemoUser(t, e)
			defer startDemoIdP(t, e)()
			e.mustRun("login", "demo")
			e.runKilled(point, "login", "demo")
			checkUsable(t, e)
		})
	}
}

// checkUsable: every account listed is readable, and the active one
// refreshes and reads the profile.
func checkUsable(t *testing.T, e *env) {
	t.Helper()
	list := e.mustRun("accounts", "demo").stdout
	for _, line := range strings.Split(strings.TrimSpace(list), "\n") {
		label := strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(line), "*"))
		if label == "" {
			continue
		}
		if r := e.run("token", "demo", "--account", label); r.code != 0 {
			t.Errorf("account %q is listed but unreadable: %s", label, r.stderr)
		}
	}
	e.mustRun("refresh", "demo")
	e.mustRun("profile", "demo")
	// The refresh saved again: no part of an older generation is left.
	out, _ := exec.Command("secret-tool", "search", "--all", "service", "oauthdesk").CombinedOutput()
	gens := map[string]bool{}
	for _, line := range strings.Split(string(out), "\n") {
		if _, user, ok := strings.Cut(line, "attribute.username = token:demo#"); ok {
			gen, _, _ := strings.Cut(user, ".")
			gens[gen] = true
		}
	}
	if len(gens) > 1 {
		t.Errorf("parts of %d generations of token:demo are in the keyring, want at most 1", len(gens))
	}
}

// TestKillDuringRefreshSave: the process is killed at each point of saving
// a refresh. Once the rotated refresh token is durable (its manifest is
// written), the session refreshes again. Before that point the rotated
// token exists only in the killed process's memory and the provider has
// already retired the old one: the earlier session is still readable and
// its access token still works, and the next refresh says plainly to sign
// in again. No client can close that window; oauthdesk keeps it to one
// keyring write, with no network call or check before it.
func TestKillDuringRefreshSave(t *testing.T) {
	cases := []struct {
		point   string
		durable bool
	}{
		{faultpoint.RefreshAnswered, false},
		{faultpoint.StorePart + "@1", false},
		{faultpoint.StoreManifest + "@1", true},
		{faultpoint.RefreshRotatedSaved, true},
		{faultpoint.StorePart + "@4", true},
		{faultpoint.RefreshSaved, true},
	}
	for _, c := range cases {
		t.Run(c.point, func(t *testing.T) {
			e := newEnv(t)
			bigDemoUser(t, e)
			defer startDemoIdP(t, e)()
			e.mustRun("login", "demo")
			e.runKilled(c.point, "refresh", "demo")

			var st map[string]any
			if err := json.Unmarshal([]byte(e.mustRun("status", "demo", "--json").stdout), &st); err != nil || st["signed_in"] != true {
				t.Fatalf("no readable session after a kill at %s: %v %v", c.point, st, err)
			}
			e.mustRun("profile", "demo") // the stored access token works
			if !c.durable {
				assertOneLineError(t, e.run("refresh", "demo"), "sign in again")
				return
			}
			e.mustRun("refresh", "demo")
			e.mustRun("refresh", "demo")
		})
	}
}
