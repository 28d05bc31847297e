package provider

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/protocol"
	"oauthdesk/auth/internal/sanitize"
)

// Kinds of discovery document, Metadata.Kind.
const (
	// KindOIDC is OpenID Connect Discovery 1.0's
	// /.well-known/openid-configuration.
	KindOIDC = "openid-configuration"
	// KindOAuth is RFC 8414's /.well-known/oauth-authorization-server,
	// published by plain OAuth 2.0 authorization servers.
	KindOAuth = "oauth-authorization-server"
)

// ErrNotPublished means the server answered that it has no discovery
// document at a well-known URL (HTTP 4xx, or an HTML page instead of
// JSON), as opposed to a document that is there but wrong.
var ErrNotPublished = errors.New("no discovery document there")

// ErrNoDiscovery means the server publishes neither OpenID Connect
// discovery nor RFC 8414 authorization server metadata. It wraps
// ErrNotPublished.
var ErrNoDiscovery = fmt.Errorf("discovery: the server publishes neither %s nor %s (%w); check the issuer URL, or set auth_url and token_url", KindOIDC, KindOAuth, ErrNotPublished)

// Metadata is the subset of an authorization server's discovery document
// (OpenID Connect Discovery 1.0 §3, RFC 8414 §2) that oauthdesk uses.
type Metadata struct {
	Issuer                      string `json:"issuer"`
	AuthorizationEndpoint       string `json:"authorization_endpoint"`
	TokenEndpoint               string `json:"token_endpoint"`
	UserinfoEndpoint            string `json:"userinfo_endpoint,omitempty"`
	JWKSURI                     string `json:"jwks_uri"`
	RevocationEndpoint          string `json:"revocation_endpoint,omitempty"`
	IntrospectionEndpoint       string `json:"introspection_endpoint,omitempty"`
	DeviceAuthorizationEndpoint string `json:"device_authorization_endpoint,omitempty"`
	EndSessionEndpoint          string `json:"end_session_endpoint,omitempty"`
	// RegistrationEndpoint is RFC 7591's dynamic client registration
	// endpoint (RFC 8414 §2, OpenID Connect Discovery §3).
	RegistrationEndpoint              string   `json:"registration_endpoint,omitempty"`
	ScopesSupported                   []string `json:"scopes_supported,omitempty"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported,omitempty"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported,omitempty"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported,omitempty"`
	// UserinfoSigningAlgValuesSupported are the algs of signed
	// (application/jwt) userinfo answers (OpenID Connect Discovery §3).
	UserinfoSigningAlgValuesSupported []string `json:"userinfo_signing_alg_values_supported,omitempty"`
	// AuthorizationResponseIssParameterSupported is RFC 9207 §3: the
	// provider puts iss in the authorization response, and we check it.
	AuthorizationResponseIssParameterSupported bool `json:"authorization_response_iss_parameter_supported,omitempty"`
	// PushedAuthorizationRequestEndpoint and
	// RequirePushedAuthorizationRequests are RFC 9126 §5.
	PushedAuthorizationRequestEndpoint string `json:"pushed_authorization_request_endpoint,omitempty"`
	RequirePushedAuthorizationRequests bool   `json:"require_pushed_authorization_requests,omitempty"`
	// DPoPSigningAlgValuesSupported is RFC 9449 §5.1.
	DPoPSigningAlgValuesSupported []string `json:"dpop_signing_alg_values_supported,omitempty"`
	// RequireSignedRequestObject and
	// RequestObjectSigningAlgValuesSupported are RFC 9101 §10.5 and
	// OpenID Connect Discovery §3.
	RequireSignedRequestObject             bool     `json:"require_signed_request_object,omitempty"`
	RequestObjectSigningAlgValuesSupported []string `json:"request_object_signing_alg_values_supported,omitempty"`

	// Kind is KindOIDC or KindOAuth: which document this came from.
	Kind string `json:"-"`
	// Source is the URL the document was read from.
	Source string `json:"-"`
}

// OIDCDiscoveryURL is where OpenID Connect Discovery §4 puts issuer's
// document: the issuer with /.well-known/openid-configuration appended.
func OIDCDiscoveryURL(issuer string) string {
	return strings.TrimSuffix(issuer, "/") + "/.well-known/" + KindOIDC
}

// OAuthMetadataURL is where RFC 8414 §3.1 puts issuer's metadata: the
// well-known segment inserted between the host and the issuer's path, so
// https://as.example/tenant1 has it at
// https://as.example/.well-known/oauth-authorization-server/tenant1.
func OAuthMetadataURL(issuer string) (string, error) {
	u, err := url.Parse(issuer)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return "", fmt.Errorf("discovery: the issuer %q is not an http(s) URL", sanitize.Text(issuer, 200))
	}
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	return u.Scheme + "://" + u.Host + "/.well-known/" + KindOAuth + path, nil
}

// Discover finds issuer's metadata: OpenID Connect discovery first, and
// when the server does not publish it (ErrNotPublished), RFC 8414
// authorization server metadata, as a plain OAuth 2.0 server has. Either
// document must speak for that issuer (OpenID Connect Discovery §4.3, RFC
// 8414 §3.3), which defends against a document that names another
// server's endpoints: a mismatch is protocol.ErrIssuerMismatch. Neither
// published is ErrNoDiscovery. With tenantPlaceholder the OpenID document
// may name Microsoft's {tenantid} in its issuer. Label ctx
// (flowlog.WithStep) to have the requests recorded; to label the two
// attempts apart, call DiscoverOIDC and DiscoverOAuth yourself.
func Discover(ctx context.Context, client *http.Client, issuer string, tenantPlaceholder bool) (*Metadata, error) {
	md, err := DiscoverOIDC(ctx, client, issuer, tenantPlaceholder)
	if !errors.Is(err, ErrNotPublished) {
		return md, err
	}
	md, err2 := DiscoverOAuth(ctx, client, issuer)
	return md, FallbackError(err, err2)
}

// FallbackError is the error of a discovery that tried OpenID Connect
// discovery (oidcErr) and then RFC 8414 (oauthErr): nil when the second
// worked, ErrNoDiscovery naming both answers when neither document is
// published, else oauthErr.
func FallbackError(oidcErr, oauthErr error) error {
	switch {
	case oauthErr == nil:
		return nil
	case errors.Is(oauthErr, ErrNotPublished):
		return fmt.Errorf("%w: %s; %s", ErrNoDiscovery, strings.TrimPrefix(oidcErr.Error(), "discovery: "), strings.TrimPrefix(oauthErr.Error(), "discovery: "))
	default:
		return oauthErr
	}
}

// DiscoverOIDC reads issuer's OpenID Connect discovery document
// (OIDCDiscoveryURL) and checks it. A server without one is ErrNotPublished.
func DiscoverOIDC(ctx context.Context, client *http.Client, issuer string, tenantPlaceholder bool) (*Metadata, error) {
	md, err := fetchMetadata(ctx, client, OIDCDiscoveryURL(issuer))
	if err != nil {
		return nil, err
	}
	md.Kind = KindOIDC
	if !protocol.SameIssuer(md.Issuer, issuer, tenantPlaceholder) {
		return nil, fmt.Errorf("discovery: %w: the document at %s names issuer %q, not %q",
			protocol.ErrIssuerMismatch, md.Source, sanitize.Text(md.Issuer, 200), issuer)
	}
	if md.AuthorizationEndpoint == "" {
		return nil, fmt.Errorf("discovery: %s lacks authorization_endpoint", md.Source)
	}
	return md, nil
}

// DiscoverOAuth reads issuer's RFC 8414 authorization server metadata
// (OAuthMetadataURL) and checks that its issuer is the one asked for (§3.3).
// A server without one is ErrNotPublished. authorization_endpoint may be
// absent (a server for client credentials only, §2).
func DiscoverOAuth(ctx context.Context, client *http.Client, issuer string) (*Metadata, error) {
	u, err := OAuthMetadataURL(issuer)
	if err != nil {
		return nil, err
	}
	md, err := fetchMetadata(ctx, client, u)
	if err != nil {
		return nil, err
	}
	md.Kind = KindOAuth
	if !protocol.SameIssuer(md.Issuer, issuer, false) {
		return nil, fmt.Errorf("discovery: %w: the metadata at %s names issuer %q, not %q (RFC 8414 §3.3)",
			protocol.ErrIssuerMismatch, u, sanitize.Text(md.Issuer, 200), issuer)
	}
	return md, nil
}

// fetchMetadata GETs and decodes one discovery document at wellKnown and
// checks its endpoint URLs.
func fetchMetadata(ctx context.Context, client *http.Client, wellKnown string) (*Metadata, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, wellKnown, nil)
	if err != nil {
		return nil, fmt.Errorf("discovery: building the request for %s: %w", wellKnown, err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("discovery: fetching %s: %w", wellKnown, err)
	}
	body, err := httplimit.ReadBody(resp)
	if err != nil {
		return nil, fmt.Errorf("discovery: reading %s: %w", wellKnown, err)
	}
	if resp.StatusCode/100 == 4 && resp.StatusCode != http.StatusTooManyRequests {
		return nil, fmt.Errorf("discovery: %w: %s answered HTTP %d", ErrNotPublished, wellKnown, resp.StatusCode)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("discovery: %s answered HTTP %d; check the issuer URL", wellKnown, resp.StatusCode)
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "text/html" {
		return nil, fmt.Errorf("discovery: %w: %s answered with an HTML page, not a discovery document", ErrNotPublished, wellKnown)
	}
	var md Metadata
	if err := json.Unmarshal(body, &md); err != nil {
		return nil, fmt.Errorf("discovery: %s is not a JSON discovery document: %v", wellKnown, err)
	}
	md.Source = wellKnown
	if md.TokenEndpoint == "" {
		return nil, fmt.Errorf("discovery: %s lacks token_endpoint", wellKnown)
	}
	for _, u := range []string{md.AuthorizationEndpoint, md.TokenEndpoint, md.UserinfoEndpoint, md.JWKSURI, md.RevocationEndpoint, md.IntrospectionEndpoint, md.DeviceAuthorizationEndpoint, md.PushedAuthorizationRequestEndpoint, md.RegistrationEndpoint} {
		if u == "" {
			continue
		}
		if err := checkEndpointURL(u, false); err != nil {
			return nil, fmt.Errorf("discovery: %s names a bad endpoint: %v", wellKnown, err)
		}
	}
	return &md, nil
}

// PrefersBasicAuth reports whether the client should authenticate at the
// token endpoint with HTTP Basic rather than form parameters, judged from
// the advertised methods, instead of letting x/oauth2 probe (which retries
// a failed request the other way and hides the first error).
func (md *Metadata) PrefersBasicAuth() bool {
	m := md.TokenEndpointAuthMethodsSupported
	// The default when the provider says nothing is client_secret_basic
	// (OpenID Connect Discovery §3).
	return len(m) == 0 || slices.Contains(m, "client_secret_basic") || !slices.Contains(m, "client_secret_post")
}
