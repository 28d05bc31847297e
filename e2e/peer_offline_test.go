package e2e

import (
	"testing"

	"oauthdesk/internal/oidcpeer"
)

// TestPeerOfflineAccessAddsConsent (issue 10 item 9): a generic OpenID
// provider that, as OpenID Connect Core §11 says, drops offline_access
// without prompt=consent: oauthdesk adds prompt=consent itself, so the
// sign-in gets a refresh token; refresh and logout work.
func TestPeerOfflineAccessAddsConsent(t *testing.T) {
	e := startPeerB(t, oidcpeer.Mode{Clients: []oidcpeer.Client{oidcpeer.NativeClient("pub", "", "none")}}, `preset = "oidc"
client_id = "pub"
scopes = ["openid", "email", "offline_access"]`)
	r := e.mustRun("login", "peer")
	mustContain(t, "login", r.stdout, "Signed in to oidc-provider", "Refresh token: yes")
	// The peer advertises PAR, so par = auto pushes the parameters: the
	// prompt is in the pushed request, or in the browser's URL without PAR.
	auths, pushed := e.peer.Requests("/auth"), e.peer.Requests("/request")
	if len(auths) == 0 || !(auths[0].HasQuery("prompt") || len(pushed) > 0 && pushed[0].HasParam("prompt")) {
		t.Fatalf("the authorization request had no prompt: %+v %+v", auths, pushed)
	}
	e.mustRun("refresh", "peer")
	e.mustRun("logout", "peer")
}

// TestPeerOfflineAccessDroppedIsSaid: when the response still has no
// refresh token (here the client is not allowed the refresh_token grant,
// so oidc-provider drops offline_access even with prompt=consent), login
// still succeeds but says so, and so does status.
func TestPeerOfflineAccessDroppedIsSaid(t *testing.T) {
	e := startPeerB(t, oidcpeer.Mode{Clients: []oidcpeer.Client{
		oidcpeer.NativeClient("pub", "", "none").With("grant_types", []string{"authorization_code"}),
	}}, `preset = "oidc"
client_id = "pub"
scopes = ["openid", "email", "offline_access"]`)
	r := e.mustRun("login", "peer")
	const said = "offline_access was requested, but the provider issued no refresh token"
	mustContain(t, "login", r.stdout, "Refresh token: no", said)
	mustContain(t, "status", e.mustRun("status", "peer").stdout, said)
	if st := e.statusJSON(); st["offline_access_dropped"] != true || st["has_refresh_token"] != false {
		t.Fatalf("status: %v", st)
	}
}
