package auth

import (
	"context"
	"errors"
)

// Stored returns the stored token set of a session, without refreshing it.
func (e *Engine) Stored(id string) (*TokenSet, error) {
	_, t, err := e.load(id)
	return t, err
}

// Status summarises a provider's session. It reads the store only.
func (e *Engine) Status(_ context.Context, id string) (Status, error) {
	if _, err := e.Provider(providerOf(id)); err != nil {
		return Status{}, err
	}
	t, err := e.Stored(id)
	if errors.Is(err, ErrNotSignedIn) {
		return statusOf(id, nil, e.now()), nil
	}
	if err != nil {
		return Status{ProviderID: id, Scopes: []string{}}, err
	}
	return statusOf(id, t, e.now()), nil
}
