package auth

import (
	"context"
	"errors"
	"fmt"

	"oauthdesk/auth/clientauth"
	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/provider"
)

// resolved is a provider ready to be contacted: endpoints discovered and
// the client secret loaded.
type resolved struct {
	Provider
	md     *provider.Metadata
	secret string
	// auth is how the client authenticates, authWhy why that method;
	// authErr, when set, is why it cannot (returned by the first call
	// that authenticates the client).
	auth    clientauth.Client
	authWhy string
	authErr error
}

// resolve finds the provider, starts the demo provider if needed, loads
// the client secret and runs discovery (cached for the engine's life).
func (e *Engine) resolve(ctx context.Context, id string) (*resolved, error) {
	p, err := e.Provider(providerOf(id))
	if err != nil {
		return nil, err
	}
	if p.Quirks.Builtin {
		if err := e.ensureDemo(ctx); err != nil {
			return nil, err
		}
	}
	r := &resolved{Provider: p, secret: p.ClientSecret}
	// The client's credentials are read from the store while discovery is
	// on the network: both are needed before the browser opens.
	creds, wantSecret := make(chan clientCreds, 1), r.secret == ""
	go func() { creds <- e.readClientCreds(p, wantSecret) }()
	var md *provider.Metadata
	var mdErr error
	if p.IsOIDC() {
		md, mdErr = e.metadata(ctx, p)
	}
	c := <-creds
	if c.secretErr != nil {
		return nil, fmt.Errorf("reading %s's client secret: %w", p.ID, c.secretErr)
	}
	if c.secret != "" {
		r.secret = c.secret
	}
	if mdErr != nil {
		return nil, mdErr
	}
	if md != nil {
		r.md = md
		r.Provider = r.Provider.WithEndpoints(md)
	}
	e.clientAuthWith(r, c.key, c.keyErr)
	return r, nil
}

// clientCreds is what the store holds of a provider's client: its secret
// and its private_key_jwt key, each with the error reading it.
type clientCreds struct {
	secret    string
	secretErr error
	key       []byte
	keyErr    error
}

// readClientCreds reads p's client secret (when wanted) and client key
// from the store; the built-in demo provider has neither. A missing one is
// not an error.
func (e *Engine) readClientCreds(p Provider, wantSecret bool) clientCreds {
	var c clientCreds
	if p.Quirks.Builtin {
		c.keyErr = ErrNotFound
		return c
	}
	if wantSecret {
		s, err := e.store.Load(secretKey(p.ID))
		switch {
		case err == nil:
			c.secret = string(s)
		case !errors.Is(err, ErrNotFound):
			c.secretErr = err
		}
	}
	c.key, c.keyErr = e.store.Load(clientKeyKey(p.ID))
	return c
}

// metadata returns the provider's discovery document, fetched once.
func (e *Engine) metadata(ctx context.Context, p Provider) (*provider.Metadata, error) {
	e.mu.Lock()
	md, ok := e.mds[p.Issuer]
	e.mu.Unlock()
	if ok {
		return md, nil
	}
	md, err := e.discover(ctx, p.ID, p.Issuer, p.Quirks.TenantIssuer)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	e.mds[p.Issuer] = md
	e.mu.Unlock()
	return md, nil
}

// discover reads issuer's metadata: OpenID Connect discovery, and when the
// server publishes none, RFC 8414 authorization server metadata (a plain
// OAuth 2.0 server). Each attempt is its own flow-log step.
func (e *Engine) discover(ctx context.Context, id, issuer string, tenantPlaceholder bool) (*provider.Metadata, error) {
	dctx := flowlog.WithStep(ctx, id, "discovery", "Fetch the provider's OpenID configuration: its endpoints and what it supports (OpenID Connect Discovery §4)")
	md, err := provider.DiscoverOIDC(dctx, e.client, issuer, tenantPlaceholder)
	if !errors.Is(err, provider.ErrNotPublished) {
		return md, err
	}
	e.log.Debug("no OpenID Connect discovery; trying RFC 8414", "provider", id, "err", err)
	octx := flowlog.WithStep(ctx, id, "discovery", "The server publishes no OpenID configuration: read its OAuth 2.0 authorization server metadata instead (RFC 8414 §3, path inserted after the host)")
	md, oerr := provider.DiscoverOAuth(octx, e.client, issuer)
	if oerr != nil {
		return nil, provider.FallbackError(err, oerr)
	}
	return md, nil
}

// ensureDemo starts the built-in demo provider once.
func (e *Engine) ensureDemo(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.demoUp || e.opts.Demo == nil || e.opts.Demo.Ensure == nil {
		return nil
	}
	stop, err := e.opts.Demo.Ensure(ctx)
	if err != nil {
		return fmt.Errorf("starting the demo provider: %w", err)
	}
	e.demoStop, e.demoUp = stop, true
	return nil
}
