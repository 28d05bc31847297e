package provider

import (
	"maps"
	"slices"
)

// DemoID is the ID of the built-in demo provider, which needs no config.
const DemoID = "demo"

// DemoClientID is the demo provider's public native client.
const DemoClientID = "oauthdesk-demo"

// DemoIntrospectClientID and DemoIntrospectSecret are the demo provider's
// resource server, which may call its introspection endpoint (idp's
// IntrospectClientID; e2e checks they agree). The secret is public, like
// the demo's passwords.
const (
	DemoIntrospectClientID = "oauthdesk-demo-introspect"
	DemoIntrospectSecret   = "demo-introspect-secret"
)

// presets are the providers oauthdesk knows. A config entry with preset =
// "name" inherits every field it leaves empty. Each comment says what the
// provider expects at registration.
var presets = []Provider{
	{
		// Google: a "Desktop app" OAuth client; any loopback port. Google
		// issues a client secret for desktop apps and requires it at the
		// token endpoint even with PKCE. access_type=offline asks for a
		// refresh token; prompt=consent makes Google issue one on every
		// sign-in, not only the first.
		ID: "google", Name: "Google", Issuer: "https://accounts.google.com",
		Scopes:     []string{"openid", "email", "profile"},
		AuthParams: map[string]string{"access_type": "offline", "prompt": "consent"},
		Quirks:     Quirks{SecretWithPKCE: true, OfflineAccessHandled: true},
	},
	{
		// GitHub: an OAuth App (or GitHub App) with callback
		// http://127.0.0.1/callback; GitHub accepts any port on a loopback
		// callback, and any subdirectory of its path, so oauthdesk
		// redirects to /callback/ID (register http://127.0.0.1/callback/ID
		// to pin the app to that one provider entry). No OpenID Connect:
		// the profile is /user.
		ID: "github", Name: "GitHub",
		AuthURL:    "https://github.com/login/oauth/authorize",
		TokenURL:   "https://github.com/login/oauth/access_token",
		ProfileURL: "https://api.github.com/user",
		Scopes:     []string{"read:user", "user:email"},
		Quirks:     Quirks{NoOIDC: true, AcceptJSON: true, ProfileSubject: "id", SecretWithPKCE: true, CallbackPerProvider: true},
	},
	{
		// Microsoft identity platform: "Mobile and desktop applications"
		// platform with redirect http://localhost; any port. Put your tenant
		// in the issuer; /common's discovery names the {tenantid}
		// placeholder, filled from the ID token's tid claim.
		ID: "microsoft", Name: "Microsoft", Issuer: "https://login.microsoftonline.com/common/v2.0",
		Scopes:       []string{"openid", "profile", "email", "offline_access", "User.Read"},
		ProfileURL:   "https://graph.microsoft.com/v1.0/me",
		RedirectHost: "localhost",
		Quirks:       Quirks{TenantIssuer: true, OfflineAccessHandled: true},
	},
	{
		// GitLab: an application with redirect URI
		// http://127.0.0.1:8400/callback; GitLab matches it exactly, port
		// included.
		ID: "gitlab", Name: "GitLab", Issuer: "https://gitlab.com",
		Scopes:       []string{"openid", "profile", "email", "read_user"},
		RedirectPort: 8400,
	},
	{
		// Facebook Login: Valid OAuth Redirect URI
		// http://localhost:8400/callback. Its login is not OpenID Connect
		// for this flow; the profile is the Graph API's /me.
		ID: "facebook", Name: "Facebook",
		AuthURL:      "https://www.facebook.com/v19.0/dialog/oauth",
		TokenURL:     "https://graph.facebook.com/v19.0/oauth/access_token",
		ProfileURL:   "https://graph.facebook.com/me?fields=id,name,email,picture",
		Scopes:       []string{"public_profile", "email"},
		RedirectHost: "localhost", RedirectPort: 8400,
		Quirks: Quirks{NoOIDC: true, ProfileSubject: "id"},
	},
	{
		// Kakao Login with OpenID Connect enabled: Redirect URI
		// http://localhost:8400/callback, matched exactly.
		ID: "kakao", Name: "Kakao", Issuer: "https://kauth.kakao.com",
		Scopes:       []string{"openid", "profile_nickname", "account_email"},
		RedirectHost: "localhost", RedirectPort: 8400,
	},
	{
		// Naver Login: Callback URL http://localhost:8400/callback. No
		// OpenID Connect; the profile is /v1/nid/me under "response".
		ID: "naver", Name: "Naver",
		AuthURL:       "https://nid.naver.com/oauth2.0/authorize",
		TokenURL:      "https://nid.naver.com/oauth2.0/token",
		ProfileURL:    "https://openapi.naver.com/v1/nid/me",
		RevocationURL: "",
		RedirectHost:  "localhost", RedirectPort: 8400,
		Quirks: Quirks{NoOIDC: true, ProfileSubject: "id", ProfileRoot: "response"},
	},
	{
		// Any OpenID Connect provider (Keycloak, Auth0, Okta, Dex…): set
		// issuer; discovery fills in the rest.
		ID: "oidc", Name: "OpenID Connect",
		Scopes: []string{"openid", "profile", "email", "offline_access"},
	},
}

// PresetNames lists the presets a config may name.
func PresetNames() []string {
	names := make([]string, 0, len(presets))
	for _, p := range presets {
		names = append(names, p.ID)
	}
	return names
}

// Presets returns copies of the built-in presets, for a provider form.
func Presets() []Provider {
	out := make([]Provider, 0, len(presets))
	for _, p := range presets {
		p.Preset = p.ID
		out = append(out, p.clone())
	}
	return out
}

// presetByName finds a preset.
func presetByName(name string) (Provider, bool) {
	for _, p := range presets {
		if p.ID == name {
			return p.clone(), true
		}
	}
	return Provider{}, false
}

// WithPreset returns p with its preset's fields filled in where p leaves
// them empty. The quirks always come from the preset.
func (p Provider) WithPreset() Provider {
	pre, ok := presetByName(p.Preset)
	if !ok {
		return p.clone()
	}
	out := p.clone()
	fill := fillEmpty
	fill(&out.Name, pre.Name)
	fill(&out.Issuer, pre.Issuer)
	fill(&out.AuthURL, pre.AuthURL)
	fill(&out.TokenURL, pre.TokenURL)
	fill(&out.UserinfoURL, pre.UserinfoURL)
	fill(&out.ProfileURL, pre.ProfileURL)
	fill(&out.RevocationURL, pre.RevocationURL)
	fill(&out.IntrospectionURL, pre.IntrospectionURL)
	fill(&out.DeviceAuthURL, pre.DeviceAuthURL)
	fill(&out.RedirectHost, pre.RedirectHost)
	fill(&out.RedirectPath, pre.RedirectPath)
	if out.RedirectPort == 0 {
		out.RedirectPort = pre.RedirectPort
	}
	if len(out.Scopes) == 0 {
		out.Scopes = slices.Clone(pre.Scopes)
	}
	if len(pre.AuthParams) > 0 {
		params := maps.Clone(pre.AuthParams)
		maps.Copy(params, out.AuthParams)
		out.AuthParams = params
	}
	out.Quirks = pre.Quirks
	return out
}

// clone copies p's slices and maps so that callers cannot alias presets.
func (p Provider) clone() Provider {
	p.Scopes = slices.Clone(p.Scopes)
	p.AuthParams = maps.Clone(p.AuthParams)
	return p
}

// Demo is the built-in demo provider, answering at issuer.
func Demo(issuer string) Provider {
	return Provider{
		ID: DemoID, Name: "Demo provider (local)", Preset: DemoID, Issuer: issuer,
		ClientID: DemoClientID,
		Scopes:   []string{"openid", "profile", "email", "offline_access"},
		Quirks: Quirks{Builtin: true, OfflineAccessHandled: true, CallbackPerProvider: true, IntrospectClientID: DemoIntrospectClientID,
			IntrospectClientSecret: DemoIntrospectSecret},
	}
}

// fillEmpty sets *dst to src when *dst is empty.
func fillEmpty(dst *string, src string) {
	if *dst == "" {
		*dst = src
	}
}

// WithEndpoints returns p with the endpoints it leaves empty filled in from
// its discovery document.
func (p Provider) WithEndpoints(md *Metadata) Provider {
	fill := fillEmpty
	fill(&p.AuthURL, md.AuthorizationEndpoint)
	fill(&p.TokenURL, md.TokenEndpoint)
	fill(&p.UserinfoURL, md.UserinfoEndpoint)
	fill(&p.RevocationURL, md.RevocationEndpoint)
	fill(&p.IntrospectionURL, md.IntrospectionEndpoint)
	fill(&p.DeviceAuthURL, md.DeviceAuthorizationEndpoint)
	fill(&p.PARURL, md.PushedAuthorizationRequestEndpoint)
	return p
}
