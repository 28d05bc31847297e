package auth

import (
	"testing"

	"oauthdesk/auth/provider"
)

func TestOfflineAccessPrompt(t *testing.T) {
	base := provider.Provider{ID: "x", Issuer: "https://op.example", Scopes: []string{"openid", "offline_access"}}
	with := func(f func(*provider.Provider)) provider.Provider { p := base; f(&p); return p }
	for _, c := range []struct {
		name string
		p    provider.Provider
		want string
		ok   bool
	}{
		{"generic", base, "consent", true},
		{"prompt login kept", with(func(p *provider.Provider) { p.AuthParams = map[string]string{"prompt": "login"} }), "login consent", true},
		{"already consent", with(func(p *provider.Provider) { p.AuthParams = map[string]string{"Prompt": "consent"} }), "", false},
		{"prompt none", with(func(p *provider.Provider) { p.AuthParams = map[string]string{"prompt": "none"} }), "", false},
		{"not requested", with(func(p *provider.Provider) { p.Scopes = []string{"openid"} }), "", false},
		{"preset handles it", with(func(p *provider.Provider) { p.Quirks.OfflineAccessHandled = true }), "", false},
		{"not OIDC", with(func(p *provider.Provider) { p.Issuer = "" }), "", false},
	} {
		got, ok := offlineAccessPrompt(c.p)
		if got != c.want || ok != c.ok {
			t.Errorf("%s: offlineAccessPrompt = %q, %v; want %q, %v", c.name, got, ok, c.want, c.ok)
		}
	}
}
