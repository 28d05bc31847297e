package e2e

import (
	"bufio"
	"net/url"
	"os/exec"
	"strings"
	"testing"
	"time"
)

// TestLoginWaitNamesTheClientIDAndTheRedirectURI (issue 13 item 8): a
// provider that rejects the client ID or the redirect URI shows its own
// error page and never redirects. After a few seconds of waiting the CLI
// says what to check: the client ID and the exact redirect URI of the
// request, port included.
func TestLoginWaitNamesTheClientIDAndTheRedirectURI(t *testing.T) {
	e := newEnv(t)
	defer startDemoIdP(t, e)()
	cmd := exec.Command(binary, "login", "demo", "--no-browser", "--timeout", "40s")
	cmd.Env = e.environ()
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() { _ = cmd.Process.Kill(); _ = cmd.Wait() }()
	authURL, _ := readAuthURL(t, stderr)
	au, err := url.Parse(authURL)
	if err != nil {
		t.Fatal(err)
	}
	redirect := au.Query().Get("redirect_uri")

	lines := make(chan string)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	var got strings.Builder
	deadline := time.After(30 * time.Second)
	for !strings.Contains(got.String(), "redirect URI") {
		select {
		case l, ok := <-lines:
			if !ok {
				t.Fatalf("login ended without the hint:\n%s", got.String())
			}
			got.WriteString(l + "\n")
		case <-deadline:
			t.Fatalf("no hint after 30 s of waiting; stderr:\n%s", got.String())
		}
	}
	text := got.String()
	for _, want := range []string{"If the browser shows an error (redirect_uri_mismatch, invalid client…)",
		"client ID     oauthdesk-demo", "redirect URI  " + redirect} {
		if !strings.Contains(text, want) {
			t.Errorf("the hint lacks %q:\n%s", want, text)
		}
	}
}
