package idp

import (
	"net/url"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// supportedScopes are the only scopes this provider grants.
var supportedScopes = []string{oidc.ScopeOpenID, oidc.ScopeProfile, oidc.ScopeEmail, oidc.ScopeOfflineAccess}

// loopbackRedirectGlobs let a native client use any port and any path on a
// loopback host (RFC 8252 §7.3). They are doublestar globs; zitadel's op
// checks afterwards that the parsed host really is a loopback host (which
// defeats tricks like http://127.0.0.1:1@evil.example/), and
// checkRedirectURI checks the URI strictly before that.
var loopbackRedirectGlobs = []string{
	"http://127.0.0.1:*/**",
	`http://\[::1\]:*/**`,
	"http://localhost:*/**",
}

// client is one registered OAuth client; it implements op.Client and
// op.HasRedirectGlobs.
type client struct {
	id         string
	secret     string // empty for a public client
	authMethod oidc.AuthMethod
	grants     []oidc.GrantType
	idTokenTTL time.Duration
	// introspect reports whether the client may call the introspection endpoint.
	introspect bool
}

// builtinClients returns the demo (public) and confidential clients, and
// the resource server that may introspect.
func builtinClients(idTokenTTL time.Duration) map[string]*client {
	return map[string]*client{
		DemoClientID: {
			id:         DemoClientID,
			authMethod: oidc.AuthMethodNone,
			grants:     []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken, oidc.GrantTypeDeviceCode},
			idTokenTTL: idTokenTTL,
		},
		ConfidentialClientID: {
			id:         ConfidentialClientID,
			secret:     ConfidentialClientSecret,
			authMethod: oidc.AuthMethodBasic,
			grants:     []oidc.GrantType{oidc.GrantTypeCode, oidc.GrantTypeRefreshToken, oidc.GrantTypeClientCredentials},
			idTokenTTL: idTokenTTL,
			introspect: true,
		},
		IntrospectClientID: {
			id:         IntrospectClientID,
			secret:     IntrospectClientSecret,
			authMethod: oidc.AuthMethodBasic,
			grants:     []oidc.GrantType{},
			idTokenTTL: idTokenTTL,
			introspect: true,
		},
	}
}

// isPublic reports whether the client has no secret (and so must use PKCE).
func (c *client) isPublic() bool { return c.authMethod == oidc.AuthMethodNone }

// GetID implements op.Client.
func (c *client) GetID() string { return c.id }

// RedirectURIs implements op.Client. Redirects are matched by
// RedirectURIGlobs instead.
func (c *client) RedirectURIs() []string { return nil }

// PostLogoutRedirectURIs implements op.Client. For native clients op ignores
// host and port of loopback URIs and compares the path only.
func (c *client) PostLogoutRedirectURIs() []string {
	return []string{"http://127.0.0.1/", "http://127.0.0.1/signed-out", "http://127.0.0.1/logout"}
}

// RedirectURIGlobs implements op.HasRedirectGlobs.
func (c *client) RedirectURIGlobs() []string { return loopbackRedirectGlobs }

// PostLogoutRedirectURIGlobs implements op.HasRedirectGlobs. op matches these
// with path.Match and no host re-check, so there are none.
func (c *client) PostLogoutRedirectURIGlobs() []string { return nil }

// ApplicationType implements op.Client: both clients are native apps, which
// is what makes op accept loopback redirects on any port.
func (c *client) ApplicationType() op.ApplicationType { return op.ApplicationTypeNative }

// AuthMethod implements op.Client.
func (c *client) AuthMethod() oidc.AuthMethod { return c.authMethod }

// ResponseTypes implements op.Client: code flow only.
func (c *client) ResponseTypes() []oidc.ResponseType {
	return []oidc.ResponseType{oidc.ResponseTypeCode}
}

// GrantTypes implements op.Client.
func (c *client) GrantTypes() []oidc.GrantType { return c.grants }

// LoginURL implements op.Client: the provider's own login page.
func (c *client) LoginURL(authRequestID string) string {
	return "/login?id=" + url.QueryEscape(authRequestID)
}

// AccessTokenType implements op.Client: access tokens are JWTs.
func (c *client) AccessTokenType() op.AccessTokenType { return op.AccessTokenTypeJWT }

// IDTokenLifetime implements op.Client.
func (c *client) IDTokenLifetime() time.Duration { return c.idTokenTTL }

// DevMode implements op.Client.
func (c *client) DevMode() bool { return false }

// RestrictAdditionalIdTokenScopes implements op.Client.
func (c *client) RestrictAdditionalIdTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

// RestrictAdditionalAccessTokenScopes implements op.Client.
func (c *client) RestrictAdditionalAccessTokenScopes() func([]string) []string {
	return func(scopes []string) []string { return scopes }
}

// IsScopeAllowed implements op.Client: no scopes beyond the standard ones.
func (c *client) IsScopeAllowed(string) bool { return false }

// IDTokenUserinfoClaimsAssertion implements op.Client: the ID token carries
// the profile and email claims, so the app can show who signed in without
// a userinfo call.
func (c *client) IDTokenUserinfoClaimsAssertion() bool { return true }

// ClockSkew implements op.Client.
func (c *client) ClockSkew() time.Duration { return 0 }
