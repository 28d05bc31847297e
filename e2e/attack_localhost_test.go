package e2e

import (
	"fmt"
	"net/url"
	"os"
	"strings"
	"testing"
)

// localhostProvider configures provider "ms": the demo provider reached
// with a redirect to localhost, as the microsoft (any port) and facebook,
// kakao and naver (port 8400) presets do. port 0 means any free port.
func localhostProvider(t *testing.T, e *env, host string, port int) {
	t.Helper()
	cfg := fmt.Sprintf("[[providers]]\nid = \"ms\"\nissuer = \"http://%s\"\nclient_id = \"oauthdesk-demo\"\nscopes = [\"openid\", \"email\"]\nredirect_host = %q\n", e.demo, host)
	if port != 0 {
		cfg += fmt.Sprintf("redirect_port = %d\n", port)
	}
	e.writeConfig(cfg)
	t.Cleanup(func() { e.run("logout", "ms") })
}

// codeRequests are the requests among reqs that carry an authorization
// code or state.
func codeRequests(reqs []string) []string {
	var out []string
	for _, r := range reqs {
		if strings.Contains(r, "code=") || strings.Contains(r, "state=") {
			out = append(out, r)
		}
	}
	return out
}

// TestAttackLocalhostSquatterFixedPort (issue 7 item 1): another local
// user holds [::1]:PORT of a localhost redirect with a fixed port. The
// browser tries ::1 first for localhost, so the squatter would get the
// code; oauthdesk must refuse to start, naming [::1]:PORT, before any
// browser opens.
func TestAttackLocalhostSquatterFixedPort(t *testing.T) {
	e := newEnv(t)
	defer startDemoIdP(t, e)()
	port := freePortBoth(t)
	squatter := startAttacker(t, true, "squat", fmt.Sprintf("[::1]:%d", port))
	squatter.waitFor(t, "listening ")
	localhostProvider(t, e, "localhost", port)

	r := e.run("login", "ms", "--timeout", "10s")
	if got := codeRequests(squatter.requests()); len(got) > 0 {
		t.Fatalf("the squatter on [::1]:%d received the redirect:\n%s\noauthdesk said:\n%s", port, strings.Join(got, "\n"), r.stderr)
	}
	assertOneLineError(t, r, fmt.Sprintf("[::1]:%d", port))
	if strings.Contains(r.stderr, "/authorize?") {
		t.Fatalf("oauthdesk started the sign-in although [::1]:%d is taken:\n%s", port, r.stderr)
	}
	assertOneLineError(t, e.run("token", "ms"), "not signed in")
}

// TestAttackLocalhostSquatterRandomPort (issue 7 item 1): with any port
// (the microsoft preset), another local user watches /proc/net/tcp and
// binds [::1] on every new port oauthdesk listens on. The sign-in must
// still complete, and the squatter must receive nothing.
func TestAttackLocalhostSquatterRandomPort(t *testing.T) {
	e := newEnv(t)
	defer startDemoIdP(t, e)()
	squatter := startAttacker(t, true, "squat-new", fmt.Sprint(os.Geteuid()))
	squatter.waitFor(t, "watching ")
	localhostProvider(t, e, "localhost", 0)
	slowBrowser(t, e)

	r := e.run("login", "ms", "--timeout", "10s")
	if got := codeRequests(squatter.requests()); len(got) > 0 {
		t.Fatalf("the squatter received the redirect:\n%s\noauthdesk said:\n%s", strings.Join(got, "\n"), r.stderr)
	}
	if r.code != 0 || !strings.Contains(r.stdout, "Signed in") {
		t.Fatalf("login: exit %d\n%s\n%s", r.code, r.stdout, r.stderr)
	}
	// The squatter did try: it saw the listener's port and found [::1]
	// already held.
	port := redirectPort(t, r.stderr)
	tried := false
	for _, l := range squatter.report() {
		if strings.Contains(l, fmt.Sprintf("[::1]:%s", port)) {
			tried = true
		}
	}
	if !tried {
		t.Fatalf("the squatter never saw port %s; it said:\n%s", port, strings.Join(squatter.report(), "\n"))
	}
}

// redirectPort finds the port of the redirect_uri in the authorize URL
// that login printed.
func redirectPort(t *testing.T, stderr string) string {
	t.Helper()
	for _, f := range strings.Fields(stderr) {
		if !strings.Contains(f, "/authorize?") {
			continue
		}
		u, err := url.Parse(f)
		if err != nil {
			continue
		}
		if ru, err := url.Parse(u.Query().Get("redirect_uri")); err == nil && ru.Port() != "" {
			return ru.Port()
		}
	}
	t.Fatalf("no authorize URL with a redirect_uri on stderr:\n%s", stderr)
	return ""
}

// TestLocalhostMixedCase (issue 7 item 14): redirect_host = "LocalHost"
// passes validation, so the sign-in must work with it: browsers send the
// Host header in lower case.
func TestLocalhostMixedCase(t *testing.T) {
	e := newEnv(t)
	defer startDemoIdP(t, e)()
	localhostProvider(t, e, "LocalHost", 0)
	r := e.run("login", "ms", "--timeout", "10s")
	if r.code != 0 || !strings.Contains(r.stdout, "Signed in") {
		page := e.browserPage()
		t.Fatalf("login with redirect_host = \"LocalHost\": exit %d\n%s\n%s\nbrowser page:\n%s", r.code, r.stdout, r.stderr, page)
	}
}
