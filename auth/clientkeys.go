package auth

import (
	"errors"
	"fmt"

	"oauthdesk/auth/clientauth"
)

// ClientKeyAlgs are the algorithms GenerateClientKey can make keys for.
var ClientKeyAlgs = clientauth.KeyAlgs

// ErrNoClientKey means no private_key_jwt key is stored for the provider.
var ErrNoClientKey = errors.New("no client key is stored")

// GenerateClientKey makes a new private_key_jwt key for provider id (RS256
// when alg is ""), keeps it in the store (the keyring), replacing any
// earlier one, and returns its public JWK, to register at the provider.
func (e *Engine) GenerateClientKey(id, alg string) ([]byte, error) {
	if alg == "" {
		alg = "RS256"
	}
	k, err := clientauth.GenerateKey(alg)
	if err != nil {
		return nil, err
	}
	return e.saveClientKey(id, k)
}

// ImportClientKey keeps a private key (PEM or JWK) as provider id's
// private_key_jwt key and returns its public JWK.
func (e *Engine) ImportClientKey(id string, data []byte) ([]byte, error) {
	k, err := clientauth.ParseKey(data)
	if err != nil {
		return nil, err
	}
	return e.saveClientKey(id, k)
}

// saveClientKey stores k for id.
func (e *Engine) saveClientKey(id string, k *clientauth.Key) ([]byte, error) {
	if _, err := e.Provider(id); err != nil {
		return nil, err
	}
	raw, err := k.Marshal()
	if err != nil {
		return nil, err
	}
	if err := e.store.Save(clientKeyKey(id), raw); err != nil {
		return nil, fmt.Errorf("saving %s's client key: %w", id, err)
	}
	return k.PublicJWK()
}

// ClientKeyPublic returns the public JWK of provider id's stored key.
func (e *Engine) ClientKeyPublic(id string) ([]byte, error) {
	raw, err := e.store.Load(clientKeyKey(id))
	if errors.Is(err, ErrNotFound) {
		return nil, fmt.Errorf("%s: %w (make one with oauthdesk key %s --generate)", id, ErrNoClientKey, id)
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s's client key: %w", id, err)
	}
	k, err := clientauth.ParseKey(raw)
	if err != nil {
		return nil, fmt.Errorf("%s's stored client key: %w", id, err)
	}
	return k.PublicJWK()
}

// DeleteClientKey forgets provider id's client key.
func (e *Engine) DeleteClientKey(id string) error {
	if err := e.store.Delete(clientKeyKey(id)); err != nil {
		return fmt.Errorf("forgetting %s's client key: %w", id, err)
	}
	return nil
}
