package idp

import (
	"crypto"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/pem"
	"fmt"

	jose "github.com/go-jose/go-jose/v4"
)

// signingKey is the provider's RS256 key. It serves both as op.SigningKey
// (private half) and, through publicKey, as op.Key for the JWKS.
type signingKey struct {
	id      string
	private *rsa.PrivateKey
}

// newSigningKey generates a fresh 2048-bit RSA key.
func newSigningKey() (*signingKey, error) {
	priv, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, fmt.Errorf("idp: generate RSA signing key: %w", err)
	}
	return keyFromPrivate(priv)
}

// keyFromPrivate wraps priv; its key ID is the RFC 7638 thumbprint of the
// public key, so it stays the same for the same key across restarts.
func keyFromPrivate(priv *rsa.PrivateKey) (*signingKey, error) {
	jwk := jose.JSONWebKey{Key: &priv.PublicKey}
	thumb, err := jwk.Thumbprint(crypto.SHA256)
	if err != nil {
		return nil, fmt.Errorf("idp: compute signing key thumbprint: %w", err)
	}
	return &signingKey{id: base64.RawURLEncoding.EncodeToString(thumb), private: priv}, nil
}

// marshalPEM encodes the private key as PKCS#8 PEM.
func (k *signingKey) marshalPEM() (string, error) {
	der, err := x509.MarshalPKCS8PrivateKey(k.private)
	if err != nil {
		return "", fmt.Errorf("idp: encode signing key: %w", err)
	}
	return string(pem.EncodeToMemory(&pem.Block{Type: "PRIVATE KEY", Bytes: der})), nil
}

// parseSigningKeyPEM decodes a PKCS#8 PEM RSA private key.
func parseSigningKeyPEM(s string) (*signingKey, error) {
	block, _ := pem.Decode([]byte(s))
	if block == nil || block.Type != "PRIVATE KEY" {
		return nil, fmt.Errorf("signing_key is not a PEM \"PRIVATE KEY\" block")
	}
	parsed, err := x509.ParsePKCS8PrivateKey(block.Bytes)
	if err != nil {
		return nil, fmt.Errorf("parse signing_key: %w", err)
	}
	priv, ok := parsed.(*rsa.PrivateKey)
	if !ok {
		return nil, fmt.Errorf("signing_key is %T, want an RSA key", parsed)
	}
	if priv.N.BitLen() < 2048 {
		return nil, fmt.Errorf("signing_key is %d bits, want at least 2048", priv.N.BitLen())
	}
	return keyFromPrivate(priv)
}

// SignatureAlgorithm implements op.SigningKey.
func (k *signingKey) SignatureAlgorithm() jose.SignatureAlgorithm { return jose.RS256 }

// Key implements op.SigningKey: the private key.
func (k *signingKey) Key() any { return k.private }

// ID implements op.SigningKey.
func (k *signingKey) ID() string { return k.id }

// publicKey is the public half of a signingKey as an op.Key for the JWKS.
type publicKey struct{ k *signingKey }

// ID implements op.Key.
func (p publicKey) ID() string { return p.k.id }

// Algorithm implements op.Key.
func (p publicKey) Algorithm() jose.SignatureAlgorithm { return jose.RS256 }

// Use implements op.Key.
func (p publicKey) Use() string { return "sig" }

// Key implements op.Key: the public key.
func (p publicKey) Key() any { return &p.k.private.PublicKey }
