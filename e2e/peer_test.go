package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"oauthdesk/internal/oidcpeer"
)

// The tests against panva's oidc-provider (testpeers/oidc-provider), a
// second, independent real server: each mode a certified authorization
// server offers, through the built binary and the scripted browser.

// peerSecret is the client secret of the peer's confidential clients
// (32 bytes or more, so client_secret_jwt can sign HS256 with it).
const peerSecret = "peer-client-secret-0123456789-abcdefghij"

// peerEnv is an isolated person with provider "peer" pointing at a running
// oidc-provider.
type peerEnv struct {
	*env
	peer *oidcpeer.Peer
}

// newPeerEnv starts the peer in mode m and writes providers.toml with one
// provider, id "peer", whose extra TOML lines are fields (issuer filled
// in). Its session is signed out when the test ends.
func newPeerEnv(t *testing.T, m oidcpeer.Mode, clientID, fields string) *peerEnv {
	t.Helper()
	e := newEnv(t)
	p := oidcpeer.StartT(t, m)
	e.writeConfig(peerTOML(p.Issuer, clientID, fields))
	cleanPeer(e)
	return &peerEnv{env: e, peer: p}
}

// cleanPeer leaves the keyring as it was when the test ends: provider
// "peer"'s session, client secret and client key go.
func cleanPeer(e *env) {
	e.t.Cleanup(func() {
		e.run("logout", "peer")
		e.run("secret", "peer", "--delete")
		e.run("key", "peer", "--delete")
	})
}

// peerTOML is the providers file for the peer.
func peerTOML(issuer, clientID, fields string) string {
	return fmt.Sprintf(`[[providers]]
id = "peer"
name = "oidc-provider"
preset = "oidc"
issuer = %q
client_id = %q
scopes = ["openid", "profile", "email", "offline_access"]
auth_params = { prompt = "consent" }
%s
`, issuer, clientID, fields)
}

// storeSecret keeps the peer client's secret in the keyring.
func (e *peerEnv) storeSecret() {
	e.t.Helper()
	if r := e.runInput(peerSecret+"\n", "secret", "peer"); r.code != 0 {
		e.t.Fatalf("oauthdesk secret peer: %d %s", r.code, r.stderr)
	}
}

// fullFlow is what every mode must do: login through the browser, token,
// profile (userinfo), call (the profile endpoint through the API
// console), refresh (a new access token), logout (revocation). It returns
// the access token from before the refresh.
func (e *peerEnv) fullFlow() string {
	t := e.t
	t.Helper()
	r := e.mustRun("login", "peer")
	if !strings.Contains(r.stdout, "Signed in to oidc-provider") {
		t.Fatalf("login output:\n%s\n%s", r.stdout, r.stderr)
	}
	var st map[string]any
	if err := json.Unmarshal([]byte(e.mustRun("status", "peer", "--json").stdout), &st); err != nil {
		t.Fatal(err)
	}
	if st["signed_in"] != true || st["has_refresh_token"] != true || st["subject"] != "peer-user-0001" {
		t.Fatalf("status: %v", st)
	}
	tok := strings.TrimSpace(e.mustRun("token", "peer").stdout)
	if tok == "" || strings.ContainsAny(tok, " \n") {
		t.Fatalf("token: %q", tok)
	}
	var prof map[string]any
	if err := json.Unmarshal([]byte(e.mustRun("profile", "peer", "--json").stdout), &prof); err != nil {
		t.Fatal(err)
	}
	if prof["sub"] != "peer-user-0001" || prof["email"] != "demo@peer.example" {
		t.Fatalf("profile: %v", prof)
	}
	if body := e.mustRun("call", "peer").stdout; !strings.Contains(body, `"demo@peer.example"`) {
		t.Fatalf("call of the profile endpoint: %s", body)
	}
	e.mustRun("refresh", "peer")
	if tok2 := strings.TrimSpace(e.mustRun("token", "peer").stdout); tok2 == tok {
		t.Fatal("refresh did not change the access token")
	}
	if body := e.mustRun("call", "peer").stdout; !strings.Contains(body, `"peer-user-0001"`) {
		t.Fatalf("call after refresh: %s", body)
	}
	revocations := len(e.peer.Requests("/token/revocation"))
	e.mustRun("logout", "peer")
	revs := e.peer.Requests("/token/revocation")
	if len(revs)-revocations != 2 {
		t.Fatalf("logout sent %d revocation requests, want 2 (refresh and access token)", len(revs)-revocations)
	}
	for _, rv := range revs[revocations:] {
		if rv.Status != 200 {
			t.Fatalf("revocation answered %d", rv.Status)
		}
	}
	assertOneLineError(t, e.run("token", "peer"), "not signed in")
	return tok
}

// clientRequests returns the peer's log of the requests that
// authenticate the client: token (code, refresh), revocation, and, when
// used, introspection and PAR.
func (e *peerEnv) clientRequests() []oidcpeer.Entry {
	var out []oidcpeer.Entry
	for _, en := range e.peer.Log() {
		switch en.Path {
		case "/token", "/token/revocation", "/token/introspection", "/request":
			out = append(out, en)
		}
	}
	return out
}

// TestPeerPublicClient: the base flow with a public client (PKCE, no
// secret) against oidc-provider.
func TestPeerPublicClient(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{Clients: []oidcpeer.Client{oidcpeer.NativeClient("pub", "", "none")}}, "pub", "")
	e.fullFlow()
	for _, r := range e.clientRequests() {
		if r.HasHeader("authorization") || !r.HasParam("client_id") {
			t.Fatalf("a public client's request %s %s: %+v", r.Method, r.Path, r)
		}
	}
}
