package clientauth

import (
	"crypto"
	"crypto/ecdsa"
	"crypto/ed25519"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"strings"

	"github.com/go-jose/go-jose/v4"
)

// ErrBadKey means a client key could not be read or used.
var ErrBadKey = errors.New("the client key cannot be used")

// KeyAlgs are the signature algorithms a generated or imported client key
// can use for private_key_jwt.
var KeyAlgs = []string{"RS256", "PS256", "ES256", "ES384", "ES512", "EdDSA"}

// Key is a client's private key for private_key_jwt (and for signing
// request objects), with its algorithm and key ID.
type Key struct {
	jwk jose.JSONWebKey // private
}

// GenerateKey makes a new key for alg: RS256 and PS256 get RSA 2048,
// ES256/384/512 the matching curve, EdDSA Ed25519. Its key ID is its
// RFC 7638 thumbprint.
func GenerateKey(alg string) (*Key, error) {
	var priv crypto.Signer
	var err error
	switch alg {
	case "RS256", "PS256":
		priv, err = rsa.GenerateKey(rand.Reader, 2048)
	case "ES256":
		priv, err = ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	case "ES384":
		priv, err = ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	case "ES512":
		priv, err = ecdsa.GenerateKey(elliptic.P521(), rand.Reader)
	case "EdDSA":
		_, priv, err = ed25519.GenerateKey(rand.Reader)
	default:
		return nil, fmt.Errorf("%w: algorithm %q is not one of %s", ErrBadKey, alg, strings.Join(KeyAlgs, ", "))
	}
	if err != nil {
		return nil, fmt.Errorf("generating a %s key: %w", alg, err)
	}
	return newKey(priv, alg, "")
}

// ParseKey reads a private key: a JWK (JSON object), or PEM (PKCS #8,
// SEC 1 "EC PRIVATE KEY", PKCS #1 "RSA PRIVATE KEY"). The algorithm is the
// JWK's alg, else the key type's default (RSA RS256, P-256 ES256, P-384
// ES384, P-521 ES512, Ed25519 EdDSA). A public key is refused.
func ParseKey(data []byte) (*Key, error) {
	s := strings.TrimSpace(string(data))
	switch {
	case strings.HasPrefix(s, "{"):
		var jwk jose.JSONWebKey
		if err := jwk.UnmarshalJSON([]byte(s)); err != nil {
			return nil, fmt.Errorf("%w: not a JWK: %v", ErrBadKey, err)
		}
		if jwk.IsPublic() {
			return nil, fmt.Errorf("%w: the JWK is a public key; the private key is needed to sign (register the public one at the provider)", ErrBadKey)
		}
		signer, ok := jwk.Key.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%w: a %T JWK cannot sign", ErrBadKey, jwk.Key)
		}
		return newKey(signer, jwk.Algorithm, jwk.KeyID)
	case strings.HasPrefix(s, "-----BEGIN"):
		block, _ := pem.Decode([]byte(s))
		if block == nil {
			return nil, fmt.Errorf("%w: the PEM block cannot be read", ErrBadKey)
		}
		var priv any
		var err error
		switch block.Type {
		case "PRIVATE KEY":
			priv, err = x509.ParsePKCS8PrivateKey(block.Bytes)
		case "EC PRIVATE KEY":
			priv, err = x509.ParseECPrivateKey(block.Bytes)
		case "RSA PRIVATE KEY":
			priv, err = x509.ParsePKCS1PrivateKey(block.Bytes)
		case "PUBLIC KEY", "RSA PUBLIC KEY", "CERTIFICATE":
			return nil, fmt.Errorf("%w: the PEM holds a %s; the private key is needed to sign", ErrBadKey, strings.ToLower(block.Type))
		default:
			return nil, fmt.Errorf("%w: PEM type %q is not a private key", ErrBadKey, block.Type)
		}
		if err != nil {
			return nil, fmt.Errorf("%w: %v", ErrBadKey, err)
		}
		signer, ok := priv.(crypto.Signer)
		if !ok {
			return nil, fmt.Errorf("%w: a %T cannot sign", ErrBadKey, priv)
		}
		return newKey(signer, "", "")
	}
	return nil, fmt.Errorf("%w: it is neither a JWK (JSON) nor a PEM private key", ErrBadKey)
}

// newKey wraps a signer, filling in the algorithm and key ID.
func newKey(priv crypto.Signer, alg, kid string) (*Key, error) {
	def := ""
	switch k := priv.(type) {
	case *rsa.PrivateKey:
		if k.N.BitLen() < 2048 {
			return nil, fmt.Errorf("%w: an RSA key of %d bits is too short (2048 at least)", ErrBadKey, k.N.BitLen())
		}
		def = "RS256"
		if alg != "" && alg != "RS256" && alg != "RS384" && alg != "RS512" && alg != "PS256" && alg != "PS384" && alg != "PS512" {
			return nil, fmt.Errorf("%w: alg %s does not fit an RSA key", ErrBadKey, alg)
		}
	case *ecdsa.PrivateKey:
		def = map[string]string{"P-256": "ES256", "P-384": "ES384", "P-521": "ES512"}[k.Curve.Params().Name]
		if def == "" {
			return nil, fmt.Errorf("%w: curve %s is not supported", ErrBadKey, k.Curve.Params().Name)
		}
		if alg != "" && alg != def {
			return nil, fmt.Errorf("%w: alg %s does not fit a %s key (%s)", ErrBadKey, alg, k.Curve.Params().Name, def)
		}
	case ed25519.PrivateKey:
		def = "EdDSA"
		if alg == "Ed25519" {
			alg = "EdDSA"
		}
		if alg != "" && alg != def {
			return nil, fmt.Errorf("%w: alg %s does not fit an Ed25519 key (EdDSA)", ErrBadKey, alg)
		}
	default:
		return nil, fmt.Errorf("%w: %T keys are not supported", ErrBadKey, priv)
	}
	if alg == "" {
		alg = def
	}
	jwk := jose.JSONWebKey{Key: priv, Algorithm: alg, Use: "sig", KeyID: kid}
	if kid == "" {
		pub := jwk.Public()
		tp, err := pub.Thumbprint(crypto.SHA256)
		if err != nil {
			return nil, fmt.Errorf("%w: thumbprint: %v", ErrBadKey, err)
		}
		jwk.KeyID = base64.RawURLEncoding.EncodeToString(tp)
	}
	return &Key{jwk: jwk}, nil
}

// Alg is the key's signature algorithm (RS256, ES256, …).
func (k *Key) Alg() string { return k.jwk.Algorithm }

// KeyID is the key's kid.
func (k *Key) KeyID() string { return k.jwk.KeyID }

// Marshal encodes the private key as a JWK, for the keyring.
func (k *Key) Marshal() ([]byte, error) {
	b, err := k.jwk.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("encoding the client key: %w", err)
	}
	return b, nil
}

// PublicJWK is the public half as a JWK (kid, alg, use), to register at
// the provider.
func (k *Key) PublicJWK() ([]byte, error) {
	pub := k.jwk.Public()
	b, err := pub.MarshalJSON()
	if err != nil {
		return nil, fmt.Errorf("encoding the public JWK: %w", err)
	}
	return b, nil
}

// PublicJWKS is the public JWK wrapped as a JWK Set ({"keys":[…]}), the
// shape a provider's jwks field takes.
func (k *Key) PublicJWKS() ([]byte, error) {
	pub, err := k.PublicJWK()
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string][]json.RawMessage{"keys": {pub}})
}

// signingKey is the key in go-jose's terms.
func (k *Key) signingKey() jose.SigningKey {
	return jose.SigningKey{Algorithm: jose.SignatureAlgorithm(k.jwk.Algorithm), Key: k.jwk}
}
