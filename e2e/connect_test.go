package e2e

import (
	"encoding/base64"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"time"

	"oauthdesk/internal/oidcpeer"
)

// Issue 11: start from an API. oidc-provider with dynamic registration
// (and RFC 7592 management) and resource indicators is the authorization
// server; protectedRS, on another port, is the API.

// connectPeer starts the API and the authorization server for it, the
// server issuing JWT access tokens for the API's resource that live ttl
// seconds. mode adjusts the peer's mode.
func connectPeer(t *testing.T, ttl int, mode func(*oidcpeer.Mode)) (*protectedRS, *oidcpeer.Peer) {
	t.Helper()
	rs := startRS(t)
	m := oidcpeer.Mode{
		Registration:    true,
		Features:        map[string]any{"registrationManagement": map[string]any{"enabled": true}},
		Scopes:          []string{"api:read"},
		ResourceServers: map[string]oidcpeer.ResourceServer{rs.Resource(): {Scope: "api:read", AccessTokenTTL: ttl}},
		TTL:             map[string]int{"AccessToken": ttl},
	}
	if mode != nil {
		mode(&m)
	}
	p := oidcpeer.StartT(t, m)
	rs.set(func(rs *protectedRS) { rs.Issuer, rs.JWKS = p.Issuer, p.Issuer+"/jwks" })
	return rs, p
}

// TestConnectThenCall: on a machine with no config, connect URL signs in
// through a registered client, call ID URL answers 200 from the API
// (which checks the JWT's signature, aud and exp), and once the access
// token has expired token ID refreshes silently, the new token still for
// the resource. providers remove then deletes the registration (RFC 7592).
func TestConnectThenCall(t *testing.T) {
	rs, peer := connectPeer(t, 32, nil)
	e := newEnv(t)
	cfg := e.vars["OAUTHDESK_CONFIG"]
	if _, err := os.Stat(cfg); !os.IsNotExist(err) {
		t.Fatalf("the test must start with no providers file: %v", err)
	}
	t.Cleanup(func() { e.run("logout", "api") })

	r := e.mustRun("connect", rs.Resource(), "--id", "api")
	mustContain(t, "connect output", r.stdout,
		"Resource: "+rs.Resource(),
		"found through the 401's WWW-Authenticate resource_metadata (RFC 9728 §5.1)",
		"Authorization server: "+peer.Issuer,
		"/.well-known/oauth-authorization-server (oauth-authorization-server)",
		"Registration: registered client ",
		"token_endpoint_auth_method none",
		"oauthdesk providers remove api deletes it (RFC 7592)",
		"Scopes: openid offline_access api:read",
		"Signed in to Test API",
		"Refresh token: yes",
		"Audience granted: "+rs.Resource(),
	)
	data, err := os.ReadFile(cfg)
	if err != nil {
		t.Fatal(err)
	}
	mustContain(t, "providers.toml", string(data), `id = "api"`, `issuer = "`+peer.Issuer+`"`, `resources = ["`+rs.Resource()+`"]`)
	if strings.Contains(string(data), "registration") {
		t.Fatalf("the registration's access token or URI went into the file:\n%s", data)
	}
	if n := len(peer.Requests("/reg")); n != 1 {
		t.Fatalf("%d registration requests, want 1", n)
	}
	for _, path := range []string{"/auth", "/token"} {
		for _, req := range peer.Requests(path) {
			if !req.HasParam("resource") && !req.HasQuery("resource") {
				t.Fatalf("a request to %s had no resource parameter: %+v", path, req)
			}
		}
	}

	r = e.mustRun("call", "api", rs.Resource(), "-i")
	mustContain(t, "call", r.stdout, "200", "for the resource")

	// Wait until the access token counts as expired, then token refreshes.
	t1 := strings.TrimSpace(e.mustRun("token", "api").stdout)
	exp := jwtExp(t, t1)
	if d := time.Until(exp); d > 40*time.Second {
		t.Fatalf("the access token lives %v, want at most 32 s (iat %v)", d, jwtClaim(t, t1, "iat"))
	}
	time.Sleep(time.Until(exp.Add(-29 * time.Second)))
	before := len(peer.Requests("/token"))
	t2 := strings.TrimSpace(e.mustRun("token", "api").stdout)
	if t2 == t1 {
		t.Fatal("token did not refresh an expired access token")
	}
	reqs := peer.Requests("/token")
	if len(reqs) != before+1 || !reqs[len(reqs)-1].HasParam("resource") {
		t.Fatalf("the refresh request carried no resource: %+v", reqs[before:])
	}
	if aud := jwtClaim(t, t2, "aud"); aud != rs.Resource() {
		t.Fatalf("the refreshed token's aud = %v, want the resource", aud)
	}
	r = e.mustRun("call", "api", rs.Resource(), "-i")
	mustContain(t, "call after refresh", r.stdout, "200")
	if seen := rs.tokens(); seen[len(seen)-1] != t2 {
		t.Fatal("the API did not get the refreshed token")
	}

	r = e.mustRun("providers", "remove", "api")
	mustContain(t, "providers remove", r.stdout, "Deleted its client registration at the server (RFC 7592)")
	deleted := false
	for _, req := range peer.Log() {
		if req.Method == "DELETE" && strings.HasPrefix(req.Path, "/reg/") && req.Status == 204 {
			deleted = true
		}
	}
	if !deleted {
		t.Fatalf("the registration was not deleted at the server: %+v", peer.Log())
	}
}

// jwtExp reads a JWT's exp.
func jwtExp(t *testing.T, raw string) time.Time {
	t.Helper()
	f, ok := jwtClaim(t, raw, "exp").(float64)
	if !ok {
		t.Fatalf("no exp in the access token")
	}
	return time.Unix(int64(f), 0)
}

// jwtClaim reads one claim of a JWT without checking it.
func jwtClaim(t *testing.T, raw, name string) any {
	t.Helper()
	parts := strings.Split(raw, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWT")
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	if err := json.Unmarshal(b, &c); err != nil {
		t.Fatal(err)
	}
	return c[name]
}
