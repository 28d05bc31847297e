package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/idtoken"
	"oauthdesk/auth/internal/sanitize"
	"oauthdesk/auth/jwtverify"
)

// verifySignedUserinfo checks a signed userinfo answer (OpenID Connect
// Core §5.3.2, application/jwt): its signature against the provider's
// keys (or, for HS*, the client secret), with an alg the provider
// documents for userinfo, and iss and aud when present (they SHOULD be).
// It returns the claims as JSON and the alg.
func (e *Engine) verifySignedUserinfo(ctx context.Context, r *resolved, body []byte) ([]byte, string, error) {
	raw := strings.TrimSpace(string(body))
	if strings.Count(raw, ".") == 4 {
		return nil, "", errors.New("it is encrypted (JWE), which oauthdesk does not decrypt; register the client without userinfo_encrypted_response_alg")
	}
	if r.md == nil || r.md.JWKSURI == "" {
		return nil, "", errors.New("it is signed, but the provider's discovery document names no jwks_uri to check it with")
	}
	documented := r.md.UserinfoSigningAlgValuesSupported
	if len(documented) == 0 {
		documented = r.md.IDTokenSigningAlgValuesSupported
	}
	algs := idtoken.Algorithms(documented, r.secret != "")
	alg, err := jwtverify.HeaderAlg(raw)
	if err != nil {
		return nil, "", fmt.Errorf("it is not a JWT: %v", err)
	}
	if err := jwtverify.CheckAlg(alg, algs, documented, r.secret != ""); err != nil {
		return nil, "", err
	}
	keys := &idtoken.KeySet{Remote: e.keysets.get(e, r.ID, r.md.JWKSURI)}
	if r.secret != "" {
		keys.Secret = []byte(r.secret)
	}
	jctx := flowlog.WithStep(ctx, r.ID, "jwks", "Fetch the provider's public keys (JWKS) to check the signed userinfo answer")
	payload, err := keys.VerifySignature(jctx, raw)
	if err != nil {
		return nil, "", fmt.Errorf("its signature does not verify (%s)", sanitize.Text(strings.TrimPrefix(err.Error(), "oidc: "), 200))
	}
	var claims struct {
		Issuer   string          `json:"iss"`
		Audience json.RawMessage `json:"aud"`
	}
	if err := json.Unmarshal(payload, &claims); err != nil {
		return nil, "", errors.New("its claims are not a JSON object")
	}
	if claims.Issuer != "" && claims.Issuer != r.md.Issuer && !strings.Contains(r.md.Issuer, "{tenantid}") {
		return nil, "", fmt.Errorf("%w: it names issuer %q, not %q", ErrIssuerMismatch, sanitize.Text(claims.Issuer, 200), r.md.Issuer)
	}
	if len(claims.Audience) > 0 {
		var one string
		var many []string
		if json.Unmarshal(claims.Audience, &one) == nil {
			many = []string{one}
		} else if json.Unmarshal(claims.Audience, &many) != nil {
			return nil, "", errors.New("its aud is neither a string nor a list")
		}
		if !slices.Contains(many, r.ClientID) {
			return nil, "", fmt.Errorf("it is for another client (aud %q)", sanitize.Text(strings.Join(many, " "), 200))
		}
	}
	return payload, alg, nil
}

// tokenRejectedError is a profile endpoint refusing the access token.
type tokenRejectedError struct {
	url      string
	status   int
	code     string // ", invalid_token" or ""
	audience []string
}

// Error says what was refused and what to do.
func (e *tokenRejectedError) Error() string {
	msg := fmt.Sprintf("the profile endpoint %s rejected the access token (HTTP %d%s)", sanitize.URL(e.url), e.status, e.code)
	if len(e.audience) > 0 {
		return msg + fmt.Sprintf("; the token is for %s (its aud, from resources), not for this endpoint", sanitize.Text(strings.Join(e.audience, " "), 200))
	}
	return msg + "; refresh, or sign in again"
}

// profileFromIDToken is the fallback when userinfo refuses an
// audience-restricted access token (RFC 8707 resources, or a JWT access
// token for another audience, RFC 9068): the ID token's claims, verified
// at sign-in, with a note saying so. ok is false when err is another
// failure or there is no ID token.
func (e *Engine) profileFromIDToken(r *resolved, t *TokenSet, err error) (*Profile, bool) {
	var rej *tokenRejectedError
	if !errors.As(err, &rej) || t.IDToken == "" || r.UserinfoURL == "" {
		return nil, false
	}
	restricted := len(t.Resources) > 0
	if aud := t.Audience(); len(aud) > 0 && (r.md == nil || !slices.Contains(aud, r.md.Issuer) && !slices.Contains(aud, r.UserinfoURL)) {
		restricted = true
	}
	if !restricted {
		return nil, false
	}
	info, ok := DecodeAccessToken(t.IDToken)
	if !ok {
		return nil, false
	}
	body, jerr := json.Marshal(info.Claims)
	if jerr != nil {
		return nil, false
	}
	p, perr := parseProfile(body, r.Quirks)
	if perr != nil {
		return nil, false
	}
	p.Source, p.FromIDToken = "id_token", true
	p.Note = "userinfo refused the access token, which is restricted to " + strings.Join(firstNonNil(t.Audience(), t.Resources), " ") +
		" (RFC 8707); these are the ID token's claims instead, verified at sign-in"
	e.log.Debug("profile from the ID token", "provider", r.ID, "err", err)
	return p, true
}

// firstNonNil returns a, or b when a is empty.
func firstNonNil(a, b []string) []string {
	if len(a) > 0 {
		return a
	}
	return b
}
