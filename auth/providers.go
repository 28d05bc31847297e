package auth

import (
	"context"
	"errors"
	"fmt"

	"oauthdesk/auth/provider"
)

// Providers lists the providers: the built-in demo first, then the file's.
func (e *Engine) Providers() []Provider {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []Provider
	if e.opts.Demo != nil {
		out = append(out, provider.Demo(e.opts.Demo.Issuer))
	}
	for _, p := range e.cfg.Providers {
		out = append(out, p.WithPreset())
	}
	return out
}

// Presets lists the built-in presets.
func (e *Engine) Presets() []Provider { return provider.Presets() }

// Provider finds a provider by ID, presets applied.
func (e *Engine) Provider(id string) (Provider, error) {
	if id == DemoID && e.opts.Demo != nil {
		return provider.Demo(e.opts.Demo.Issuer), nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if p, ok := e.cfg.Provider(id); ok {
		return p, nil
	}
	return Provider{}, fmt.Errorf("%w %q: it is not in %s (oauthdesk providers lists the configured ones)", ErrUnknownProvider, id, e.cfg.Path)
}

// CheckProvider validates p and, when it has an issuer, runs discovery, so
// that a form can refuse a provider that would not work.
func (e *Engine) CheckProvider(ctx context.Context, p Provider) error {
	if err := provider.ValidateProvider(p); err != nil {
		return err
	}
	r := p.WithPreset()
	if r.IsOIDC() {
		if _, err := e.discover(ctx, "", r.Issuer, r.Quirks.TenantIssuer); err != nil {
			return err
		}
	}
	return nil
}

// SaveProvider adds or replaces p in the providers file, merged into the
// file as it is on disk now (provider.UpsertProvider); a non-empty secret
// then goes to the store, not the file. A file with a mistake is not
// written.
func (e *Engine) SaveProvider(p Provider, secret string) error {
	return e.saveProvider(p, secret, provider.UpsertProvider)
}

// AddProvider is SaveProvider for a new provider only: when the file on
// disk already has p's ID, it fails with ErrProviderExists and changes
// nothing (the check is made under the file's lock).
func (e *Engine) AddProvider(p Provider, secret string) error {
	return e.saveProvider(p, secret, provider.AddProvider)
}

// saveProvider writes p with write, then keeps the secret.
func (e *Engine) saveProvider(p Provider, secret string, write func(string, Provider) (*provider.Config, error)) error {
	if err := provider.ValidateProvider(p); err != nil {
		return err
	}
	cfg, err := write(e.ConfigPath(), p)
	if err != nil {
		return err
	}
	e.setConfig(cfg)
	if secret != "" {
		if err := e.SetClientSecret(p.ID, secret); err != nil {
			return fmt.Errorf("%s is saved in %s, but its client secret is not: %w", p.ID, cfg.Path, err)
		}
	}
	return nil
}

// RemoveProvider deletes a provider from the file (the rest of the file
// stays as it is) and forgets its sessions and client secret; a client
// registration that Connect made is deleted at the server too (RFC 7592),
// as RemoveProviderAndRegistration does.
func (e *Engine) RemoveProvider(id string) error {
	ctx, cancel := context.WithTimeout(context.Background(), e.client.Timeout)
	defer cancel()
	_, err := e.RemoveProviderAndRegistration(ctx, id)
	var re *RegistrationLeftError
	if errors.As(err, &re) {
		return nil // the provider is gone; the window has no use for the rest
	}
	return err
}

// RegistrationLeftError means the provider was removed, but its client
// registration could not be deleted at the server.
type RegistrationLeftError struct {
	// URI is the registration's URI; Err says why it is left.
	URI string
	Err error
}

func (e *RegistrationLeftError) Error() string {
	return fmt.Sprintf("the client registration at %s is left at the server: %v", e.URI, e.Err)
}

func (e *RegistrationLeftError) Unwrap() error { return e.Err }

// RemoveProviderAndRegistration is RemoveProvider that says what became
// of the provider's client registration: the URI deleted at the server
// (RFC 7592 §2.3), "" when there was none, or a *RegistrationLeftError
// when the server did not delete it (the provider is removed all the same).
func (e *Engine) RemoveProviderAndRegistration(ctx context.Context, id string) (string, error) {
	if err := e.removeProvider(id); err != nil {
		return "", err
	}
	uri, err := e.DeleteRegistration(ctx, id, true)
	if err != nil {
		return "", &RegistrationLeftError{URI: uri, Err: err}
	}
	return uri, nil
}

// removeProvider deletes the provider from the file and its secrets.
func (e *Engine) removeProvider(id string) error {
	cfg, err := provider.RemoveProviderFromFile(e.ConfigPath(), id)
	if err != nil {
		return err
	}
	e.setConfig(cfg)
	accounts, _ := e.Accounts(context.Background(), id)
	for _, a := range accounts {
		_ = e.store.Delete(accountKey(id, a.Label))
	}
	_ = e.store.Delete(indexKey(id))
	if err := e.store.Delete(tokenKey(id)); err != nil {
		return fmt.Errorf("forgetting %s's session: %w", id, err)
	}
	if err := e.store.Delete(clientKeyKey(id)); err != nil {
		return fmt.Errorf("forgetting %s's client key: %w", id, err)
	}
	if err := e.store.Delete(secretKey(id)); err != nil {
		return fmt.Errorf("forgetting %s's client secret: %w", id, err)
	}
	return nil
}
