package oidcpeer

// Mode describes one configuration of the test peer. It is sent to
// testpeers/oidc-provider/server.js as JSON; see that directory's README.md
// for what each field turns into in oidc-provider.
type Mode struct {
	// Port to listen on (127.0.0.1); 0 picks a free one.
	Port int `json:"port,omitempty"`
	// Clients are oidc-provider client metadata, registered at start.
	Clients []Client `json:"clients"`
	// Users who can sign in; empty means the one user demo/demo
	// (sub peer-user-0001, email demo@peer.example).
	Users []User `json:"users,omitempty"`
	// RequirePAR makes every authorization request go through PAR
	// (require_pushed_authorization_requests in discovery).
	RequirePAR bool `json:"requirePAR,omitempty"`
	// RequireJAR makes every authorization request carry a signed
	// request object (require_signed_request_object).
	RequireJAR bool `json:"requireJAR,omitempty"`
	// DPoP configures DPoP (on by default; a client with
	// dpop_bound_access_tokens = true must use it).
	DPoP *DPoP `json:"dpop,omitempty"`
	// Registration turns on dynamic client registration (POST /reg).
	Registration bool `json:"registration,omitempty"`
	// ResourceServers, by resource indicator (RFC 8707), say what a token
	// for that resource looks like.
	ResourceServers map[string]ResourceServer `json:"resourceServers,omitempty"`
	// DefaultResource is used when a request names no resource.
	DefaultResource string `json:"defaultResource,omitempty"`
	// RefreshWithoutOfflineAccess issues refresh tokens to every client
	// allowed the refresh_token grant, even without offline_access (the
	// real default needs offline_access, which needs prompt=consent).
	RefreshWithoutOfflineAccess bool `json:"refreshWithoutOfflineAccess,omitempty"`
	// PKCERequired, when set, overrides oidc-provider's policy
	// (required for public clients only).
	PKCERequired *bool `json:"pkceRequired,omitempty"`
	// Scopes are extra scopes beyond openid, offline_access, profile, email.
	Scopes []string `json:"scopes,omitempty"`
	// TTL overrides lifetimes in seconds, by oidc-provider model name
	// (AccessToken, RefreshToken, IdToken, ...).
	TTL map[string]int `json:"ttl,omitempty"`
	// IssuerPath mounts the provider below a path: the issuer is
	// http://127.0.0.1:PORT/IssuerPath (e.g. "/tenant-a").
	IssuerPath string `json:"issuerPath,omitempty"`
	// OAuthMetadataOnly makes the peer a plain OAuth 2.0 server as far as
	// discovery goes: /.well-known/openid-configuration answers 404, and
	// RFC 8414 metadata (without the OpenID-only fields) is served at
	// /.well-known/oauth-authorization-server with the issuer's path
	// appended (RFC 8414 §3.1).
	OAuthMetadataOnly bool `json:"oauthMetadataOnly,omitempty"`
	// Features is deep-merged over the peer's features (data only).
	Features map[string]any `json:"features,omitempty"`
	// Provider is deep-merged over the whole configuration (data only),
	// e.g. {"enabledJWA": {...}, "conformIdTokenClaims": false}.
	Provider map[string]any `json:"provider,omitempty"`
}

// DPoP configures oidc-provider's features.dPoP.
type DPoP struct {
	// Disabled turns DPoP off (it is on by default).
	Disabled bool `json:"-"`
	// RequireNonce makes the server answer every first proof with
	// use_dpop_nonce and a DPoP-Nonce header (RFC 9449 §8, §9).
	RequireNonce bool `json:"requireNonce,omitempty"`
}

// MarshalJSON encodes Disabled as enabled=false.
func (d DPoP) MarshalJSON() ([]byte, error) {
	if d.Disabled {
		return []byte(`{"enabled":false}`), nil
	}
	if d.RequireNonce {
		return []byte(`{"enabled":true,"requireNonce":true}`), nil
	}
	return []byte(`{"enabled":true}`), nil
}

// ResourceServer is what oidc-provider's getResourceServerInfo returns for
// one resource indicator.
type ResourceServer struct {
	// Scope is the space-separated scopes this resource accepts.
	Scope string `json:"scope,omitempty"`
	// Audience of its tokens; empty means the indicator itself.
	Audience string `json:"audience,omitempty"`
	// AccessTokenFormat is "jwt" (RFC 9068, the default) or "opaque".
	AccessTokenFormat string `json:"accessTokenFormat,omitempty"`
	// AccessTokenTTL in seconds; 0 means the peer's default.
	AccessTokenTTL int `json:"accessTokenTTL,omitempty"`
	// JWTAlg signs JWT access tokens (default RS256).
	JWTAlg string `json:"jwtAlg,omitempty"`
}

// User is a person who can sign in on the peer's login form.
type User struct {
	Username string         `json:"username"`
	Password string         `json:"password"`
	Sub      string         `json:"sub"`
	Claims   map[string]any `json:"claims,omitempty"`
}

// Client is oidc-provider client metadata (RFC 7591 names), sent as is.
type Client map[string]any

// LoopbackRedirect is the redirect URI the peer's native clients
// register: oidc-provider lets a native client use any port on it, as
// RFC 8252 §7.3 asks.
const LoopbackRedirect = "http://127.0.0.1/callback"

// NativeClient is a client for oauthdesk's loopback sign-in: application
// type native, redirect URI LoopbackRedirect, the authorization code and
// refresh token grants. method is its token_endpoint_auth_method
// (client_secret_basic, client_secret_post, client_secret_jwt,
// private_key_jwt or none); secret is ignored for none and private_key_jwt.
// client_secret_jwt needs a secret of at least 32 bytes (HS256).
func NativeClient(id, secret, method string) Client {
	c := Client{
		"client_id":                  id,
		"application_type":           "native",
		"redirect_uris":              []string{LoopbackRedirect},
		"grant_types":                []string{"authorization_code", "refresh_token"},
		"response_types":             []string{"code"},
		"token_endpoint_auth_method": method,
	}
	if secret != "" && method != "none" && method != "private_key_jwt" {
		c["client_secret"] = secret
	}
	return c
}

// With returns a copy of c with the given metadata set (key, value pairs).
func (c Client) With(kv ...any) Client {
	out := Client{}
	for k, v := range c {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}
