package e2e

import (
	"context"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"

	"oauthdesk/internal/testbrowser"
)

// TestAttackWrongStateCallback (issue 7 item 7): while the person signs
// in, other local processes send the listener a redirect with a forged
// state (as `curl .../callback?state=x` would). Each gets an error page,
// the sign-in keeps waiting, and the person's real redirect completes it.
func TestAttackWrongStateCallback(t *testing.T) {
	e := newEnv(t)
	defer startDemoIdP(t, e)()
	cmd := exec.Command(binary, "login", "demo", "--no-browser", "--timeout", "30s")
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
	defer cmd.Process.Kill()
	authURL, seen := readAuthURL(t, stderr)
	au, _ := url.Parse(authURL)
	forged := au.Query().Get("redirect_uri") + "?state=forged&code=attacker-code"

	// Another user: refused outright.
	if got := runAttacker(t, true, "get", forged); strings.Join(got["status"], "") != "403" {
		t.Errorf("a forged redirect from another user: status %v, want 403 (%v)", got["status"], got["body"])
	}
	// The person's own uid (a web page, a local script): an error page.
	got := runAttacker(t, false, "get", forged)
	if strings.Join(got["status"], "") != "400" || !strings.Contains(strings.Join(got["body"], ""), "still waiting") {
		t.Fatalf("a forged redirect: status %v, body %v; want 400 and a page saying oauthdesk is still waiting", got["status"], got["body"])
	}

	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	status, page, err := testbrowser.Visit(ctx, authURL, testbrowser.Options{})
	if err != nil || status != 200 || !strings.Contains(page, "You are signed in") {
		t.Fatalf("the real redirect after a forged one: %v, status %d\n%s", err, status, page)
	}
	rest := new(strings.Builder)
	buf := make([]byte, 4096)
	for {
		n, err := stderr.Read(buf)
		rest.Write(buf[:n])
		if err != nil {
			break
		}
	}
	if err := cmd.Wait(); err != nil || !strings.Contains(stdout.String(), "Signed in") {
		t.Fatalf("login after a forged redirect: %v\n%s\n%s%s", err, stdout.String(), seen, rest)
	}
}
