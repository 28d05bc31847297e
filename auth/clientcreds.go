package auth

import (
	"context"
	"fmt"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"oauthdesk/auth/clientauth"
	"oauthdesk/auth/flowlog"
)

// clientCredentialsConfig is x/oauth2's client-credentials view of conf,
// with the same endpoint and client authentication style.
func clientCredentialsConfig(conf *oauth2.Config) *clientcredentials.Config {
	return &clientcredentials.Config{
		ClientID:  conf.ClientID,
		TokenURL:  conf.Endpoint.TokenURL,
		Scopes:    conf.Scopes,
		AuthStyle: conf.Endpoint.AuthStyle,
	}
}

// clientCredentials gets a machine-to-machine token (RFC 6749 §4.4) and
// stores it.
func (e *Engine) clientCredentials(ctx context.Context, r *resolved) (*TokenSet, error) {
	if r.authErr == nil && r.auth.Method == clientauth.None {
		return nil, fmt.Errorf("%s: the client_credentials grant needs a client secret (oauthdesk secret %s) or a client key (oauthdesk key %s --generate)", r.ID, r.ID, r.ID)
	}
	conf := r.oauth2Config("")
	ccConf := clientCredentialsConfig(conf)
	explain := "Get a machine-to-machine token with the client's own credentials (RFC 6749 §4.4)"
	key, nonces, err := newSessionDPoP(r)
	if err != nil {
		return nil, err
	}
	if key != nil {
		explain += ", bound to a new DPoP key with a proof (RFC 9449 §5)"
	}
	tctx, err := e.tokenContext(withResources(ctx, r.Resources), r, key, nonces)
	if err != nil {
		return nil, err
	}
	tok, err := ccConf.Token(flowlog.WithStep(tctx, r.ID, "token", explain))
	if err != nil {
		return nil, fmt.Errorf("getting a token for %s: %w", r.DisplayName(), r.clientHint(tokenError("client_credentials", err)))
	}
	t := &TokenSet{
		AccessToken: tok.AccessToken, TokenType: tok.Type(),
		RequestedScopes: r.Scopes, Grant: GrantClientCredentials, ObtainedAt: e.now(), Resources: r.Resources,
		Subject: r.ClientID, Account: r.ClientID + " (client)",
	}
	if t.AccessToken == "" {
		return nil, fmt.Errorf("%w: it has no access_token", ErrBadTokenResponse)
	}
	t.Expiry, t.ExpiryNote, t.OddExpiresIn = expiryOf(tok, e.now())
	if s, ok := grantedScopes(tok); ok {
		t.Scopes = s
	} else {
		t.Scopes, t.ScopesRequested = r.Scopes, true
	}
	if err := bindDPoP(t, key, nonces); err != nil {
		return nil, err
	}
	if err := e.storeSignIn(ctx, r.ID, t); err != nil {
		return nil, err
	}
	return t, nil
}
