// Package provider describes the authorization servers oauthdesk signs in
// to: a Provider (one server and oauthdesk's registration at it), the
// built-in presets and their quirks, the providers file providers.toml
// (LoadConfig and ParseConfig read and validate it, every error a
// *ConfigError naming the file, line and field; UpsertProvider and
// RemoveProviderFromFile change one provider's block of the file as it is on
// disk, under a lock, and never write over a file that does not parse;
// Watch follows the file), discovery of a server's endpoints (Discover,
// OpenID Connect Discovery 1.0), and where oauthdesk keeps its
// files (DefaultConfigPath, DataDir). It holds no secrets of its own and
// does not sign anyone in.
package provider

import (
	"fmt"
	"net"
	"strconv"
	"strings"
)

// Grant types a provider can be configured for.
const (
	// GrantAuthorizationCode is the default: a person signs in through the
	// browser (RFC 6749 §4.1 with PKCE, RFC 7636).
	GrantAuthorizationCode = "authorization_code"
	// GrantClientCredentials is machine-to-machine (RFC 6749 §4.4).
	GrantClientCredentials = "client_credentials"
)

// Provider is one authorization server and oauthdesk's registration at it, as
// written in providers.toml. Presets fill in what a provider's entry leaves
// empty; see Preset.
type Provider struct {
	// ID is the short name the CLI uses, such as "google".
	ID string `toml:"id"`
	// Name is the display name.
	Name string `toml:"name,omitempty"`
	// Preset names a built-in provider whose endpoints and quirks apply.
	Preset string `toml:"preset,omitempty"`

	// Issuer is the OpenID Connect issuer; discovery fills in the endpoints.
	Issuer string `toml:"issuer,omitempty"`
	// AuthURL is the authorization endpoint.
	AuthURL string `toml:"auth_url,omitempty"`
	// TokenURL is the token endpoint.
	TokenURL string `toml:"token_url,omitempty"`
	// UserinfoURL is the OpenID Connect userinfo endpoint.
	UserinfoURL string `toml:"userinfo_url,omitempty"`
	// ProfileURL is a non-OIDC profile API (GitHub's /user), read with the
	// bearer token.
	ProfileURL string `toml:"profile_url,omitempty"`
	// RevocationURL is the RFC 7009 revocation endpoint.
	RevocationURL string `toml:"revocation_url,omitempty"`
	// IntrospectionURL is the RFC 7662 introspection endpoint.
	IntrospectionURL string `toml:"introspection_url,omitempty"`
	// DeviceAuthURL is the RFC 8628 device authorization endpoint.
	DeviceAuthURL string `toml:"device_auth_url,omitempty"`

	// ClientID is the client identifier issued at registration.
	ClientID string `toml:"client_id,omitempty"`
	// ClientSecret is the client secret, if the provider issued one. It is
	// better kept in the keyring (oauthdesk secret set ID) than here.
	ClientSecret string `toml:"client_secret,omitempty"`
	// Scopes are the scopes to request.
	Scopes []string `toml:"scopes,omitempty"`
	// AuthParams are extra authorization request parameters.
	AuthParams map[string]string `toml:"auth_params,omitempty"`
	// Grant is authorization_code (the default) or client_credentials.
	Grant string `toml:"grant,omitempty"`
	// Resources are RFC 8707 resource indicators: the APIs the access
	// token is for. Each is sent as a resource parameter on the
	// authorization request and on the token and refresh requests, so the
	// server can restrict the token's audience to them.
	Resources []string `toml:"resources,omitempty"`

	// TokenEndpointAuthMethod is how the client authenticates on every
	// call that authenticates it (token, refresh, revocation,
	// introspection, device, PAR): client_secret_basic,
	// client_secret_post, client_secret_jwt, private_key_jwt or none. ""
	// picks the first that discovery and the credentials allow.
	TokenEndpointAuthMethod string `toml:"token_endpoint_auth_method,omitempty"`
	// ClientAssertionAudience is the aud of client assertions: "endpoint"
	// (the URL called, the default), "issuer", or "token_endpoint".
	ClientAssertionAudience string `toml:"client_assertion_aud,omitempty"`
	// PAR is whether authorization requests are pushed (RFC 9126): true,
	// false, or auto (the default: whenever the provider has a PAR
	// endpoint, and always when it requires PAR).
	PAR Switch `toml:"par,omitempty"`
	// PARURL is the pushed authorization request endpoint, when discovery
	// does not name it.
	PARURL string `toml:"par_url,omitempty"`
	// DPoP is whether tokens are bound to a DPoP key (RFC 9449): true,
	// false (the default), or auto (when the provider advertises
	// dpop_signing_alg_values_supported with ES256).
	DPoP Switch `toml:"dpop,omitempty"`
	// RequestObject sends the authorization parameters as a signed request
	// object (JAR, RFC 9101), signed with the client key or HS256 with the
	// secret.
	RequestObject bool `toml:"request_object,omitempty"`

	// RedirectHost is the loopback host in the redirect URI: 127.0.0.1 (the
	// default, RFC 8252 §7.3), [::1], or localhost where a provider demands it.
	RedirectHost string `toml:"redirect_host,omitempty"`
	// RedirectPort is the loopback port; 0 picks a free one per sign-in.
	RedirectPort int `toml:"redirect_port,omitempty"`
	// RedirectPath is the redirect URI's path, "/callback" by default.
	RedirectPath string `toml:"redirect_path,omitempty"`

	// Quirks are provider behaviours a preset sets; they are not read from
	// the file.
	Quirks Quirks `toml:"-"`
}

// Quirks are the ways a provider departs from the plain protocol.
type Quirks struct {
	// NoOIDC means the provider issues no ID token and has no discovery.
	NoOIDC bool
	// SecretWithPKCE means the client secret is sent with the code exchange
	// even for a native app using PKCE (Google).
	SecretWithPKCE bool
	// TenantIssuer means the discovered issuer holds a {tenantid}
	// placeholder that the ID token's tid claim fills in (Microsoft /common).
	TenantIssuer bool
	// AcceptJSON asks the token endpoint for JSON (GitHub answers form
	// encoding otherwise).
	AcceptJSON bool
	// ProfileSubject names the profile API's field that identifies the user,
	// for providers without userinfo (GitHub's "id").
	ProfileSubject string
	// ProfileRoot is a JSON field the profile sits under (Naver's "response").
	ProfileRoot string
	// Builtin marks the built-in demo provider.
	Builtin bool
	// OfflineAccessHandled means the provider issues refresh tokens its
	// own way (Google's access_type=offline, Microsoft's offline_access
	// without a consent prompt), so oauthdesk does not add prompt=consent
	// for offline_access (OpenID Connect Core §11).
	OfflineAccessHandled bool
	// IntrospectClientID and IntrospectClientSecret, when set, are the
	// credentials introspection authenticates with instead of the sign-in's
	// client: a resource server's (RFC 7662 §2.1). The demo's public client
	// has no secret, so the demo names its resource server here.
	IntrospectClientID, IntrospectClientSecret string
	// CallbackPerProvider means the provider accepts a redirect path under
	// the registered one (GitHub: a subdirectory of the callback URL; the
	// demo provider: any loopback path), so the default redirect path is
	// /callback/ID rather than /callback.
	CallbackPerProvider bool
}

// DisplayName is the provider's name, or its ID when it has none.
func (p Provider) DisplayName() string {
	if p.Name != "" {
		return p.Name
	}
	return p.ID
}

// GrantType is the configured grant, authorization_code by default.
func (p Provider) GrantType() string {
	if p.Grant == "" {
		return GrantAuthorizationCode
	}
	return p.Grant
}

// IsOIDC reports whether the provider speaks OpenID Connect.
func (p Provider) IsOIDC() bool { return p.Issuer != "" && !p.Quirks.NoOIDC }

// LoopbackHost is the redirect URI's loopback host, 127.0.0.1 by default,
// in the form a browser sends back in the Host header: lower case, and an
// IPv6 literal in brackets ("LocalHost" is "localhost", "::1" is "[::1]").
func (p Provider) LoopbackHost() string {
	host := strings.ToLower(strings.Trim(p.RedirectHost, "[]"))
	switch {
	case host == "":
		return "127.0.0.1"
	case strings.Contains(host, ":"):
		return "[" + host + "]"
	}
	return host
}

// LoopbackPath is the redirect URI's path: the configured one, else
// "/callback/ID" where the provider accepts a path of ours under what was
// registered (Quirks.CallbackPerProvider), else "/callback". A path per
// provider binds a redirect to the sign-in's provider (mix-up, RFC 9700
// §4.4).
func (p Provider) LoopbackPath() string {
	if p.RedirectPath == "" {
		if p.Quirks.CallbackPerProvider && p.ID != "" {
			return "/callback/" + p.ID
		}
		return "/callback"
	}
	if !strings.HasPrefix(p.RedirectPath, "/") {
		return "/" + p.RedirectPath
	}
	return p.RedirectPath
}

// RedirectURI is the redirect URI for a listener on port. With port 0 it is
// the URI to register: the port is left out where the provider accepts any
// loopback port (RFC 8252 §7.3).
func (p Provider) RedirectURI(port int) string {
	host := p.LoopbackHost()
	if port == 0 {
		port = p.RedirectPort
	}
	if port != 0 {
		host = net.JoinHostPort(strings.Trim(host, "[]"), strconv.Itoa(port))
	}
	return fmt.Sprintf("http://%s%s", host, p.LoopbackPath())
}
