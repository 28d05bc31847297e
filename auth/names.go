package auth

import (
	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/protocol"
	"oauthdesk/auth/loopback"
	"oauthdesk/auth/provider"
	"oauthdesk/auth/store"
)

// Names from the leaf packages that the engine's callers use, re-exported
// so that the window and the command line import this package only. The
// values are the leaves' own: errors.Is and errors.As work with either
// name.

// Provider is one authorization server and oauthdesk's registration at
// it, as written in providers.toml; see provider.Provider.
type Provider = provider.Provider

// Quirks are the ways a provider departs from the plain protocol; see
// provider.Quirks.
type Quirks = provider.Quirks

// ConfigError points at the place in a providers file that is wrong; see
// provider.ConfigError.
type ConfigError = provider.ConfigError

// Grant types a provider can be configured for.
const (
	// GrantAuthorizationCode is the default: a person signs in through the
	// browser (RFC 6749 §4.1 with PKCE, RFC 7636).
	GrantAuthorizationCode = provider.GrantAuthorizationCode
	// GrantClientCredentials is machine-to-machine (RFC 6749 §4.4).
	GrantClientCredentials = provider.GrantClientCredentials
)

// DemoID is the ID of the built-in demo provider, which needs no config.
const DemoID = provider.DemoID

// SecretStore keeps secrets under string keys; see store.SecretStore.
type SecretStore = store.SecretStore

// KeyringUnavailableError says that the OS keyring could not be used, and
// how to fix it; see store.KeyringUnavailableError.
type KeyringUnavailableError = store.KeyringUnavailableError

// ProviderError is an OAuth error that the provider sent back; see
// protocol.ProviderError.
type ProviderError = protocol.ProviderError

// Errors of the leaves that callers branch on.
var (
	// ErrNotFound means the store holds nothing under the key.
	ErrNotFound = store.ErrNotFound
	// ErrKeyringUnavailable means no OS keyring could be reached.
	ErrKeyringUnavailable = store.ErrKeyringUnavailable
	// ErrIssuerMismatch means an issuer (RFC 9207 iss, discovery, ID
	// token) is not the configured one (mix-up attack, RFC 9700 §4.4).
	ErrIssuerMismatch = protocol.ErrIssuerMismatch
	// ErrPortInUse means the fixed loopback redirect port is taken.
	ErrPortInUse = loopback.ErrPortInUse
	// ErrStateMismatch means the redirect's state did not match the one we
	// sent (RFC 6749 §10.12, CSRF).
	ErrStateMismatch = loopback.ErrStateMismatch
	// ErrMissingCode means the redirect carried neither a code nor an error.
	ErrMissingCode = loopback.ErrMissingCode
	// ErrUnsafeURL means a URL was not opened in the browser: it is not
	// https, or http on this computer (loopback.CheckBrowserURL).
	ErrUnsafeURL = loopback.ErrUnsafeURL
	// ErrResponseTooLarge means a response body passed the size limit.
	ErrResponseTooLarge = httplimit.ErrResponseTooLarge
)

// DefaultHTTPTimeout bounds one HTTP exchange with a provider.
const DefaultHTTPTimeout = httplimit.DefaultTimeout

// OpenBrowser opens url in the person's browser ($BROWSER first, then the
// system opener); see loopback.OpenBrowser.
func OpenBrowser(url string) error { return loopback.OpenBrowser(url) }

// ValidateProvider checks a provider as written, before presets apply;
// see provider.ValidateProvider.
func ValidateProvider(p Provider) error { return provider.ValidateProvider(p) }

// PresetNames lists the built-in presets' names; see provider.PresetNames.
func PresetNames() []string { return provider.PresetNames() }

// ErrConfigNotWritten is wrapped by a write to the providers file that
// changed nothing; see provider.ErrConfigNotWritten.
var ErrConfigNotWritten = provider.ErrConfigNotWritten

// ErrKeyringLocked means the OS keyring is locked and could not be
// unlocked; see store.ErrKeyringLocked.
var ErrKeyringLocked = store.ErrKeyringLocked

// ErrProviderExists means an add found the provider's ID in the file
// already; see provider.ErrProviderExists.
var ErrProviderExists = provider.ErrProviderExists
