// Package jwtverify checks the signature of JWTs a provider signs for the
// client — ID tokens and signed userinfo answers (OpenID Connect Core
// §3.1.3.7, §5.3.2) — against the provider's published keys (JWKS).
//
// It covers RS256/384/512, PS256/384/512, ES256/384/512 and EdDSA
// (Ed25519 keys), and the fully-specified name Ed25519 of RFC 9864, which
// go-jose and go-oidc do not know: a JWT with alg Ed25519 is verified here
// with crypto/ed25519 against the key its kid names, exactly as EdDSA
// with an Ed25519 key would be. Any other alg (none, HS*, an unknown name)
// is an *UnsupportedAlgError that names it, never a bare "failed to verify
// signature". KeySet plugs into go-oidc's verifier for everything else.
package jwtverify

import (
	"context"
	"crypto/ed25519"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"sync"

	"github.com/go-jose/go-jose/v4"

	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/sanitize"
)

// Supported are the signature algs this package verifies.
var Supported = []string{"RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA", Ed25519}

// Ed25519 is RFC 9864's fully-specified alg name for EdDSA with Ed25519.
const Ed25519 = "Ed25519"

// ErrUnsupportedAlg is what an *UnsupportedAlgError wraps.
var ErrUnsupportedAlg = errors.New("unsupported signature algorithm")

// UnsupportedAlgError names the alg of a JWT that will not be verified,
// and why.
type UnsupportedAlgError struct {
	// Alg is the JWT header's alg.
	Alg string
	// Why says why it is refused, for people.
	Why string
}

// Error names the alg and the reason.
func (e *UnsupportedAlgError) Error() string {
	return fmt.Sprintf("%v %q: %s", ErrUnsupportedAlg, sanitize.Text(e.Alg, 40), e.Why)
}

// Unwrap is ErrUnsupportedAlg.
func (e *UnsupportedAlgError) Unwrap() error { return ErrUnsupportedAlg }

// HeaderAlg reads a compact JWS's alg without verifying anything.
func HeaderAlg(raw string) (string, error) {
	h, _, ok := strings.Cut(raw, ".")
	if !ok {
		return "", errors.New("not a JWS (no dots)")
	}
	b, err := base64.RawURLEncoding.DecodeString(h)
	if err != nil {
		return "", errors.New("its header is not base64url")
	}
	var hdr struct {
		Alg string `json:"alg"`
	}
	if err := json.Unmarshal(b, &hdr); err != nil {
		return "", errors.New("its header is not JSON")
	}
	return hdr.Alg, nil
}

// CheckAlg is nil when alg is among accepted (the algs the caller will
// verify), else an *UnsupportedAlgError saying why not: unsigned, a
// shared-secret alg with no secret, an alg the provider does not document
// (documented, e.g. id_token_signing_alg_values_supported), or one
// oauthdesk does not implement.
func CheckAlg(alg string, accepted, documented []string, haveSecret bool) error {
	if slices.Contains(accepted, alg) {
		return nil
	}
	e := &UnsupportedAlgError{Alg: alg}
	switch {
	case alg == "":
		e.Why = "the JWT's header names no alg"
	case strings.EqualFold(alg, "none"):
		e.Why = "the JWT is unsigned, which is never accepted"
	case strings.HasPrefix(alg, "HS") && !haveSecret:
		e.Why = "a shared-secret algorithm, and no client secret is configured"
	case slices.Contains(Supported, alg) || strings.HasPrefix(alg, "HS"):
		e.Why = "the provider does not document it (it lists " + sanitize.Text(strings.Join(documented, ", "), 200) + ")"
	default:
		e.Why = "oauthdesk verifies " + strings.Join(Supported, ", ") + " (and HS256/384/512 with a client secret)"
	}
	return e
}

// Verifier checks a compact JWS and returns its payload; go-oidc's
// RemoteKeySet is one (oidc.KeySet).
type Verifier interface {
	VerifySignature(ctx context.Context, jwt string) ([]byte, error)
}

// KeySet verifies with Remote, except that an Ed25519-alg JWT is verified
// here against the JWKS at URI, fetched with Client (refetched once for an
// unknown kid). It is an oidc.KeySet. Label the ctx of VerifySignature to
// have the JWKS request recorded.
type KeySet struct {
	Remote Verifier
	Client *http.Client
	URI    string

	mu   sync.Mutex
	keys *jose.JSONWebKeySet
}

// VerifySignature checks jwt's signature and returns its payload.
func (k *KeySet) VerifySignature(ctx context.Context, jwt string) ([]byte, error) {
	alg, err := HeaderAlg(jwt)
	if err != nil {
		return nil, err
	}
	if alg != Ed25519 {
		return k.Remote.VerifySignature(ctx, jwt)
	}
	return k.verifyEd25519(ctx, jwt)
}

// verifyEd25519 checks an alg Ed25519 JWS (RFC 9864 §2.2: EdDSA with the
// Ed25519 curve; the signature is over the same signing input).
func (k *KeySet) verifyEd25519(ctx context.Context, jwt string) ([]byte, error) {
	parts := strings.Split(jwt, ".")
	if len(parts) != 3 {
		return nil, errors.New("not a compact JWS")
	}
	hdr, err := base64.RawURLEncoding.DecodeString(parts[0])
	if err != nil {
		return nil, errors.New("its header is not base64url")
	}
	var h struct {
		Kid string `json:"kid"`
	}
	_ = json.Unmarshal(hdr, &h)
	sig, err := base64.RawURLEncoding.DecodeString(parts[2])
	if err != nil {
		return nil, errors.New("its signature is not base64url")
	}
	payload, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return nil, errors.New("its payload is not base64url")
	}
	for attempt := 0; attempt < 2; attempt++ {
		keys, err := k.jwks(ctx, attempt > 0)
		if err != nil {
			return nil, err
		}
		found := false
		for _, key := range keys.Keys {
			pub, ok := key.Key.(ed25519.PublicKey)
			if !ok || (h.Kid != "" && key.KeyID != h.Kid) || (key.Use != "" && key.Use != "sig") {
				continue
			}
			found = true
			if ed25519.Verify(pub, []byte(parts[0]+"."+parts[1]), sig) {
				return payload, nil
			}
		}
		if found {
			return nil, errors.New("failed to verify signature: it does not match the provider's Ed25519 key")
		}
	}
	return nil, fmt.Errorf("failed to verify signature: the provider's keys (%s) have no Ed25519 key with kid %q", sanitize.URL(k.URI), sanitize.Text(h.Kid, 80))
}

// jwks returns the key set, fetched on first use or when refresh is set.
func (k *KeySet) jwks(ctx context.Context, refresh bool) (*jose.JSONWebKeySet, error) {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.keys != nil && !refresh {
		return k.keys, nil
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, k.URI, nil)
	if err != nil {
		return nil, fmt.Errorf("fetching the provider's keys: %w", err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := k.Client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetching the provider's keys from %s: %w", sanitize.URL(k.URI), err)
	}
	body, err := httplimit.ReadBody(resp)
	if err != nil {
		return nil, fmt.Errorf("fetching the provider's keys from %s: %w", sanitize.URL(k.URI), err)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching the provider's keys: %s answered HTTP %d", sanitize.URL(k.URI), resp.StatusCode)
	}
	// Keys are read one by one, so that one of a kind go-jose does not
	// know does not hide the others.
	var raw struct {
		Keys []json.RawMessage `json:"keys"`
	}
	if err := json.Unmarshal(body, &raw); err != nil {
		return nil, fmt.Errorf("the provider's keys at %s are not a JWK set: %v", sanitize.URL(k.URI), err)
	}
	set := &jose.JSONWebKeySet{}
	for _, r := range raw.Keys {
		var key jose.JSONWebKey
		if key.UnmarshalJSON(r) == nil {
			set.Keys = append(set.Keys, key)
		}
	}
	k.keys = set
	return k.keys, nil
}
