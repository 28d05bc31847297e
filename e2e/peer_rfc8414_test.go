package e2e

import (
	"strings"
	"testing"

	"oauthdesk/internal/oidcpeer"
)

// TestPeerRFC8414OnlyServer (issue 10 item 7): a plain OAuth 2.0 server
// whose issuer has a path and that publishes no OpenID Connect discovery,
// only RFC 8414 metadata at the path-inserted URL: oauthdesk finds it
// there, checks its issuer, and login (no openid), token, refresh,
// introspect and logout work. The flow log shows both attempts.
func TestPeerRFC8414OnlyServer(t *testing.T) {
	e := startPeerB(t, oidcpeer.Mode{
		IssuerPath: "/tenant-a", OAuthMetadataOnly: true,
		Clients: []oidcpeer.Client{oidcpeer.NativeClient("pub", "", "none")},
	}, `client_id = "pub"
scopes = ["offline_access"]
auth_params = { prompt = "consent" }`)

	const oauthMD = "/.well-known/oauth-authorization-server/tenant-a"
	before := len(e.peer.Requests(oauthMD)) // oidcpeer's own readiness check
	r := e.mustRun("login", "peer")
	mustContain(t, "login output", r.stdout, "Signed in to oidc-provider", "Refresh token: yes")
	if n := len(e.peer.Requests("/tenant-a/.well-known/openid-configuration")); n != 1 {
		t.Fatalf("OpenID discovery tried %d times, want 1", n)
	}
	if reqs := e.peer.Requests(oauthMD)[before:]; len(reqs) != 1 || reqs[0].Status != 200 {
		t.Fatalf("RFC 8414 metadata requests: %+v", reqs)
	}
	if len(e.peer.Requests("/tenant-a/token")) != 1 {
		t.Fatalf("token requests: %+v", e.peer.Log())
	}
	tok := strings.TrimSpace(e.mustRun("token", "peer").stdout)
	e.mustRun("refresh", "peer")
	if tok2 := strings.TrimSpace(e.mustRun("token", "peer").stdout); tok2 == tok || tok2 == "" {
		t.Fatal("refresh did not change the access token")
	}
	mustContain(t, "introspect", e.mustRun("introspect", "peer").stdout, "active")
	e.mustRun("logout", "peer")
	if revs := e.peer.Requests("/tenant-a/token/revocation"); len(revs) == 0 {
		t.Fatal("logout revoked nothing")
	}
}
