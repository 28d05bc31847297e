package e2e

import (
	"encoding/json"
	"strings"
	"testing"

	"oauthdesk/internal/oidcpeer"
)

// confidential is a peer client registered for method, with peerSecret.
func confidential(id, method string) oidcpeer.Client {
	return oidcpeer.NativeClient(id, peerSecret, method)
}

// checkClientAuth fails unless every client-authenticating request the
// peer saw was made the way method says.
func (e *peerEnv) checkClientAuth(method string) {
	e.t.Helper()
	reqs := e.clientRequests()
	if len(reqs) < 4 {
		e.t.Fatalf("only %d client-authenticating requests in the peer's log", len(reqs))
	}
	for _, r := range reqs {
		basic := r.AuthScheme == "Basic"
		var ok bool
		switch method {
		case "client_secret_basic":
			ok = basic && !r.HasParam("client_secret") && !r.HasParam("client_assertion")
		case "client_secret_post":
			ok = !basic && r.HasParam("client_secret") && !r.HasParam("client_assertion")
		case "client_secret_jwt", "private_key_jwt":
			ok = !basic && !r.HasParam("client_secret") && r.HasParam("client_assertion") && r.HasParam("client_assertion_type")
		}
		if !ok || r.Status >= 400 {
			e.t.Fatalf("%s %s (HTTP %d) was not authenticated with %s: %+v", r.Method, r.Path, r.Status, method, r)
		}
	}
}

// TestPeerClientSecretBasic: token_endpoint_auth_method =
// "client_secret_basic": login, token, profile, call, refresh, revoke,
// each with HTTP Basic.
func TestPeerClientSecretBasic(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{Clients: []oidcpeer.Client{confidential("conf", "client_secret_basic")}}, "conf",
		`token_endpoint_auth_method = "client_secret_basic"`)
	e.storeSecret()
	e.fullFlow()
	e.checkClientAuth("client_secret_basic")
}

// TestPeerClientSecretPost: the secret in the form body on every call.
// (oidc-provider would take Basic too: the log proves what was sent.)
func TestPeerClientSecretPost(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{Clients: []oidcpeer.Client{confidential("conf", "client_secret_post")}}, "conf",
		`token_endpoint_auth_method = "client_secret_post"`)
	e.storeSecret()
	e.fullFlow()
	e.checkClientAuth("client_secret_post")
}

// TestPeerClientSecretJWT: an HS256 client assertion on every call.
func TestPeerClientSecretJWT(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{Clients: []oidcpeer.Client{confidential("conf", "client_secret_jwt")}}, "conf",
		`token_endpoint_auth_method = "client_secret_jwt"`)
	e.storeSecret()
	e.fullFlow()
	e.checkClientAuth("client_secret_jwt")
}

// generateClientKey runs `oauthdesk key peer --generate` in e (whose
// providers file must name "peer") and returns the printed public JWK.
func generateClientKey(t *testing.T, e *env) map[string]any {
	t.Helper()
	r := e.mustRun("key", "peer", "--generate")
	var jwk map[string]any
	if err := json.Unmarshal([]byte(strings.TrimSpace(r.stdout)), &jwk); err != nil {
		t.Fatalf("key --generate printed no JWK on stdout (%v):\n%s", err, r.stdout)
	}
	if jwk["kty"] == nil || jwk["kid"] == nil || jwk["d"] != nil || jwk["p"] != nil {
		t.Fatalf("not a public JWK with a kid: %v", jwk)
	}
	if !strings.Contains(strings.ToLower(r.stderr), "register") {
		t.Fatalf("key --generate does not say what to do with the JWK:\n%s", r.stderr)
	}
	return jwk
}

// newPeerEnvWithKey makes the environment, generates the client key with
// the binary, then starts the peer with that key registered for clientID.
func newPeerEnvWithKey(t *testing.T, m oidcpeer.Mode, clientID, fields string) *peerEnv {
	t.Helper()
	e := newEnv(t)
	e.writeConfig(peerTOML("http://127.0.0.1:9", clientID, fields))
	cleanPeer(e)
	jwk := generateClientKey(t, e)
	for i, c := range m.Clients {
		if c["client_id"] == clientID {
			m.Clients[i] = c.With("jwks", map[string]any{"keys": []any{jwk}})
		}
	}
	p := oidcpeer.StartT(t, m)
	e.writeConfig(peerTOML(p.Issuer, clientID, fields))
	return &peerEnv{env: e, peer: p}
}

// TestPeerPrivateKeyJWT: `oauthdesk key peer --generate` makes the key and
// prints the public JWK; registered at the provider, it signs a client
// assertion on every call.
func TestPeerPrivateKeyJWT(t *testing.T) {
	e := newPeerEnvWithKey(t, oidcpeer.Mode{Clients: []oidcpeer.Client{oidcpeer.NativeClient("pk", "", "private_key_jwt")}}, "pk",
		`token_endpoint_auth_method = "private_key_jwt"`)
	e.fullFlow()
	e.checkClientAuth("private_key_jwt")
	// The key stays in the keyring, not in a file.
	if r := e.mustRun("key", "peer", "--public"); !strings.Contains(r.stdout, `"kid"`) {
		t.Fatalf("key --public: %s", r.stdout)
	}
}

// TestPeerClientAuthPicked: with no token_endpoint_auth_method, the first
// method that discovery and the credentials allow is used, and -v says
// which and why.
func TestPeerClientAuthPicked(t *testing.T) {
	e := newPeerEnvWithKey(t, oidcpeer.Mode{Clients: []oidcpeer.Client{oidcpeer.NativeClient("pk", "", "private_key_jwt")}}, "pk", "")
	r := e.mustRun("login", "peer", "-v")
	if !strings.Contains(r.stderr, "private_key_jwt") || !strings.Contains(r.stderr, "advertises") {
		t.Fatalf("login -v does not say which client authentication was picked:\n%s", r.stderr)
	}
	if strings.Contains(r.stderr, "eyJ") {
		t.Fatalf("login -v shows a JWT (a client assertion or a token):\n%s", r.stderr)
	}
	e.mustRun("refresh", "peer")
	e.mustRun("logout", "peer")
	e.checkClientAuth("private_key_jwt")
}

// TestPeerClientAuthWrongMethodHint: a client registered for
// client_secret_jwt, configured for client_secret_basic, fails with
// invalid_client and a hint about token_endpoint_auth_method, not the
// redirect URI; nothing is stored.
func TestPeerClientAuthWrongMethodHint(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{Clients: []oidcpeer.Client{confidential("conf", "client_secret_jwt")}}, "conf",
		`token_endpoint_auth_method = "client_secret_basic"`)
	e.storeSecret()
	r := e.run("login", "peer", "--timeout", "30s")
	assertOneLineError(t, r, "invalid_client")
	assertOneLineError(t, r, "token_endpoint_auth_method")
	if strings.Contains(r.stderr, "redirect URI") {
		t.Fatalf("the hint is about the redirect URI:\n%s", r.stderr)
	}
	assertOneLineError(t, e.run("token", "peer"), "not signed in")
}
