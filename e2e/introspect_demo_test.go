package e2e

import (
	"encoding/json"
	"testing"

	"oauthdesk/auth/provider"
	"oauthdesk/idp"
)

// TestIntrospectDemo: Introspect on the demo provider works (it answered
// 401 before: the demo's public client has no secret). The engine asks as
// the demo's resource server, whose ID and secret the preset and the
// provider must agree on.
func TestIntrospectDemo(t *testing.T) {
	if provider.DemoIntrospectClientID != idp.IntrospectClientID || provider.DemoIntrospectSecret != idp.IntrospectClientSecret {
		t.Fatal("the demo preset's introspection client is not the demo provider's")
	}
	e := newEnv(t)
	e.mustRun("login", "demo")
	var got map[string]any
	out := e.mustRun("introspect", "demo").stdout
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("introspect output is not JSON: %v\n%s", err, out)
	}
	if got["active"] != true || got["client_id"] != provider.DemoClientID || got["username"] != "demo" {
		t.Fatalf("introspection of the demo's access token: %v", got)
	}
}
