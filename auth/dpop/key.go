// Package dpop makes DPoP proofs (RFC 9449): a per-session ES256 key,
// proofs for token requests and for resource requests (with ath, the
// access token's hash), the server-supplied nonce and its one retry, and
// the checks of a bound token (cnf.jkt).
//
// The key's private part is kept by the engine beside the session's tokens
// (in the keyring); Marshal and Parse move it in and out. A new sign-in
// makes a new key.
package dpop

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// Alg is the proof signature algorithm.
const Alg = "ES256"

// ErrBadKey means a stored DPoP key cannot be read.
var ErrBadKey = errors.New("the stored DPoP key cannot be read")

// Key is a session's DPoP key (P-256).
type Key struct {
	priv *ecdsa.PrivateKey
	jkt  string
}

// Generate makes a new key.
func Generate() (*Key, error) {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, fmt.Errorf("generating a DPoP key: %w", err)
	}
	return fromPrivate(priv)
}

// fromPrivate computes the thumbprint.
func fromPrivate(priv *ecdsa.PrivateKey) (*Key, error) {
	pub := jose.JSONWebKey{Key: &priv.PublicKey}
	tp, err := pub.Thumbprint(crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("DPoP key thumbprint: %w", err)
	}
	return &Key{priv: priv, jkt: base64.RawURLEncoding.EncodeToString(tp)}, nil
}

// Parse reads a key written by Marshal.
func Parse(data []byte) (*Key, error) {
	var jwk jose.JSONWebKey
	if err := jwk.UnmarshalJSON(data); err != nil {
		return nil, fmt.Errorf("%w: %v", ErrBadKey, err)
	}
	priv, ok := jwk.Key.(*ecdsa.PrivateKey)
	if !ok || priv.Curve != elliptic.P256() {
		return nil, fmt.Errorf("%w: not a P-256 private key", ErrBadKey)
	}
	return fromPrivate(priv)
}

// Marshal encodes the private key as a JWK.
func (k *Key) Marshal() ([]byte, error) {
	return jose.JSONWebKey{Key: k.priv, Algorithm: Alg}.MarshalJSON()
}

// Thumbprint is the key's RFC 7638 SHA-256 thumbprint, base64url: the
// dpop_jkt of the authorization request and the jkt of a bound token's cnf.
func (k *Key) Thumbprint() string { return k.jkt }

// HTU is a proof's htu for u: the URL without its query and fragment
// (RFC 9449 §4.2).
func HTU(u *url.URL) string {
	c := *u
	c.RawQuery, c.Fragment, c.RawFragment, c.ForceQuery = "", "", "", false
	c.User = nil
	return c.String()
}

// Proof is a fresh proof for one request: typ dpop+jwt, the public key in
// the header, a random jti, htm, htu (HTU of target), iat now; nonce when
// the server gave one; ath (the access token's SHA-256) when one is sent
// with it (RFC 9449 §4.2).
func (k *Key) Proof(method, target, nonce, accessToken string, now time.Time) (string, error) {
	u, err := url.Parse(target)
	if err != nil {
		return "", fmt.Errorf("DPoP proof for %q: %w", target, err)
	}
	claims := map[string]any{"jti": randomID(), "htm": strings.ToUpper(method), "htu": HTU(u), "iat": now.Unix()}
	if nonce != "" {
		claims["nonce"] = nonce
	}
	if accessToken != "" {
		h := sha256.Sum256([]byte(accessToken))
		claims["ath"] = base64.RawURLEncoding.EncodeToString(h[:])
	}
	opts := (&jose.SignerOptions{EmbedJWK: true}).WithType("dpop+jwt")
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: k.priv}, opts)
	if err != nil {
		return "", fmt.Errorf("DPoP proof: %w", err)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("DPoP proof: %w", err)
	}
	jws, err := s.Sign(payload)
	if err != nil {
		return "", fmt.Errorf("signing the DPoP proof: %w", err)
	}
	return jws.CompactSerialize()
}

// randomID is 128 random bits, base64url.
func randomID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}
