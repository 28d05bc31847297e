package e2e

import (
	"crypto/sha256"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// atHash is OIDC Core §3.1.3.6's at_hash for an RS256/HS256 token: the
// left half of SHA-256 of the access token, base64url.
func atHash(accessToken string) string {
	sum := sha256.Sum256([]byte(accessToken))
	return base64.RawURLEncoding.EncodeToString(sum[:16])
}

// TestAttackForgedIDTokens: a hostile OP over real HTTP issues ID tokens
// that OpenID Connect Core §3.1.3.7 says to reject. Each sign-in must fail
// with an ID-token error and store nothing; the well-formed variants next
// to them must still sign in.
func TestAttackForgedIDTokens(t *testing.T) {
	// The oct key has no "alg", so go-oidc keeps it (it skips keys whose
	// alg it does not support).
	hmacKey := []byte("this-is-the-oct-key-the-jwks-publishes-0123456789")
	for _, tc := range []struct {
		name   string
		ok     bool
		secret string
		setup  func(op *hostileOP)
	}{
		{name: "aud with another party, azp names it", setup: func(op *hostileOP) {
			op.claims = func(c map[string]any, _ string) { c["aud"] = []string{"other", "client-1"}; c["azp"] = "other" }
		}},
		{name: "aud with another party, no azp", setup: func(op *hostileOP) {
			op.claims = func(c map[string]any, _ string) { c["aud"] = []string{"client-1", "other"} }
		}},
		{name: "azp of another client", setup: func(op *hostileOP) {
			op.claims = func(c map[string]any, _ string) { c["azp"] = "other" }
		}},
		{name: "aud with another party, azp is us", ok: true, setup: func(op *hostileOP) {
			op.claims = func(c map[string]any, _ string) { c["aud"] = []string{"client-1", "other"}; c["azp"] = "client-1" }
		}},
		{name: "iat ten years ahead", setup: func(op *hostileOP) {
			op.claims = func(c map[string]any, _ string) {
				c["iat"] = time.Now().AddDate(10, 0, 0).Unix()
				c["exp"] = time.Now().AddDate(10, 0, 1).Unix()
			}
		}},
		{name: "iat a minute ahead (clock skew)", ok: true, setup: func(op *hostileOP) {
			op.claims = func(c map[string]any, _ string) { c["iat"] = time.Now().Add(time.Minute).Unix() }
		}},
		{name: "wrong at_hash", setup: func(op *hostileOP) {
			op.claims = func(c map[string]any, _ string) { c["at_hash"] = atHash("some other access token") }
		}},
		{name: "right at_hash", ok: true, setup: func(op *hostileOP) {
			op.claims = func(c map[string]any, at string) { c["at_hash"] = atHash(at) }
		}},
		{name: "HS256 with an oct key from the JWKS", setup: func(op *hostileOP) {
			op.discoveryEdit = func(d map[string]any) { d["id_token_signing_alg_values_supported"] = []string{"RS256", "HS256"} }
			op.jwksExtra = []jose.JSONWebKey{{Key: hmacKey, KeyID: "hs", Use: "sig"}}
			op.sign = func(c map[string]any) string {
				return signJWS(op.t, jose.HS256, jose.JSONWebKey{Key: hmacKey, KeyID: "hs"}, c)
			}
		}},
		{name: "HS256 with the oct key, and a client secret configured", secret: "CLIENT-SECRET-hs-0123456789abcdefghijklmnop", setup: func(op *hostileOP) {
			op.discoveryEdit = func(d map[string]any) { d["id_token_signing_alg_values_supported"] = []string{"RS256", "HS256"} }
			op.jwksExtra = []jose.JSONWebKey{{Key: hmacKey, KeyID: "hs", Use: "sig"}}
			op.sign = func(c map[string]any) string {
				return signJWS(op.t, jose.HS256, jose.JSONWebKey{Key: hmacKey, KeyID: "hs"}, c)
			}
		}},
		{name: "HS256 with the client secret, not documented", secret: "CLIENT-SECRET-hs-0123456789abcdefghijklmnop", setup: func(op *hostileOP) {
			op.sign = func(c map[string]any) string {
				return signJWS(op.t, jose.HS256, jose.JSONWebKey{Key: []byte("CLIENT-SECRET-hs-0123456789abcdefghijklmnop")}, c)
			}
		}},
		{name: "HS256 with the client secret, documented", ok: true, secret: "CLIENT-SECRET-hs-0123456789abcdefghijklmnop", setup: func(op *hostileOP) {
			op.discoveryEdit = func(d map[string]any) { d["id_token_signing_alg_values_supported"] = []string{"RS256", "HS256"} }
			op.sign = func(c map[string]any) string {
				return signJWS(op.t, jose.HS256, jose.JSONWebKey{Key: []byte("CLIENT-SECRET-hs-0123456789abcdefghijklmnop")}, c)
			}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			op := newHostileOP(t, true)
			tc.setup(op)
			extra := ""
			if tc.secret != "" {
				extra = "client_secret = \"" + tc.secret + "\"\n"
			}
			e.writeConfig(op.config("evil", extra))
			t.Cleanup(func() { e.run("logout", "evil") })
			r := e.run("login", "evil")
			if tc.ok {
				if r.code != 0 {
					t.Fatalf("a well-formed ID token was refused:\n%s\n%s", r.stdout, r.stderr)
				}
				return
			}
			assertOneLineError(t, r, "ID token")
			if st := e.run("status", "evil"); !strings.Contains(st.stdout, "signed out") {
				t.Fatalf("a refused sign-in stored a session:\n%s\n%s", st.stdout, st.stderr)
			}
		})
	}
}
