package e2e

import (
	"strings"
	"testing"

	"oauthdesk/internal/oidcpeer"
)

// TestPeerSignedUserinfo (issue 10 item 10): a client registered for
// signed userinfo (userinfo_signed_response_alg ES256) gets
// application/jwt from userinfo; profile verifies it against the
// provider's keys and shows its claims; call shows the raw JWT; refresh
// and logout work.
func TestPeerSignedUserinfo(t *testing.T) {
	e := startPeerB(t, oidcpeer.Mode{Clients: []oidcpeer.Client{
		oidcpeer.NativeClient("es", "", "none").With("id_token_signed_response_alg", "ES256", "userinfo_signed_response_alg", "ES256"),
	}}, `client_id = "es"
scopes = ["openid", "profile", "email", "offline_access"]
auth_params = { prompt = "consent" }`)
	e.mustRun("login", "peer")
	prof := e.mustRun("profile", "peer")
	mustContain(t, "profile", prof.stdout, "email:   demo@peer.example", "subject: peer-user-0001", "signed:  yes, ES256, verified against the provider's keys")
	js := e.mustRun("profile", "peer", "--json").stdout
	mustContain(t, "profile --json", js, `"email": "demo@peer.example"`, `"iss": "`+e.peer.Issuer+`"`)
	if body := strings.TrimSpace(e.mustRun("call", "peer").stdout); strings.Count(body, ".") != 2 || strings.Contains(body, "{") {
		t.Fatalf("call of the userinfo endpoint should show the JWT as it came: %q", body)
	}
	e.mustRun("refresh", "peer")
	mustContain(t, "profile after refresh", e.mustRun("profile", "peer").stdout, "signed:  yes, ES256")
	e.mustRun("logout", "peer")
}
