package auth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"sync"

	"github.com/coreos/go-oidc/v3/oidc"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/idtoken"
	"oauthdesk/auth/internal/sanitize"
	"oauthdesk/auth/jwtverify"
)

// idClaims are the ID token claims oauthdesk reads.
type idClaims struct {
	Subject           string `json:"sub"`
	Email             string `json:"email"`
	PreferredUsername string `json:"preferred_username"`
	Name              string `json:"name"`
	TenantID          string `json:"tid"`
	AuthorizedParty   string `json:"azp"`
}

// account is the best human label for the claims.
func (c idClaims) account() string {
	for _, s := range []string{c.Email, c.PreferredUsername, c.Name} {
		if s != "" {
			return s
		}
	}
	return ""
}

// keysetCache keeps one JWKS client per jwks_uri, so that keys are fetched
// once and refetched only for an unknown key ID.
type keysetCache struct {
	mu   sync.Mutex
	sets map[string]*jwtverify.KeySet
}

// get returns the key set for uri: go-oidc's, with RFC 9864's Ed25519
// alg verified by jwtverify.
func (k *keysetCache) get(e *Engine, provider, uri string) *jwtverify.KeySet {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.sets == nil {
		k.sets = map[string]*jwtverify.KeySet{}
	}
	ks, ok := k.sets[uri]
	if !ok {
		ctx := flowlog.WithStep(context.Background(), provider, "jwks", "Fetch the provider's public keys (JWKS) to check the signature of what it signed (ID token, signed userinfo)")
		ks = &jwtverify.KeySet{Remote: oidc.NewRemoteKeySet(oidc.ClientContext(ctx, e.client), uri), Client: e.client, URI: uri}
		k.sets[uri] = ks
	}
	return ks
}

// verifyIDToken checks an ID token the way OpenID Connect Core §3.1.3.7
// asks: signature against the provider's keys with an asymmetric algorithm
// it documents (HMAC only with a configured client secret, keyed by it;
// never "none"), issuer, audience and expiry with go-oidc, then — which
// go-oidc leaves to us — azp, iat, at_hash (package idtoken), the nonce,
// and for Microsoft's multi-tenant issuer the tenant. nonce is "" for a
// refresh, where the spec does not require one; wantSub, when set, must
// equal the token's subject (a refresh must not switch accounts);
// accessToken is the access token that came with it, for at_hash.
func (e *Engine) verifyIDToken(ctx context.Context, r *resolved, raw, accessToken, nonce, wantSub string) (idClaims, error) {
	var claims idClaims
	if r.md == nil || r.md.JWKSURI == "" {
		return claims, fmt.Errorf("%w: the provider's discovery document names no jwks_uri", ErrInvalidIDToken)
	}
	algs := idtoken.Algorithms(r.md.IDTokenSigningAlgValuesSupported, r.secret != "")
	if len(algs) == 0 {
		return claims, fmt.Errorf("%w: the provider documents no asymmetric signing algorithm for ID tokens (%s), and a shared-secret one needs a client secret; nothing was stored",
			ErrInvalidIDToken, sanitize.Text(strings.Join(r.md.IDTokenSigningAlgValuesSupported, ", "), 100))
	}
	// The alg is checked by name first, so that one oauthdesk will not
	// verify says which and why, rather than "failed to verify signature".
	if err := jwtverify.CheckAlg(idTokenAlg(raw), algs, r.md.IDTokenSigningAlgValuesSupported, r.secret != ""); err != nil {
		return claims, fmt.Errorf("%w: %w; nothing was stored", ErrInvalidIDToken, err)
	}
	cfg := &oidc.Config{
		ClientID:             r.ClientID,
		SupportedSigningAlgs: algs,
		SkipIssuerCheck:      strings.Contains(r.md.Issuer, "{tenantid}"),
		Now:                  e.now,
	}
	keys := &idtoken.KeySet{Remote: e.keysets.get(e, r.ID, r.md.JWKSURI)}
	if r.secret != "" {
		keys.Secret = []byte(r.secret)
	}
	v := oidc.NewVerifier(r.md.Issuer, keys, cfg)
	jctx := flowlog.WithStep(ctx, r.ID, "jwks", "Fetch the provider's public keys (JWKS) to check the ID token's Ed25519 signature (RFC 9864)")
	tok, err := v.Verify(oidc.ClientContext(jctx, e.client), raw)
	if err != nil {
		return claims, fmt.Errorf("%w: %s; nothing was stored", ErrInvalidIDToken, strings.TrimPrefix(err.Error(), "oidc: "))
	}
	if err := tok.Claims(&claims); err != nil {
		return claims, fmt.Errorf("%w: reading its claims: %v", ErrInvalidIDToken, err)
	}
	if err := idtoken.CheckClaims(idtoken.Claims{
		Audience: tok.Audience, AuthorizedParty: claims.AuthorizedParty, IssuedAt: tok.IssuedAt,
		AccessTokenHash: tok.AccessTokenHash, Algorithm: idTokenAlg(raw),
	}, r.ClientID, accessToken, e.now()); err != nil {
		return claims, fmt.Errorf("%w: %s; nothing was stored", ErrInvalidIDToken, sanitize.Text(err.Error(), 300))
	}
	if cfg.SkipIssuerCheck {
		want := strings.ReplaceAll(r.md.Issuer, "{tenantid}", claims.TenantID)
		if claims.TenantID == "" || tok.Issuer != want {
			return claims, fmt.Errorf("%w: %w: the ID token's issuer %q is not its tenant's %q", ErrInvalidIDToken, ErrIssuerMismatch, sanitize.Text(tok.Issuer, 200), sanitize.Text(want, 200))
		}
	}
	if nonce != "" && tok.Nonce != nonce {
		return claims, fmt.Errorf("%w: its nonce does not match this sign-in's (a replayed or injected token); nothing was stored", ErrInvalidIDToken)
	}
	if wantSub != "" && tok.Subject != wantSub {
		return claims, fmt.Errorf("%w: the refreshed ID token is for another subject", ErrInvalidIDToken)
	}
	return claims, nil
}

// idTokenAlg is the alg of a compact JWS's header ("" when unreadable).
func idTokenAlg(raw string) string {
	head, _, _ := strings.Cut(raw, ".")
	b, err := base64.RawURLEncoding.DecodeString(head)
	if err != nil {
		return ""
	}
	var h struct {
		Alg string `json:"alg"`
	}
	_ = json.Unmarshal(b, &h)
	return h.Alg
}
