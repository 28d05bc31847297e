package auth

import (
	"context"
	"errors"
	"fmt"

	"oauthdesk/auth/par"
	"oauthdesk/auth/provider"
)

// ServerSupport is what a provider's discovery document says its server
// supports for the issue-10 settings, and what oauthdesk would choose with
// the provider's settings as they stand, with why — so that a form can
// show why auto chose what it chose.
type ServerSupport struct {
	// Discovered is false when the provider has no issuer (no discovery).
	Discovered bool
	// Kind is provider.KindOIDC or provider.KindOAuth; Source the URL read.
	Kind, Source string

	// AuthMethods are token_endpoint_auth_methods_supported.
	AuthMethods []string
	// AuthMethod is the method oauthdesk would use, AuthWhy why; AuthErr
	// says why none fits.
	AuthMethod, AuthWhy, AuthErr string

	// PAREndpoint is pushed_authorization_request_endpoint; PARRequired is
	// require_pushed_authorization_requests.
	PAREndpoint string
	PARRequired bool
	// PAR is whether sign-in would push, PARWhy why (or PARErr why it
	// cannot sign in as configured).
	PAR            bool
	PARWhy, PARErr string

	// DPoPAlgs are dpop_signing_alg_values_supported.
	DPoPAlgs []string
	// DPoP is whether tokens would be DPoP-bound, DPoPWhy why.
	DPoP    bool
	DPoPWhy string

	// RequestObjectAlgs are request_object_signing_alg_values_supported;
	// RequestObjectRequired is require_signed_request_object.
	RequestObjectAlgs     []string
	RequestObjectRequired bool

	// IDTokenAlgs are id_token_signing_alg_values_supported.
	IDTokenAlgs []string
}

// ServerSupport runs discovery for p as a form holds it (not saved yet)
// and says what the server supports and what oauthdesk would choose.
// secret is the client secret typed in the form; "" means the one kept
// for p.ID, if any.
func (e *Engine) ServerSupport(ctx context.Context, p Provider, secret string) (*ServerSupport, error) {
	p = p.WithPreset()
	r := &resolved{Provider: p, secret: secret}
	if r.secret == "" {
		r.secret = p.ClientSecret
	}
	if r.secret == "" && p.ID != "" && !p.Quirks.Builtin {
		s, err := e.store.Load(secretKey(p.ID))
		switch {
		case err == nil:
			r.secret = string(s)
		case errors.Is(err, ErrNotFound):
		default:
			return nil, fmt.Errorf("reading %s's client secret: %w", p.ID, err)
		}
	}
	out := &ServerSupport{}
	if p.IsOIDC() {
		md, err := e.discover(ctx, p.ID, p.Issuer, p.Quirks.TenantIssuer)
		if err != nil {
			return nil, err
		}
		r.md, r.Provider = md, r.Provider.WithEndpoints(md)
		out.Discovered, out.Kind, out.Source = true, md.Kind, md.Source
		out.AuthMethods = md.TokenEndpointAuthMethodsSupported
		out.PAREndpoint, out.PARRequired = md.PushedAuthorizationRequestEndpoint, md.RequirePushedAuthorizationRequests
		out.DPoPAlgs = md.DPoPSigningAlgValuesSupported
		out.RequestObjectAlgs, out.RequestObjectRequired = md.RequestObjectSigningAlgValuesSupported, md.RequireSignedRequestObject
		out.IDTokenAlgs = md.IDTokenSigningAlgValuesSupported
	}
	e.clientAuth(r)
	if r.authErr != nil {
		out.AuthErr = r.authErr.Error()
	} else {
		out.AuthMethod, out.AuthWhy = r.auth.Method, r.authWhy
	}
	push, why, err := par.Decide(string(r.PAR), r.PARURL, out.PARRequired)
	if err != nil {
		out.PARErr = err.Error()
	} else {
		out.PAR, out.PARWhy = push, why
	}
	out.DPoP, out.DPoPWhy = r.wantsDPoP()
	return out, nil
}

// KindName names a discovery document kind for people.
func KindName(kind string) string {
	switch kind {
	case provider.KindOIDC:
		return "OpenID Connect discovery (/.well-known/openid-configuration)"
	case provider.KindOAuth:
		return "OAuth 2.0 authorization server metadata (RFC 8414)"
	}
	return ""
}
