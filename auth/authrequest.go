package auth

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/oauth2"

	"oauthdesk/auth/dpop"
	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/par"
)

// authRequest is one sign-in's authorization request: the URL the browser
// opens, what the flow log says about it, and the DPoP key its tokens will
// be bound to (nil for bearer tokens).
type authRequest struct {
	url     string
	explain string
	dpopKey *dpop.Key
	nonces  *dpop.Nonces
}

// buildAuthRequest makes the authorization request: the parameters x/oauth2
// puts in the URL (PKCE, state, nonce, the provider's auth_params), plus
// dpop_jkt when the tokens are to be DPoP-bound (RFC 9449 §10); signed as
// a request object when request_object = true (JAR, RFC 9101); pushed to
// the provider when PAR applies (RFC 9126), so that the browser gets only
// client_id and request_uri.
// explain is the flow log's line for a plain request; what is added here
// is said after it.
func (e *Engine) buildAuthRequest(ctx context.Context, r *resolved, conf *oauth2.Config, state, explain string, opts []oauth2.AuthCodeOption) (*authRequest, error) {
	ar := &authRequest{explain: explain}
	if use, why := r.wantsDPoP(); use {
		k, err := dpop.Generate()
		if err != nil {
			return nil, err
		}
		ar.dpopKey, ar.nonces = k, &dpop.Nonces{}
		opts = append(opts, oauth2.SetAuthURLParam("dpop_jkt", k.Thumbprint()))
		ar.explain += "; dpop_jkt binds the code to this sign-in's new DPoP key, thumbprint " + k.Thumbprint() + " (RFC 9449 §10; " + why + ")"
	}
	u, err := url.Parse(conf.AuthCodeURL(state, opts...))
	if err != nil {
		return nil, fmt.Errorf("building the authorization request: %w", err)
	}
	params := u.Query()
	if len(r.Resources) > 0 {
		// RFC 8707: one resource parameter per indicator.
		params["resource"] = append([]string(nil), r.Resources...)
	}
	u.RawQuery = ""

	required := r.md != nil && r.md.RequirePushedAuthorizationRequests
	push, parWhy, err := par.Decide(string(r.PAR), r.PARURL, required)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", r.ID, err)
	}
	if r.md != nil && r.md.RequireSignedRequestObject && !r.RequestObject {
		return nil, fmt.Errorf("%s: the provider requires signed request objects (require_signed_request_object, RFC 9101); set request_object = true in providers.toml", r.ID)
	}
	if r.RequestObject {
		if r.authErr != nil {
			return nil, r.authErr
		}
		aud := r.Issuer
		if r.md != nil {
			aud = r.md.Issuer
		}
		jwt, line, err := r.auth.RequestObject(params, aud)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", r.ID, err)
		}
		params = url.Values{"client_id": {r.ClientID}, "request": {jwt}}
		ar.explain += "; the parameters travel as a " + line
	}
	if !push {
		q := u.Query()
		for k, vs := range params {
			q[k] = vs
		}
		u.RawQuery = q.Encode()
		ar.url = u.String()
		return ar, nil
	}
	client, err := e.clientHTTP(r, nil, nil)
	if err != nil {
		return nil, err
	}
	pctx := flowlog.WithStep(ctx, r.ID, "par", "Push the authorization parameters straight to the provider, authenticated like a token request (PAR, RFC 9126; "+parWhy+")")
	resp, err := par.Push(pctx, client, r.PARURL, params, http.Header{})
	if err != nil {
		return nil, fmt.Errorf("signing in to %s: %w", r.DisplayName(), r.clientHint(unwrapURLError(err)))
	}
	if ar.url, err = par.AuthorizeURL(r.AuthURL, r.ClientID, resp.RequestURI); err != nil {
		return nil, err
	}
	ar.explain = strings.Replace(ar.explain, "(client_id, scope, redirect_uri, PKCE code_challenge, state, nonce)", "with only client_id and the request_uri of the pushed request", 1)
	return ar, nil
}

// bindDPoP keeps the DPoP key with a token set whose token_type is DPoP.
func bindDPoP(t *TokenSet, key *dpop.Key, nonces *dpop.Nonces) error {
	if key == nil || !strings.EqualFold(t.TokenType, "DPoP") {
		return nil
	}
	raw, err := key.Marshal()
	if err != nil {
		return fmt.Errorf("saving the DPoP key: %w", err)
	}
	t.DPoPKey, t.DPoPJKT = raw, key.Thumbprint()
	if nonces != nil {
		t.DPoPNonces = nonces.Snapshot()
	}
	return nil
}
