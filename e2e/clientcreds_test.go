package e2e

import (
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"oauthdesk/idp"
)

// TestClientCredentialsAndIntrospection: a machine-to-machine provider
// (the demo provider's confidential client) gets a token with no browser,
// its secret kept in the keyring, and introspection reports it active.
func TestClientCredentialsAndIntrospection(t *testing.T) {
	e := newEnv(t)
	stop := startDemoIdP(t, e)
	defer stop()
	e.writeConfig(fmt.Sprintf(`[[providers]]
id = "m2m"
name = "Demo machine client"
issuer = "http://%s"
client_id = %q
grant = "client_credentials"
scopes = ["openid"]
`, e.demo, idp.ConfidentialClientID))
	defer e.run("secret", "m2m", "--delete")

	assertOneLineError(t, e.run("login", "m2m"), "needs a client secret")
	r := e.runInput(idp.ConfidentialClientSecret+"\n", "secret", "m2m")
	if r.code != 0 || !strings.Contains(r.stdout, "OS keyring") {
		t.Fatalf("secret: %d %s %s", r.code, r.stdout, r.stderr)
	}
	e.vars["BROWSER"] = "/nonexistent" // no browser is involved
	out := e.mustRun("login", "m2m")
	if !strings.Contains(out.stdout, "Signed in to Demo machine client") {
		t.Fatalf("login: %s", out.stdout)
	}
	tok := strings.TrimSpace(e.mustRun("token", "m2m").stdout)
	if strings.Count(tok, ".") != 2 {
		t.Fatalf("not a JWT: %q", tok)
	}
	var intro map[string]any
	if err := json.Unmarshal([]byte(e.mustRun("introspect", "m2m").stdout), &intro); err != nil {
		t.Fatal(err)
	}
	if intro["active"] != true || intro["client_id"] != idp.ConfidentialClientID {
		t.Fatalf("introspection: %v", intro)
	}
	// A wrong secret is the provider's invalid_client, with what to do.
	e.runInput("wrong\n", "secret", "m2m")
	e.mustRun("logout", "m2m")
	assertOneLineError(t, e.run("login", "m2m"), "invalid_client")
}
