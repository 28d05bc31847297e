package auth

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"golang.org/x/oauth2"

	"oauthdesk/auth/flowlog"
	"oauthdesk/internal/faultpoint"
)

// Token returns a usable token set for id: the stored one while its access
// token is valid, otherwise a refreshed one.
func (e *Engine) Token(ctx context.Context, id string) (*TokenSet, error) {
	t, err := e.Stored(id)
	if err != nil {
		return nil, err
	}
	if !t.Expired(e.now()) {
		return t, nil
	}
	return e.refresh(ctx, id, t, false)
}

// Refresh renews the access token with the refresh token now (RFC 6749 §6),
// even if it has not expired.
func (e *Engine) Refresh(ctx context.Context, id string) (*TokenSet, error) {
	t, err := e.Stored(id)
	if err != nil {
		return nil, err
	}
	return e.refresh(ctx, id, t, true)
}

// refresh renews seen under the session lock. If, once the lock is held,
// the store holds another token than seen, someone else (another window,
// the CLI) refreshed meanwhile: that result is used, and the rotated
// refresh token is not spent twice.
func (e *Engine) refresh(ctx context.Context, id string, seen *TokenSet, force bool) (*TokenSet, error) {
	if seen.Grant == GrantClientCredentials {
		// A new machine-to-machine token: nothing is spent, so no lock
		// is needed here, and the store takes its own (storeSignIn).
		r, err := e.resolve(ctx, id)
		if err != nil {
			return nil, err
		}
		return e.clientCredentials(ctx, r)
	}
	key, _, err := e.load(id)
	if err != nil {
		return nil, err
	}
	release, err := e.locks.Acquire(ctx, key)
	if err != nil {
		return nil, err
	}
	defer release()
	cur, err := e.loadKey(key)
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("%s: %w (signed out meanwhile)", id, ErrNotSignedIn)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s's session: %w", id, err)
	}
	if cur.AccessToken != seen.AccessToken || (!force && !cur.Expired(e.now())) {
		return cur, nil
	}
	r, err := e.resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	if cur.Grant == GrantClientCredentials {
		return e.clientCredentials(ctx, r)
	}
	p := r.ID
	if cur.RefreshToken == "" {
		return nil, fmt.Errorf("%s: %w (run: oauthdesk login %s)", id, ErrNoRefreshToken, p)
	}
	dkey, nonces, err := sessionDPoP(cur)
	if err != nil {
		return nil, fmt.Errorf("refreshing %s: %w", id, err)
	}
	explain := "Trade the refresh token for a new access token (RFC 6749 §6)"
	if dkey != nil {
		explain += ", with a DPoP proof of the session's key (RFC 9449 §5)"
	}
	tctx, err := e.tokenContext(withResources(ctx, r.Resources), r, dkey, nonces)
	if err != nil {
		return nil, fmt.Errorf("refreshing %s: %w", id, err)
	}
	rctx := flowlog.WithStep(tctx, p, "refresh", explain)
	src := r.oauth2Config("").TokenSource(rctx, &oauth2.Token{RefreshToken: cur.RefreshToken})
	tok, err := src.Token()
	if err != nil {
		terr := r.clientHint(tokenError("refresh", err))
		var pe *ProviderError
		if errors.As(terr, &pe) && pe.Code == "invalid_grant" && !strings.Contains(strings.ToLower(pe.Description), "dpop") {
			if derr := e.forget(p, key, cur); derr != nil {
				return nil, fmt.Errorf("%s: %w; forgetting the session also failed: %v", id, ErrSessionExpired, derr)
			}
			return nil, fmt.Errorf("%s: %w (run: oauthdesk login %s). The provider said: %s", id, ErrSessionExpired, p, pe.Error())
		}
		return nil, fmt.Errorf("refreshing %s: %w", id, terr)
	}
	faultpoint.Hit(faultpoint.RefreshAnswered)
	if tok.RefreshToken != "" && tok.RefreshToken != cur.RefreshToken {
		// The provider rotated the refresh token (RFC 9700 §4.14.2): the
		// old one may be dead now, and the new one exists only in this
		// process. Make it durable before anything that can fail or take
		// time (the ID token check fetches keys, the profile is fetched):
		// keep it with the earlier access and ID tokens until the new set
		// is checked. The stored entry is replaced whole, so a crash leaves
		// the earlier set or this one.
		kept := *cur
		kept.RefreshToken = tok.RefreshToken
		if err := e.saveKey(key, &kept); err != nil {
			return nil, fmt.Errorf("refreshing %s: the provider issued a new refresh token, but it could not be kept: %w; if the next refresh fails, sign in again", id, err)
		}
		faultpoint.Hit(faultpoint.RefreshRotatedSaved)
		cur = &kept
	}
	next, err := e.tokenSetFrom(ctx, r, tok, "", cur.Subject)
	if err != nil {
		return nil, fmt.Errorf("refreshing %s: %w", id, err)
	}
	// What the refresh response leaves out stays as it was (RFC 6749 §6:
	// the refresh token and scope may be omitted when unchanged).
	if next.RefreshToken == "" {
		next.RefreshToken = cur.RefreshToken
	}
	if idTokenOf(tok) == "" {
		next.IDToken, next.Subject, next.Account, next.Issuer = cur.IDToken, cur.Subject, cur.Account, cur.Issuer
	}
	if next.ScopesRequested && !cur.ScopesRequested {
		next.Scopes, next.ScopesRequested = cur.Scopes, false
	}
	if next.Account == "" {
		next.Account = cur.Account
	}
	next.RequestedScopes = cur.RequestedScopes
	if dkey != nil && strings.EqualFold(next.TokenType, "DPoP") {
		next.DPoPKey, next.DPoPJKT, next.DPoPNonces = cur.DPoPKey, cur.DPoPJKT, nonces.Snapshot()
	}
	next.Grant = cur.Grant
	next.ObtainedAt = cur.ObtainedAt
	next.RefreshedAt = e.now()
	if err := e.saveKey(key, next); err != nil {
		return nil, fmt.Errorf("saving %s's refreshed session: %w", id, err)
	}
	faultpoint.Hit(faultpoint.RefreshSaved)
	return next, nil
}
