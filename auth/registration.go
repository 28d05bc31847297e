package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"

	"oauthdesk/auth/dynreg"
	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/sanitize"
	"oauthdesk/auth/provider"
)

// Client registrations that Connect made (RFC 7591), kept so that
// removing the provider can delete them at the server (RFC 7592).

// registrationKey is the store key of a provider's registration.
func registrationKey(id string) string { return "registration:" + id }

// storedRegistration is what the store keeps: the registration's URI and
// access token, both secret enough to stay out of files.
type storedRegistration struct {
	ClientURI   string `json:"registration_client_uri"`
	AccessToken string `json:"registration_access_token"`
}

// register registers p's loopback redirect as a native public client at
// md's registration endpoint (RFC 7591 §3.1), with token_endpoint_auth_method
// none unless the server allows only methods with a secret.
func (e *Engine) register(ctx context.Context, p Provider, md *provider.Metadata) (*dynreg.Registration, error) {
	if md.RegistrationEndpoint == "" {
		return nil, fmt.Errorf("%w: %s names no registration_endpoint; register oauthdesk there yourself and pass its client ID (--client-id)", ErrNoRegistration, sanitize.URL(md.Source))
	}
	method := "none"
	if m := md.TokenEndpointAuthMethodsSupported; len(m) > 0 && !slices.Contains(m, "none") {
		switch {
		case slices.Contains(m, "client_secret_basic"):
			method = "client_secret_basic"
		case slices.Contains(m, "client_secret_post"):
			method = "client_secret_post"
		}
	}
	rctx := flowlog.WithStep(ctx, p.ID, "registration", "Register oauthdesk as a native public client with a loopback redirect URI (RFC 7591 §3.1, RFC 8252 §7.3, §8.4)")
	reg, err := dynreg.Register(rctx, e.client, md.RegistrationEndpoint, dynreg.Native([]string{p.RedirectURI(0)}, method), "")
	if err != nil {
		var de *dynreg.Error
		if errors.As(err, &de) {
			return nil, fmt.Errorf("%w: %w", ErrRegistrationRefused, err)
		}
		return nil, err
	}
	if reg.TokenEndpointAuthMethod == "" {
		reg.TokenEndpointAuthMethod = method
	}
	return reg, nil
}

// saveConnected adds p to the file (refusing an ID already there) and
// keeps the registration's secrets in the store.
func (e *Engine) saveConnected(p Provider, reg *dynreg.Registration) error {
	secret := ""
	if reg != nil {
		secret = reg.ClientSecret
	}
	if err := e.AddProvider(p, secret); err != nil {
		return err
	}
	if reg == nil || !reg.Manageable() {
		return nil
	}
	b, _ := json.Marshal(storedRegistration{ClientURI: reg.RegistrationClientURI, AccessToken: reg.RegistrationAccessToken})
	if err := e.store.Save(registrationKey(p.ID), b); err != nil {
		return fmt.Errorf("%s is saved in %s, but its registration's access token is not (it cannot be deleted at the server later): %w", p.ID, e.ConfigPath(), err)
	}
	return nil
}

// HasRegistration reports whether oauthdesk keeps a client registration
// for provider id that it can delete at the server (RFC 7592).
func (e *Engine) HasRegistration(id string) bool {
	_, err := e.store.Load(registrationKey(id))
	return err == nil
}

// DeleteRegistration deletes the client registration Connect made for
// provider id at the server (RFC 7592 §2.3) and forgets it. It returns
// the URI deleted, or "" when none is kept. A server that does not
// support deletion is dynreg.ErrNotSupported; the registration is then
// forgotten all the same only when forget is true.
func (e *Engine) DeleteRegistration(ctx context.Context, id string, forget bool) (string, error) {
	b, err := e.store.Load(registrationKey(id))
	if errors.Is(err, ErrNotFound) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("reading %s's client registration: %w", id, err)
	}
	var sr storedRegistration
	if err := json.Unmarshal(b, &sr); err != nil {
		_ = e.store.Delete(registrationKey(id))
		return "", fmt.Errorf("%s's stored client registration is unreadable; forgot it", id)
	}
	dctx := flowlog.WithStep(ctx, id, "registration", "Delete oauthdesk's client registration at the server with its registration access token (RFC 7592 §2.3)")
	derr := dynreg.Delete(dctx, e.client, sr.ClientURI, sr.AccessToken)
	if derr == nil || forget {
		if err := e.store.Delete(registrationKey(id)); err != nil && derr == nil {
			return sr.ClientURI, fmt.Errorf("deleted the registration at %s, but forgetting it: %w", sanitize.URL(sr.ClientURI), err)
		}
	}
	return sanitize.URL(sr.ClientURI), derr
}
