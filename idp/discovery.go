package idp

import (
	"encoding/json"
	"net/http"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// MarkerHeader is set to "1" on every response of an oauthdesk provider, so
// a prober can tell it apart from other programs on the same port.
const MarkerHeader = "X-Oauthdesk-Idp"

// MarkerPath answers GET with {"service":"oauthdesk-idp","issuer":ISSUER}.
const MarkerPath = "/oauthdesk-idp"

// markerService is markerInfo.Service of an oauthdesk provider.
const markerService = "oauthdesk-idp"

// markerInfo is the body of MarkerPath.
type markerInfo struct {
	Service string `json:"service"`
	Issuer  string `json:"issuer"`
}

// supportedClaims are the claims this provider can put in tokens.
var supportedClaims = []string{
	"sub", "aud", "exp", "iat", "iss", "auth_time", "nonce", "amr", "at_hash", "c_hash", "azp", "client_id", "scope",
	"name", "given_name", "family_name", "preferred_username", "picture", "email", "email_verified",
}

// discoveryDocument is op's discovery document plus the RFC 9207 flag, which
// op's struct does not have.
type discoveryDocument struct {
	*oidc.DiscoveryConfiguration
	AuthorizationResponseIssParameterSupported bool `json:"authorization_response_iss_parameter_supported"`
}

// handleDiscovery serves /.well-known/openid-configuration. It starts from
// op's document and states only what this provider really supports (op
// always lists implicit and the JWT bearer grant, for example).
func (s *Server) handleDiscovery(w http.ResponseWriter, r *http.Request) {
	cfg := op.CreateDiscoveryConfig(r.Context(), s.provider, s.store)
	cfg.ResponseTypesSupported = []string{string(oidc.ResponseTypeCode)}
	cfg.ResponseModesSupported = []string{string(oidc.ResponseModeQuery)}
	cfg.GrantTypesSupported = []oidc.GrantType{
		oidc.GrantTypeCode, oidc.GrantTypeRefreshToken, oidc.GrantTypeClientCredentials, oidc.GrantTypeDeviceCode,
	}
	cfg.TokenEndpointAuthMethodsSupported = []oidc.AuthMethod{oidc.AuthMethodNone, oidc.AuthMethodBasic}
	cfg.TokenEndpointAuthSigningAlgValuesSupported = nil
	cfg.RevocationEndpointAuthMethodsSupported = []oidc.AuthMethod{oidc.AuthMethodNone, oidc.AuthMethodBasic}
	cfg.RevocationEndpointAuthSigningAlgValuesSupported = nil
	cfg.IntrospectionEndpointAuthMethodsSupported = []oidc.AuthMethod{oidc.AuthMethodBasic}
	cfg.IntrospectionEndpointAuthSigningAlgValuesSupported = nil
	cfg.CheckSessionIframe = ""
	cfg.ClaimsSupported = supportedClaims
	cfg.CodeChallengeMethodsSupported = []oidc.CodeChallengeMethod{oidc.CodeChallengeMethodS256}
	writeJSON(w, discoveryDocument{DiscoveryConfiguration: cfg, AuthorizationResponseIssParameterSupported: true})
}

// handleMarker serves MarkerPath.
func (s *Server) handleMarker(w http.ResponseWriter, _ *http.Request) {
	writeJSON(w, markerInfo{Service: markerService, Issuer: s.issuer})
}

// writeJSON answers 200 with v as JSON.
func writeJSON(w http.ResponseWriter, v any) {
	data, err := json.Marshal(v)
	if err != nil {
		http.Error(w, "internal error encoding JSON", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	_, _ = w.Write(data)
}
