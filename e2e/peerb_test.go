package e2e

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"oauthdesk/internal/oidcpeer"
)

// Helpers for the issue-10 tests of resource indicators, JWT access
// tokens, RFC 8414, ID-token algorithms, offline_access and signed
// userinfo against panva's oidc-provider (testpeers/oidc-provider).

// peerB is an isolated person with provider "peer" pointing at a running
// oidc-provider.
type peerB struct {
	*env
	peer *oidcpeer.Peer
}

// startPeerB starts the peer in mode m and writes providers.toml with one
// provider, id "peer", issuer the peer's, and the given TOML lines. The
// session is signed out when the test ends.
func startPeerB(t *testing.T, m oidcpeer.Mode, fields string) *peerB {
	t.Helper()
	e := newEnv(t)
	p := oidcpeer.StartT(t, m)
	e.writeConfig(fmt.Sprintf("[[providers]]\nid = \"peer\"\nname = \"oidc-provider\"\nissuer = %q\n%s\n", p.Issuer, fields))
	t.Cleanup(func() { e.run("logout", "peer") })
	return &peerB{env: e, peer: p}
}

// statusJSON is `oauthdesk status peer --json`.
func (e *peerB) statusJSON() map[string]any {
	e.t.Helper()
	var st map[string]any
	if err := json.Unmarshal([]byte(e.mustRun("status", "peer", "--json").stdout), &st); err != nil {
		e.t.Fatal(err)
	}
	return st
}

// requestsWith returns the peer's logged requests to path that carried
// the OAuth parameter param (query or form).
func (e *peerB) requestsWith(path, param string) []oidcpeer.Entry {
	var out []oidcpeer.Entry
	for _, r := range e.peer.Requests(path) {
		if r.HasParam(param) || r.HasQuery(param) {
			out = append(out, r)
		}
	}
	return out
}

// mustContain fails unless s contains each of want.
func mustContain(t *testing.T, what, s string, want ...string) {
	t.Helper()
	for _, w := range want {
		if !strings.Contains(s, w) {
			t.Fatalf("%s does not contain %q:\n%s", what, w, s)
		}
	}
}

// jsonPath reads a nested field of decoded JSON, "a.b".
func jsonPath(v any, path string) any {
	for _, k := range strings.Split(path, ".") {
		m, ok := v.(map[string]any)
		if !ok {
			return nil
		}
		v = m[k]
	}
	return v
}

// jwtHeaderAlg reads a compact JWS's alg.
func jwtHeaderAlg(t *testing.T, raw string) string {
	t.Helper()
	h, _, _ := strings.Cut(raw, ".")
	b, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		t.Fatalf("not a JWT: %q", raw)
	}
	var hdr struct{ Alg string }
	if err := json.Unmarshal(b, &hdr); err != nil {
		t.Fatal(err)
	}
	return hdr.Alg
}
