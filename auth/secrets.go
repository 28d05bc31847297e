package auth

import (
	"errors"
	"fmt"
)

// secretKey is the store key of a provider's client secret.
func secretKey(id string) string { return "secret:" + id }

// SetClientSecret keeps a provider's client secret in the store.
func (e *Engine) SetClientSecret(id, secret string) error {
	if secret == "" {
		return e.store.Delete(secretKey(id))
	}
	if err := e.store.Save(secretKey(id), []byte(secret)); err != nil {
		return fmt.Errorf("saving %s's client secret: %w", id, err)
	}
	return nil
}

// ClientSecretStored reports whether a client secret for provider id is
// kept in the store (the form shows "stored" without revealing it).
func (e *Engine) ClientSecretStored(id string) (bool, error) {
	_, err := e.store.Load(secretKey(id))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrNotFound):
		return false, nil
	default:
		return false, fmt.Errorf("reading %s's client secret: %w", id, err)
	}
}
