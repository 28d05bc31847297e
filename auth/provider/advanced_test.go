package provider

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestAdvancedSettings(t *testing.T) {
	path := filepath.Join(t.TempDir(), "providers.toml")
	src := `[[providers]]
id = "op"
issuer = "https://op.example"
client_id = "c"
token_endpoint_auth_method = "private_key_jwt"
client_assertion_aud = "issuer"
par = false
dpop = "auto"
request_object = true

[[providers]]
id = "plain"
issuer = "https://op.example"
client_id = "c"
`
	cfg, err := ParseConfig(path, []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	p := cfg.Providers[0]
	if p.PAR != SwitchOff || p.DPoP != SwitchAuto || !p.RequestObject || p.TokenEndpointAuthMethod != "private_key_jwt" || p.ClientAssertionAudience != "issuer" {
		t.Fatalf("parsed %+v", p)
	}
	if err := os.WriteFile(path, []byte("# mine\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range cfg.Providers {
		if _, err := UpsertProvider(path, p); err != nil {
			t.Fatal(err)
		}
	}
	out, _ := os.ReadFile(path)
	if !strings.Contains(string(out), "par = false") || !strings.Contains(string(out), `dpop = "auto"`) || strings.Count(string(out), "par =") != 1 {
		t.Fatalf("saved:\n%s", out)
	}
	again, err := ParseConfig(path, out)
	if err != nil || again.Providers[0].PAR != SwitchOff || again.Providers[1].PAR != SwitchUnset {
		t.Fatalf("round trip: %v %+v", err, again)
	}
	for _, bad := range []struct{ line, field string }{
		{`par = 3`, "par"},
		{`dpop = "maybe"`, "dpop"},
		{`token_endpoint_auth_method = "tls_client_auth"`, "token_endpoint_auth_method"},
		{`client_assertion_aud = "everyone"`, "client_assertion_aud"},
	} {
		_, err := ParseConfig(path, []byte("[[providers]]\nid = \"x\"\nissuer = \"https://op.example\"\nclient_id = \"c\"\n"+bad.line+"\n"))
		if err == nil || !strings.Contains(err.Error(), bad.field) {
			t.Errorf("%s: %v", bad.line, err)
		}
	}
}
