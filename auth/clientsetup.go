package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"slices"

	"golang.org/x/oauth2"

	"oauthdesk/auth/clientauth"
	"oauthdesk/auth/dpop"
	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/provider"
)

// clientKeyKey is the store key of a provider's private_key_jwt key.
func clientKeyKey(id string) string { return "clientkey:" + id }

// clientAuth chooses how the client authenticates at r (token_endpoint_auth_method,
// or the first method discovery and the credentials allow) and loads the
// client key when there is one. The choice's error is kept in r and
// returned by the first call that authenticates the client.
func (e *Engine) clientAuth(r *resolved) {
	raw, err := []byte(nil), error(ErrNotFound)
	if !r.Quirks.Builtin {
		raw, err = e.store.Load(clientKeyKey(r.ID))
	}
	e.clientAuthWith(r, raw, err)
}

// clientAuthWith is clientAuth with the client key already read from the
// store (raw, or the error reading it; ErrNotFound for none).
func (e *Engine) clientAuthWith(r *resolved, raw []byte, err error) {
	var key *clientauth.Key
	switch {
	case err == nil:
		if key, err = clientauth.ParseKey(raw); err != nil {
			r.authErr = fmt.Errorf("%s's client key in %s: %w", r.ID, e.store.Describe(), err)
			return
		}
	case errors.Is(err, ErrNotFound):
	default:
		r.authErr = fmt.Errorf("reading %s's client key: %w", r.ID, err)
		return
	}
	var advertised []string
	switch {
	case r.md != nil:
		advertised = r.md.TokenEndpointAuthMethodsSupported
	case r.Quirks.NoOIDC:
		// GitHub, Naver and Facebook take the secret as a parameter.
		advertised = []string{clientauth.SecretPost}
	}
	choice, err := clientauth.Choose(r.TokenEndpointAuthMethod, advertised, clientauth.Credentials{Secret: r.secret != "", Key: key != nil})
	if err != nil {
		r.authErr = fmt.Errorf("%s: %w", r.ID, err)
		return
	}
	r.authWhy = choice.Why
	r.auth = clientauth.Client{ID: r.ClientID, Method: choice.Method, Secret: r.secret, Key: key,
		Audience: r.ClientAssertionAudience, TokenEndpoint: r.TokenURL, Now: e.now}
	if r.md != nil {
		r.auth.Issuer = r.md.Issuer
	}
	if choice.Method == clientauth.None {
		// A secret-less client: the key, if any, can still sign request
		// objects.
		r.auth.Key = key
	}
}

// wantsDPoP says whether a sign-in at r binds its tokens with DPoP: dpop =
// true always, auto when the provider advertises ES256 proofs.
func (r *resolved) wantsDPoP() (bool, string) {
	switch r.DPoP {
	case provider.SwitchOn:
		return true, "dpop = true in providers.toml"
	case provider.SwitchAuto:
		if r.md != nil && slices.Contains(r.md.DPoPSigningAlgValuesSupported, dpop.Alg) {
			return true, "dpop = auto, and the provider advertises ES256 DPoP proofs"
		}
		return false, ""
	}
	return false, ""
}

// clientHTTP is the HTTP client of every request that authenticates the
// client at r: the engine's client (flow log, limits) under a
// clientauth.Transport, with DPoP proofs at the token endpoint when key is
// not nil, and the HTML-page check of token responses.
func (e *Engine) clientHTTP(r *resolved, key *dpop.Key, nonces *dpop.Nonces) (*http.Client, error) {
	if r.authErr != nil {
		return nil, r.authErr
	}
	t := &clientauth.Transport{Client: r.auth, Next: e.client.Transport, Explain: func(ctx context.Context, line string) context.Context {
		return flowlog.AppendExplain(ctx, "client authentication "+line+" — "+r.authWhy)
	}}
	if key != nil {
		t.DPoP = &dpop.Sender{Key: key, Nonces: nonces, Now: e.now}
		t.DPoPURL = r.TokenURL
	}
	c := *e.client
	c.Transport = &tokenTransport{next: t}
	return &c, nil
}

// tokenContext hands x/oauth2 the client-authenticating HTTP client.
func (e *Engine) tokenContext(ctx context.Context, r *resolved, key *dpop.Key, nonces *dpop.Nonces) (context.Context, error) {
	c, err := e.clientHTTP(r, key, nonces)
	if err != nil {
		return nil, err
	}
	return context.WithValue(ctx, oauth2.HTTPClient, c), nil
}

// sessionDPoP reads a session's DPoP key and nonces; nil for a bearer
// session.
func sessionDPoP(t *TokenSet) (*dpop.Key, *dpop.Nonces, error) {
	if len(t.DPoPKey) == 0 {
		return nil, nil, nil
	}
	k, err := dpop.Parse(t.DPoPKey)
	if err != nil {
		return nil, nil, fmt.Errorf("the session's DPoP key: %w (sign in again to make a new one)", err)
	}
	n := &dpop.Nonces{}
	n.Load(t.DPoPNonces)
	return k, n, nil
}

// clientHint adds to an invalid_client or unauthorized_client error how
// oauthdesk authenticated, so that a person can tell a wrong secret from a
// method the client is not registered for.
func (r *resolved) clientHint(err error) error {
	var pe *ProviderError
	if !errors.As(err, &pe) || (pe.Code != "invalid_client" && pe.Code != "unauthorized_client") || pe.Hint != "" {
		return err
	}
	pe.Hint = fmt.Sprintf("oauthdesk authenticated with %s (%s); check the client ID and its secret or key, and set token_endpoint_auth_method in providers.toml to the method the client is registered for at the provider", r.auth.Method, r.authWhy)
	return err
}

// dpopHint answers invalid_grant on a fresh code sent without a DPoP proof,
// at a provider that advertises DPoP: a server that binds the client's
// tokens refuses it so (oidc-provider says only "grant request is
// invalid"), and signing in again the same way cannot help.
func (r *resolved) dpopHint(err error, sentProof bool) error {
	var pe *ProviderError
	if sentProof || r.md == nil || len(r.md.DPoPSigningAlgValuesSupported) == 0 || !errors.As(err, &pe) || pe.Code != "invalid_grant" || pe.Hint != "" {
		return err
	}
	pe.Hint = "the provider advertises DPoP (RFC 9449) and refused a code that was just issued, sent without a DPoP proof: if it binds this client's tokens, set dpop = true (or auto) in providers.toml; signing in the same way again will not help"
	return err
}

// newSessionDPoP makes the DPoP key of a new session at r, when r's tokens
// are to be DPoP-bound (wantsDPoP); nil otherwise.
func newSessionDPoP(r *resolved) (*dpop.Key, *dpop.Nonces, error) {
	if use, _ := r.wantsDPoP(); !use {
		return nil, nil, nil
	}
	k, err := dpop.Generate()
	if err != nil {
		return nil, nil, err
	}
	return k, &dpop.Nonces{}, nil
}
