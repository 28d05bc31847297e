// Package ui is oauthdesk's desktop window, built with Fyne. It drives the
// engine only through the Backend interface below and never touches HTTP,
// OAuth libraries or the keyring itself. Every Backend call runs off the UI
// goroutine; results come back to widgets through fyne.Do.
package ui

import (
	"context"

	"oauthdesk/auth"
)

// Backend is what the window needs from the engine. *auth.Engine satisfies
// it; the tests use a fake.
type Backend interface {
	// Providers lists the configured providers, the built-in demo first.
	Providers() []auth.Provider
	// Presets lists the built-in presets, for the add-provider form.
	Presets() []auth.Provider
	// Status reports a provider's session without contacting the network.
	Status(ctx context.Context, id string) (auth.Status, error)
	// Login signs in through the system browser. It blocks until the
	// browser returns, ctx is canceled (Cancel), or it times out.
	Login(ctx context.Context, id string, opts auth.LoginOptions) (*auth.TokenSet, error)
	// Stored returns the stored token set without refreshing it.
	Stored(id string) (*auth.TokenSet, error)
	// Token returns a valid token set, refreshing it first if it expired.
	Token(ctx context.Context, id string) (*auth.TokenSet, error)
	// Refresh forces a refresh.
	Refresh(ctx context.Context, id string) (*auth.TokenSet, error)
	// Profile reads the profile from userinfo or the provider's profile API.
	Profile(ctx context.Context, id string) (*auth.Profile, error)
	// Logout revokes the tokens where the provider can, then forgets them.
	Logout(ctx context.Context, id string) error
	// FetchImage downloads an image (an avatar) with a size limit.
	FetchImage(ctx context.Context, url string) ([]byte, error)
	// CheckProvider validates a provider before it is saved, running
	// discovery when it has an issuer.
	CheckProvider(ctx context.Context, p auth.Provider) error
	// SaveProvider adds or replaces a provider in providers.toml; a
	// non-empty secret goes to the keyring.
	SaveProvider(p auth.Provider, secret string) error
	// RemoveProvider deletes a provider from providers.toml and forgets its
	// session and secret.
	RemoveProvider(id string) error
}
