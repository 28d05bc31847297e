package provider

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestParseConfigErrorsNameFileLineAndField(t *testing.T) {
	tests := []struct {
		name  string
		toml  string
		line  int
		field string
		msg   string
	}{
		{name: "syntax", toml: "[[providers]]\nid = \"a\"\nclient_id = \n", line: 3, msg: "expected"},
		{name: "wrong type", toml: "[[providers]]\nid = \"a\"\nredirect_port = \"eighty\"\n", line: 3, field: "providers[1].redirect_port"},
		{name: "unknown field", toml: "[[providers]]\nid = \"a\"\npreset = \"google\"\nclientid = \"x\"\n", line: 4, field: "providers[1].clientid", msg: "unknown field"},
		{name: "missing client id", toml: "[[providers]]\nid = \"g\"\npreset = \"google\"\n", line: 1, field: "providers[1].client_id", msg: "required"},
		{name: "bad id", toml: "[[providers]]\nid = \"Bad ID\"\n", line: 2, field: "providers[1].id"},
		{name: "reserved id", toml: "[[providers]]\nid = \"demo\"\nissuer = \"https://x.example\"\nclient_id = \"c\"\n", line: 2, field: "providers[1].id", msg: "built-in"},
		{name: "unknown preset", toml: "[[providers]]\nid = \"x\"\npreset = \"nope\"\nclient_id = \"c\"\n", line: 3, field: "providers[1].preset", msg: "unknown preset"},
		{name: "http issuer", toml: "[[providers]]\nid = \"x\"\nissuer = \"http://evil.example\"\nclient_id = \"c\"\n", line: 3, field: "providers[1].issuer", msg: "https"},
		{name: "no endpoints", toml: "[[providers]]\nid = \"x\"\nclient_id = \"c\"\n", field: "providers[1].issuer"},
		{name: "second provider", toml: "[[providers]]\nid = \"a\"\npreset = \"github\"\nclient_id = \"c\"\n\n[[providers]]\nid = \"b\"\npreset = \"github\"\nclient_id = \"c\"\nredirect_port = 70000\n", line: 10, field: "providers[2].redirect_port"},
		{name: "duplicate id", toml: "[[providers]]\nid = \"a\"\npreset = \"github\"\nclient_id = \"c\"\n[[providers]]\nid = \"a\"\npreset = \"github\"\nclient_id = \"c\"\n", line: 6, field: "providers[2].id", msg: "earlier"},
		{name: "non-loopback redirect", toml: "[[providers]]\nid = \"a\"\npreset = \"github\"\nclient_id = \"c\"\nredirect_host = \"example.com\"\n", line: 5, field: "providers[1].redirect_host"},
		{name: "reserved auth param", toml: "[[providers]]\nid = \"a\"\npreset = \"github\"\nclient_id = \"c\"\nauth_params = { state = \"x\" }\n", line: 5, field: "providers[1].auth_params"},
		{name: "bad store", toml: "store = \"cloud\"\n", line: 1, field: "store"},
		{name: "bad grant", toml: "[[providers]]\nid = \"a\"\npreset = \"github\"\nclient_id = \"c\"\ngrant = \"password\"\n", line: 5, field: "providers[1].grant"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseConfig("/etc/p.toml", []byte(tt.toml))
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("got %v, want a *ConfigError", err)
			}
			if ce.File != "/etc/p.toml" {
				t.Errorf("file %q", ce.File)
			}
			if tt.line != 0 && ce.Line != tt.line {
				t.Errorf("line %d, want %d (%v)", ce.Line, tt.line, err)
			}
			if tt.field != "" && ce.Field != tt.field {
				t.Errorf("field %q, want %q (%v)", ce.Field, tt.field, err)
			}
			if tt.msg != "" && !strings.Contains(err.Error(), tt.msg) {
				t.Errorf("message %q lacks %q", err, tt.msg)
			}
		})
	}
}

func TestPresetsFillAndConfigRoundTrips(t *testing.T) {
	src := `store = "keyring"

[[providers]]
id = "gh"
preset = "github"
client_id = "abc"

[[providers]]
id = "ms"
preset = "microsoft"
issuer = "https://login.microsoftonline.com/contoso.onmicrosoft.com/v2.0"
client_id = "def"
scopes = ["openid", "offline_access"]
auth_params = { prompt = "select_account" }
`
	cfg, err := ParseConfig("p.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	gh, ok := cfg.Provider("gh")
	if !ok || gh.TokenURL != "https://github.com/login/oauth/access_token" || !gh.Quirks.NoOIDC || gh.Name != "GitHub" {
		t.Fatalf("github preset not applied: %+v", gh)
	}
	// GitHub accepts a subdirectory of the registered callback: a path per
	// provider entry (mix-up, RFC 9700 §4.4).
	if gh.RedirectURI(0) != "http://127.0.0.1/callback/gh" {
		t.Fatalf("redirect URI %q", gh.RedirectURI(0))
	}
	ms, _ := cfg.Provider("ms")
	if ms.RedirectURI(0) != "http://localhost/callback" || strings.Join(ms.Scopes, " ") != "openid offline_access" || ms.AuthParams["prompt"] != "select_account" {
		t.Fatalf("microsoft: %+v", ms)
	}
	cfg.Path = filepath.Join(t.TempDir(), "sub", "providers.toml")
	for _, p := range cfg.Providers {
		if _, err := UpsertProvider(cfg.Path, p); err != nil {
			t.Fatal(err)
		}
	}
	fi, err := os.Stat(cfg.Path)
	if err != nil || fi.Mode().Perm() != 0o600 {
		t.Fatalf("saved file mode: %v %v", fi.Mode(), err)
	}
	again, err := LoadConfig(cfg.Path)
	if err != nil {
		t.Fatal(err)
	}
	if len(again.Providers) != 2 || again.Providers[1].AuthParams["prompt"] != "select_account" || again.Providers[0].Preset != "github" {
		t.Fatalf("round trip lost data: %+v", again.Providers)
	}
	// The preset's own fields are not written back into the file.
	data, _ := os.ReadFile(cfg.Path)
	if strings.Contains(string(data), "api.github.com") {
		t.Fatalf("preset defaults leaked into the file:\n%s", data)
	}
}

func TestLoadConfigMissingFileIsEmpty(t *testing.T) {
	cfg, err := LoadConfig(filepath.Join(t.TempDir(), "none.toml"))
	if err != nil || len(cfg.Providers) != 0 {
		t.Fatalf("got (%+v, %v)", cfg, err)
	}
}

func TestRedirectURIForms(t *testing.T) {
	for _, tt := range []struct {
		p    Provider
		port int
		want string
	}{
		{Provider{}, 0, "http://127.0.0.1/callback"},
		{Provider{}, 5000, "http://127.0.0.1:5000/callback"},
		{Provider{RedirectHost: "[::1]", RedirectPath: "cb"}, 5000, "http://[::1]:5000/cb"},
		{Provider{RedirectHost: "::1"}, 0, "http://[::1]/callback"},
		{Provider{RedirectHost: "localhost", RedirectPort: 8400}, 0, "http://localhost:8400/callback"},
		// Browsers send the Host in lower case (issue 7 item 14).
		{Provider{RedirectHost: "LocalHost"}, 5000, "http://localhost:5000/callback"},
		// A path per provider where the provider allows it (issue 7 item 12).
		{Provider{ID: "gh", Quirks: Quirks{CallbackPerProvider: true}}, 5000, "http://127.0.0.1:5000/callback/gh"},
		{Provider{ID: "gh", RedirectPath: "/cb", Quirks: Quirks{CallbackPerProvider: true}}, 0, "http://127.0.0.1/cb"},
	} {
		if got := tt.p.RedirectURI(tt.port); got != tt.want {
			t.Errorf("%+v port %d: got %q, want %q", tt.p, tt.port, got, tt.want)
		}
	}
}

// FuzzParseConfig: whatever a config file holds, parsing must not panic and
// must fail with a *ConfigError or succeed with providers that validate.
func FuzzParseConfig(f *testing.F) {
	f.Add("[[providers]]\nid = \"g\"\npreset = \"google\"\nclient_id = \"x\"\n")
	f.Add("store = \"file\"\n[[providers]]\nid = \"a\"\nissuer = \"https://a.example\"\nclient_id = \"c\"\nauth_params = { x = \"y\" }\n")
	f.Add("[[providers]]\nid = 1\n")
	f.Add("[providers]\nid = \"x\"")
	f.Fuzz(func(t *testing.T, src string) {
		cfg, err := ParseConfig("f.toml", []byte(src))
		if err != nil {
			var ce *ConfigError
			if !errors.As(err, &ce) {
				t.Fatalf("error is not a *ConfigError: %T %v", err, err)
			}
			return
		}
		for _, p := range cfg.Providers {
			if err := ValidateProvider(p); err != nil {
				t.Fatalf("accepted an invalid provider: %v", err)
			}
			_ = p.WithPreset().RedirectURI(0)
		}
	})
}
