package idp_test

import (
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"

	"oauthdesk/idp"
	"oauthdesk/internal/testbrowser"
)

func TestDenyGivesAccessDenied(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	f := newFlow()
	status, body, err := testbrowser.Visit(t.Context(), c.authURL(f), testbrowser.Options{Action: "deny"})
	if err != nil {
		t.Fatalf("Visit: %v", err)
	}
	if status != http.StatusBadRequest || !strings.Contains(body, "access_denied") {
		t.Errorf("final page %d %q", status, body)
	}
	resp := a.response(t)
	if resp.Get("error") != "access_denied" || resp.Get("state") != f.state || resp.Get("iss") != srv.Issuer() || resp.Has("code") {
		t.Errorf("authorization response %v", resp)
	}
}

func TestWrongPasswordShowsError(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	status, body, err := testbrowser.Visit(t.Context(), c.authURL(newFlow()), testbrowser.Options{Username: "demo", Password: "nope"})
	if !errors.Is(err, testbrowser.ErrLoginFailed) {
		t.Fatalf("err = %v, want ErrLoginFailed", err)
	}
	if status != http.StatusOK || !strings.Contains(body, "The username or password is wrong") || !strings.Contains(body, `name="password"`) {
		t.Errorf("page %d %q", status, body)
	}
	if !strings.Contains(body, "<title>Sign in · oauthdesk demo provider</title>") {
		t.Error("login page title missing")
	}
}

// authorize sends an authorization request without following redirects.
func authorize(t *testing.T, srv *idp.Server, q url.Values) *http.Response {
	t.Helper()
	resp, err := noRedirectClient.Get(srv.Issuer() + "/authorize?" + q.Encode())
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

// authParams are valid authorization request parameters for the demo client.
func authParams(redirectURI string) url.Values {
	return url.Values{
		"client_id": {idp.DemoClientID}, "response_type": {"code"}, "scope": {"openid profile"},
		"redirect_uri": {redirectURI}, "state": {"s1"},
		"code_challenge": {oauth2.S256ChallengeFromVerifier(oauth2.GenerateVerifier())}, "code_challenge_method": {"S256"},
	}
}

func TestRedirectURIs(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	for _, uri := range []string{
		"http://127.0.0.1:5000/callback",
		"http://127.0.0.1:65535/",
		"http://127.0.0.1:1234/a/b/c?x=1",
		"http://[::1]:8400/oauth/callback",
		"http://localhost:8400/cb",
	} {
		resp := authorize(t, srv, authParams(uri))
		if resp.StatusCode != http.StatusFound || !strings.HasPrefix(resp.Header.Get("Location"), "/login?id=") {
			t.Errorf("%s: status %d, Location %q; want a redirect to the login page", uri, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	for _, uri := range []string{
		"https://evil.example/callback",
		"http://evil.example:80/callback",
		"http://127.0.0.1:1@evil.example/callback",
		"http://127.0.0.1:80@evil.example:80/callback",
		"http://localhost.evil.example:80/cb",
		"http://127.0.0.1/callback", // no port
		"http://127.0.0.2:5000/callback",
		"https://127.0.0.1:5000/callback",
		"http://127.0.0.1:5000/callback#frag",
		"com.example.app:/callback",
	} {
		resp := authorize(t, srv, authParams(uri))
		if resp.StatusCode != http.StatusBadRequest || resp.Header.Get("Location") != "" {
			t.Errorf("%s: status %d, Location %q; want 400 without redirect", uri, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
}

func TestPKCERequiredForPublicClient(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	redirect := "http://127.0.0.1:5000/callback"
	noPKCE := authParams(redirect)
	noPKCE.Del("code_challenge")
	noPKCE.Del("code_challenge_method")
	plain := authParams(redirect)
	plain.Set("code_challenge_method", "plain")
	for name, q := range map[string]url.Values{"no PKCE": noPKCE, "plain": plain} {
		resp := authorize(t, srv, q)
		loc, _ := url.Parse(resp.Header.Get("Location"))
		if resp.StatusCode != http.StatusFound || loc == nil || !strings.HasPrefix(loc.String(), redirect) ||
			loc.Query().Get("error") != "invalid_request" || loc.Query().Get("state") != "s1" || loc.Query().Get("iss") != srv.Issuer() {
			t.Errorf("%s: status %d, Location %q; want an invalid_request redirect", name, resp.StatusCode, resp.Header.Get("Location"))
		}
	}
	// The confidential client may go without PKCE.
	conf := url.Values{
		"client_id": {idp.ConfidentialClientID}, "response_type": {"code"}, "scope": {"openid"},
		"redirect_uri": {redirect}, "state": {"s1"},
	}
	if resp := authorize(t, srv, conf); !strings.HasPrefix(resp.Header.Get("Location"), "/login?id=") {
		t.Errorf("confidential client without PKCE: Location %q", resp.Header.Get("Location"))
	}
}

func TestStartRefusesNonLoopback(t *testing.T) {
	t.Parallel()
	for _, addr := range []string{"0.0.0.0:0", ":0", "localhost:0", "192.0.2.1:0", "[::]:0", "127.0.0.1:http"} {
		if srv, err := idp.Start(t.Context(), idp.Options{Addr: addr}); err == nil {
			srv.Close()
			t.Errorf("Start(%q) succeeded", addr)
		}
	}
}

func TestPromptNoneAndEndSession(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	q := authParams("http://127.0.0.1:5000/callback")
	q.Set("prompt", "none")
	resp := authorize(t, srv, q)
	loc, _ := url.Parse(resp.Header.Get("Location"))
	if loc == nil || loc.Query().Get("error") != "login_required" {
		t.Errorf("prompt=none: Location %q, want error=login_required", resp.Header.Get("Location"))
	}
	resp, err := noRedirectClient.Get(srv.Issuer() + "/end_session")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusFound || !strings.HasSuffix(resp.Header.Get("Location"), "/signed-out") {
		t.Errorf("end_session: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
}
