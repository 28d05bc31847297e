package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"slices"
	"strings"

	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/protocol"
	"oauthdesk/auth/internal/sanitize"
)

// Metadata is the subset of an OpenID Provider's discovery document
// (OpenID Connect Discovery 1.0 §3, RFC 8414) that oauthdesk uses.
type Metadata struct {
	Issuer                            string   `json:"issuer"`
	AuthorizationEndpoint             string   `json:"authorization_endpoint"`
	TokenEndpoint                     string   `json:"token_endpoint"`
	UserinfoEndpoint                  string   `json:"userinfo_endpoint,omitempty"`
	JWKSURI                           string   `json:"jwks_uri"`
	RevocationEndpoint                string   `json:"revocation_endpoint,omitempty"`
	IntrospectionEndpoint             string   `json:"introspection_endpoint,omitempty"`
	DeviceAuthorizationEndpoint       string   `json:"device_authorization_endpoint,omitempty"`
	EndSessionEndpoint                string   `json:"end_session_endpoint,omitempty"`
	ScopesSupported                   []string `json:"scopes_supported,omitempty"`
	TokenEndpointAuthMethodsSupported []string `json:"token_endpoint_auth_methods_supported,omitempty"`
	CodeChallengeMethodsSupported     []string `json:"code_challenge_methods_supported,omitempty"`
	IDTokenSigningAlgValuesSupported  []string `json:"id_token_signing_alg_values_supported,omitempty"`
	// AuthorizationResponseIssParameterSupported is RFC 9207 §3: the
	// provider puts iss in the authorization response, and we check it.
	AuthorizationResponseIssParameterSupported bool `json:"authorization_response_iss_parameter_supported,omitempty"`
}

// Discover fetches issuer's discovery document with client and checks that
// it speaks for that issuer (OpenID Connect Discovery §4.3), which defends
// against a document that names another provider's endpoints: a mismatch
// is protocol.protocol.ErrIssuerMismatch. With tenantPlaceholder the document may
// name Microsoft's {tenantid} in its issuer. Label ctx (flowlog.WithStep)
// to have the request recorded.
func Discover(ctx context.Context, client *http.Client, issuer string, tenantPlaceholder bool) (*Metadata, error) {
	wellKnown := strings.TrimSuffix(issuer, "/") + "/.well-known/openid-configuration"
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
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("discovery: %s answered HTTP %d; check the issuer URL", wellKnown, resp.StatusCode)
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "text/html" {
		return nil, fmt.Errorf("discovery: %s answered with an HTML page, not a discovery document; check the issuer URL", wellKnown)
	}
	var md Metadata
	if err := json.Unmarshal(body, &md); err != nil {
		return nil, fmt.Errorf("discovery: %s is not a JSON discovery document: %v", wellKnown, err)
	}
	if !protocol.SameIssuer(md.Issuer, issuer, tenantPlaceholder) {
		return nil, fmt.Errorf("discovery: %w: the document at %s names issuer %q, not %q",
			protocol.ErrIssuerMismatch, wellKnown, sanitize.Text(md.Issuer, 200), issuer)
	}
	if md.AuthorizationEndpoint == "" || md.TokenEndpoint == "" {
		return nil, fmt.Errorf("discovery: %s lacks authorization_endpoint or token_endpoint", wellKnown)
	}
	for _, u := range []string{md.AuthorizationEndpoint, md.TokenEndpoint, md.UserinfoEndpoint, md.JWKSURI, md.RevocationEndpoint, md.IntrospectionEndpoint, md.DeviceAuthorizationEndpoint} {
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
