package auth

import (
	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/protocol"
	"oauthdesk/auth/store"
)

// Names from the leaf packages that the engine's callers use, re-exported
// so that the window and the command line import this package only. The
// values are the leaves' own: errors.Is and errors.As work with either
// name.

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
	// ErrResponseTooLarge means a response body passed the size limit.
	ErrResponseTooLarge = httplimit.ErrResponseTooLarge
)

// DefaultHTTPTimeout bounds one HTTP exchange with a provider.
const DefaultHTTPTimeout = httplimit.DefaultTimeout
