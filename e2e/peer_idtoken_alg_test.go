package e2e

import (
	"fmt"
	"strings"
	"testing"

	"oauthdesk/internal/oidcpeer"
)

// TestPeerIDTokenAlgorithms (issue 10 item 8): ID tokens signed with
// ES256, PS384, ES512, EdDSA and Ed25519 (RFC 9864's name, which go-jose
// does not know) verify through login, refresh (a new ID token) and
// logout; each client's ID token really carries that alg.
func TestPeerIDTokenAlgorithms(t *testing.T) {
	algs := []string{"ES256", "PS384", "ES512", "EdDSA", "Ed25519"}
	var clients []oidcpeer.Client
	for _, alg := range algs {
		clients = append(clients, oidcpeer.NativeClient(strings.ToLower(alg), "", "none").With("id_token_signed_response_alg", alg))
	}
	e := startPeerB(t, oidcpeer.Mode{Clients: clients, Provider: map[string]any{"enabledJWA": map[string]any{"idTokenSigningAlgValues": algs}}}, `client_id = "es256"`)
	for _, alg := range algs {
		t.Run(alg, func(t *testing.T) {
			e.t = t
			e.writeConfig(fmt.Sprintf(`[[providers]]
id = "peer"
name = "oidc-provider"
issuer = %q
client_id = %q
scopes = ["openid", "profile", "email", "offline_access"]
auth_params = { prompt = "consent" }
`, e.peer.Issuer, strings.ToLower(alg)))
			r := e.mustRun("login", "peer")
			mustContain(t, "login", r.stdout, "Signed in to oidc-provider", "Refresh token: yes")
			st := e.statusJSON()
			if st["has_id_token"] != true || st["subject"] != "peer-user-0001" {
				t.Fatalf("status: %v", st)
			}
			idt := strings.TrimSpace(e.mustRun("token", "peer", "--id-token").stdout)
			if got := jwtHeaderAlg(t, idt); got != alg {
				t.Fatalf("the ID token is signed with %s, want %s", got, alg)
			}
			e.mustRun("refresh", "peer")
			e.mustRun("logout", "peer")
		})
	}
}
