// Package idtoken holds the checks of an OpenID Connect ID token that
// OpenID Connect Core §3.1.3.7 asks for beyond what go-oidc does (go-oidc
// checks the signature, iss, aud containing the client, exp and nbf):
//
//   - which signing algorithms are acceptable (Algorithms): asymmetric
//     ones the provider documents; HS256/384/512 only when the person
//     configured a client secret and the provider documents the algorithm,
//     and then verified with that secret (§10.1), never with a symmetric
//     key published in the JWKS (KeySet);
//   - azp: with several audiences it must be present and be our client_id,
//     and when present it must be our client_id (items 4–5);
//   - iat: not further in the future than IATLeeway (item 10);
//   - at_hash: when present it must match the access token (§3.1.3.8,
//     §3.2.2.9).
//
// It knows nothing of the engine; the caller wraps the errors.
package idtoken

import (
	"context"
	"crypto/sha256"
	"crypto/sha512"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"hash"
	"slices"
	"strings"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	jose "github.com/go-jose/go-jose/v4"
)

// IATLeeway is how far in the future an ID token's iat may be: clocks
// differ by a few minutes (go-oidc allows nbf the same).
const IATLeeway = 5 * time.Minute

// hmacAlgs are the symmetric algorithms, keyed by the client secret.
var hmacAlgs = []string{"HS256", "HS384", "HS512"}

// asymmetricAlgs are the public-key algorithms an ID token may use
// ("Ed25519" is RFC 9864's name for EdDSA with Ed25519).
var asymmetricAlgs = []string{"RS256", "RS384", "RS512", "ES256", "ES384", "ES512", "PS256", "PS384", "PS512", "EdDSA", "Ed25519"}

// Algorithms returns the signing algorithms to accept, from those the
// provider documents (id_token_signing_alg_values_supported): the
// asymmetric ones, plus the HMAC ones only when haveSecret. Never "none".
// An empty documented list means RS256, the one OIDC requires.
func Algorithms(documented []string, haveSecret bool) []string {
	if len(documented) == 0 {
		documented = []string{"RS256"}
	}
	var out []string
	for _, a := range documented {
		if slices.Contains(asymmetricAlgs, a) || haveSecret && slices.Contains(hmacAlgs, a) {
			out = append(out, a)
		}
	}
	return out
}

// KeySet verifies an ID token's signature: an HMAC one with the client
// secret (OIDC Core §10.1: the octets of its UTF-8 form), any other with
// the provider's JWKS.
type KeySet struct {
	// Remote is the provider's JWKS.
	Remote oidc.KeySet
	// Secret is the client secret; nil means HMAC tokens are refused.
	Secret []byte
}

// VerifySignature returns the payload of jwt once its signature checks.
func (k *KeySet) VerifySignature(ctx context.Context, jwt string) ([]byte, error) {
	all := make([]jose.SignatureAlgorithm, 0, len(asymmetricAlgs)+len(hmacAlgs))
	for _, a := range append(slices.Clone(asymmetricAlgs), hmacAlgs...) {
		all = append(all, jose.SignatureAlgorithm(a))
	}
	jws, err := jose.ParseSigned(jwt, all)
	if err != nil {
		return nil, fmt.Errorf("malformed jwt: %v", err)
	}
	if len(jws.Signatures) != 1 {
		return nil, errors.New("the ID token must carry exactly one signature")
	}
	if alg := jws.Signatures[0].Header.Algorithm; slices.Contains(hmacAlgs, alg) {
		if len(k.Secret) == 0 {
			return nil, fmt.Errorf("it is signed with %s, a shared-secret algorithm, and no client secret is configured", alg)
		}
		payload, err := jws.Verify(k.Secret)
		if err != nil {
			return nil, fmt.Errorf("its %s signature does not match the client secret: %v", alg, err)
		}
		return payload, nil
	}
	return k.Remote.VerifySignature(ctx, jwt)
}

// Claims are the claims CheckClaims looks at.
type Claims struct {
	// Audience is aud (a string or a list, as a list).
	Audience []string
	// AuthorizedParty is azp.
	AuthorizedParty string
	// IssuedAt is iat; zero when absent.
	IssuedAt time.Time
	// AccessTokenHash is at_hash.
	AccessTokenHash string
	// Algorithm is the signature's alg, for at_hash.
	Algorithm string
}

// CheckClaims applies the azp, iat and at_hash rules to a token whose
// signature, iss, aud and exp already checked. accessToken is the access
// token issued with it ("" skips at_hash).
func CheckClaims(c Claims, clientID, accessToken string, now time.Time) error {
	if len(c.Audience) > 1 && c.AuthorizedParty == "" {
		return fmt.Errorf("it names several audiences (%s) but no azp saying which one it was issued to", strings.Join(c.Audience, ", "))
	}
	if c.AuthorizedParty != "" && c.AuthorizedParty != clientID {
		return fmt.Errorf("it was issued to another client (azp %q, not our client_id %q)", c.AuthorizedParty, clientID)
	}
	if !c.IssuedAt.IsZero() && c.IssuedAt.After(now.Add(IATLeeway)) {
		return fmt.Errorf("it says it was issued at %s, in the future (more than %s ahead of this machine's clock)", c.IssuedAt.UTC().Format(time.RFC3339), IATLeeway)
	}
	if c.AccessTokenHash != "" && accessToken != "" {
		want, err := atHash(c.Algorithm, accessToken)
		if err != nil {
			return err
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(c.AccessTokenHash)) != 1 {
			return errors.New("its at_hash does not match the access token it came with (a substituted access token)")
		}
	}
	return nil
}

// atHash is the at_hash of accessToken for a token signed with alg: the
// left half of the hash the algorithm uses, base64url without padding.
func atHash(alg, accessToken string) (string, error) {
	var h hash.Hash
	switch {
	case alg == "EdDSA" || alg == "Ed25519":
		h = sha512.New()
	case strings.HasSuffix(alg, "256"):
		h = sha256.New()
	case strings.HasSuffix(alg, "384"):
		h = sha512.New384()
	case strings.HasSuffix(alg, "512"):
		h = sha512.New()
	default:
		return "", fmt.Errorf("its at_hash cannot be checked for the algorithm %q", alg)
	}
	h.Write([]byte(accessToken))
	sum := h.Sum(nil)
	return base64.RawURLEncoding.EncodeToString(sum[:len(sum)/2]), nil
}
