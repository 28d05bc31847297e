package e2e

import (
	"fmt"
	"strings"
	"testing"

	"oauthdesk/internal/oidcpeer"
)

// TestPeerResourceIndicatorJWTAccessToken (issue 10 items 5 and 6): with
// resources = [api], the resource parameter goes on the authorization
// request and on the token and refresh requests, so the access token is
// an RFC 9068 JWT for that audience; login and status show the granted
// audience and the token's claims marked not verified; userinfo rejects
// the audience-restricted token and profile falls back to the ID token's
// claims, saying so; introspect shows the server's OAuth error
// (unsupported_token_type); logout works.
func TestPeerResourceIndicatorJWTAccessToken(t *testing.T) {
	const api = "https://api.peer.example/"
	e := startPeerB(t, oidcpeer.Mode{
		Scopes:          []string{"api:read"},
		ResourceServers: map[string]oidcpeer.ResourceServer{api: {Scope: "api:read", JWTAlg: "ES256"}},
		Clients:         []oidcpeer.Client{oidcpeer.NativeClient("pub", "", "none")},
	}, fmt.Sprintf(`client_id = "pub"
scopes = ["openid", "profile", "email", "offline_access", "api:read"]
auth_params = { prompt = "consent" }
resources = [%q]`, api))

	r := e.mustRun("login", "peer")
	mustContain(t, "login output", r.stdout,
		"Signed in to oidc-provider",
		"Resources requested: "+api,
		"Audience granted: "+api+" (from the JWT access token, not verified by the client)",
		"alg ES256, typ at+jwt")
	if len(e.requestsWith("/auth", "resource")) != 1 {
		t.Fatalf("the authorization request carried no resource: %+v", e.peer.Requests("/auth"))
	}
	if n := len(e.requestsWith("/token", "resource")); n != 1 {
		t.Fatalf("%d token requests carried resource, want 1 (the code exchange): %+v", n, e.peer.Requests("/token"))
	}
	st := e.statusJSON()
	if aud := fmt.Sprint(jsonPath(st, "access_token_jwt.aud")); aud != "["+api+"]" {
		t.Fatalf("status access_token_jwt.aud = %s", aud)
	}
	if jsonPath(st, "access_token_jwt.verified") != false || jsonPath(st, "access_token_jwt.note") != "not verified by the client" {
		t.Fatalf("status does not mark the JWT as unverified: %v", st["access_token_jwt"])
	}
	if fmt.Sprint(jsonPath(st, "access_token_jwt.claims.scope")) != "api:read" || jsonPath(st, "access_token_jwt.client_id") != "pub" {
		t.Fatalf("status access_token_jwt: %v", st["access_token_jwt"])
	}
	tok := strings.TrimSpace(e.mustRun("token", "peer").stdout)

	// userinfo takes no token for another audience: the profile is the ID
	// token's claims, and says so.
	prof := e.mustRun("profile", "peer")
	mustContain(t, "profile", prof.stdout, "subject: peer-user-0001", "source:  id_token")
	mustContain(t, "profile stderr", prof.stderr, "Note: userinfo refused the access token, which is restricted to "+api)
	if reqs := e.peer.Requests("/me"); len(reqs) != 1 || reqs[0].Status/100 != 4 {
		t.Fatalf("userinfo requests: %+v", reqs)
	}
	// The flow log's userinfo step says so too.
	v := e.mustRun("profile", "peer", "-v")
	mustContain(t, "profile -v", v.stdout+v.stderr, "restricted to "+api+" (RFC 8707), so if userinfo refuses it the profile is the ID token's claims instead")
	// oidc-provider does not introspect JWT access tokens: the server's
	// OAuth error is shown, not a bare status.
	assertOneLineError(t, e.run("introspect", "peer"), "unsupported_token_type (Structured JWT Tokens cannot be introspected")

	e.mustRun("refresh", "peer")
	if n := len(e.requestsWith("/token", "resource")); n != 2 {
		t.Fatalf("the refresh request carried no resource (%d token requests with it)", n)
	}
	if tok2 := strings.TrimSpace(e.mustRun("token", "peer").stdout); tok2 == tok {
		t.Fatal("refresh did not change the access token")
	}
	st = e.statusJSON()
	if aud := fmt.Sprint(jsonPath(st, "access_token_jwt.aud")); aud != "["+api+"]" {
		t.Fatalf("after refresh, access_token_jwt.aud = %s (the refresh widened or lost the audience)", aud)
	}
	mustContain(t, "status", e.mustRun("status", "peer").stdout, "Audience granted: "+api)

	e.mustRun("logout", "peer")
	assertOneLineError(t, e.run("token", "peer"), "not signed in")
}
