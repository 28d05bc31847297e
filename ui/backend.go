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
//
// A session id is "PROVIDER" (the provider's active account) or
// "PROVIDER/ACCOUNT-LABEL" (one account); the window keys its sessions by
// provider and uses the second form only to sign one account out.
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
	// ServerSupport runs discovery for a provider as the form holds it and
	// says what the server supports and what oauthdesk would choose (the
	// Advanced section); secret is the one typed, "" for the stored one.
	ServerSupport(ctx context.Context, p auth.Provider, secret string) (*auth.ServerSupport, error)
	// SaveProvider adds or replaces a provider in providers.toml; a
	// non-empty secret goes to the keyring.
	SaveProvider(p auth.Provider, secret string) error
	// RemoveProvider deletes a provider from providers.toml and forgets its
	// session and secret.
	RemoveProvider(id string) error
	// WatchConfig follows providers.toml until ctx ends: after each change
	// on disk it is read again and onChange is called, from another
	// goroutine, with nil when Providers lists the new content, or with the
	// file's mistake (naming file:line) when the last good list is kept.
	WatchConfig(ctx context.Context, onChange func(problem error)) error
	// ConfigProblem is the mistake in providers.toml as last read, or nil.
	ConfigProblem() error
	// SetClientSecret keeps a provider's client secret in the keyring; ""
	// deletes it.
	SetClientSecret(id, secret string) error
	// ClientSecretStored reports whether a client secret is kept for id.
	ClientSecretStored(id string) (bool, error)

	// FlowLog returns the provider's recorded steps, oldest first, with
	// their secrets (Step.Redacted masks them).
	FlowLog(id string) []auth.Step
	// ClearFlowLog forgets the provider's steps.
	ClearFlowLog(id string)
	// Introspect asks the provider's RFC 7662 endpoint about the access
	// token.
	Introspect(ctx context.Context, id string) (map[string]any, error)
	// Accounts lists a provider's signed-in accounts, the active one first.
	Accounts(ctx context.Context, provider string) ([]auth.Account, error)
	// SwitchAccount makes one of a provider's accounts the active one.
	SwitchAccount(ctx context.Context, provider, label string) error
	// ProfileEndpoint is the URL Profile reads (for the API console).
	ProfileEndpoint(ctx context.Context, id string) (string, error)
	// OpenURL opens a URL in the person's browser ($BROWSER first).
	OpenURL(url string) error

	// DeviceLogin signs in with the device authorization grant (RFC 8628):
	// onCode gets the code to show, then it blocks until the person
	// approves or denies on another device, the code expires, or ctx ends.
	DeviceLogin(ctx context.Context, id string, onCode func(auth.DeviceCode)) (*auth.TokenSet, error)
	// Call sends an API request with the session's access token.
	Call(ctx context.Context, id string, req auth.APIRequest) (*auth.APIResponse, error)
	// DiscoverResource asks an API URL with no token and reads its
	// protected-resource metadata (RFC 9728), as steps of id's flow log.
	DiscoverResource(ctx context.Context, id, url string) (*auth.ResourceDiscovery, error)
	// Connect sets up a provider for an API (discovery, registration) and
	// saves it; it does not sign in. Any failure saves nothing.
	Connect(ctx context.Context, req auth.ConnectRequest) (*auth.ConnectResult, error)
	// SuggestProviderID is the ID Connect would give the API at url.
	SuggestProviderID(url string) (string, error)
	// CoveringProvider is the provider whose resources cover url, or "".
	CoveringProvider(url string) string
	// CallHistory lists the provider's API requests, oldest first, without
	// their Authorization headers.
	CallHistory(id string) []auth.APIRequest
}
