// Package store keeps oauthdesk's secrets (token sets, client secrets)
// under string keys, behind one contract, SecretStore: Load, Save, Delete
// and Describe. A failed Save leaves the previous value readable, a
// missing key is ErrNotFound, an unreachable OS keyring is
// ErrKeyringUnavailable (a *KeyringUnavailableError that says how to fix
// it), and no stored value ever appears in an error.
//
// KeyringStore keeps them in the OS keyring, split into checked parts so
// that any size fits; FileStore, only when the person opts in, keeps them
// unencrypted in one 0600 file. Locks serialises work on one key across
// goroutines and processes (the desktop app and the command line run side
// by side). The package knows nothing of OAuth.
package store

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors that callers branch on. They are wrapped with context, so
// test for them with errors.Is.
var (
	// ErrNotFound means the store holds nothing under the key.
	ErrNotFound = errors.New("not found in the store")
	// ErrKeyringUnavailable means no OS keyring (Secret Service, Keychain,
	// Credential Manager) could be reached.
	ErrKeyringUnavailable = errors.New("the OS keyring is not available")
)

// ErrCorruptEntry means a stored value is damaged: a part is missing or its
// checksum does not match. Deleting the entry (signing out) and saving it
// again repairs it.
var ErrCorruptEntry = errors.New("the stored entry is damaged")

// SecretStore keeps oauthdesk's secrets (token sets, client secrets) under
// string keys.
//
// Implementations never put a stored value into an error message.
type SecretStore interface {
	// Load returns the value stored under key. The error satisfies
	// errors.Is(err, ErrNotFound) when nothing is stored under key, and
	// errors.Is(err, ErrKeyringUnavailable) when the OS keyring cannot be
	// reached.
	Load(key string) ([]byte, error)
	// Save stores value under key, replacing any previous value. A failed
	// Save leaves the previous value readable.
	Save(key string, value []byte) error
	// Delete removes the value stored under key. Deleting an absent key is
	// not an error.
	Delete(key string) error
	// Describe says in words where the secrets are kept, for example
	// "the OS keyring (service oauthdesk)" or
	// "the plain file /path (not encrypted)".
	Describe() string
}

// KeyringService is the service name under which oauthdesk's entries are kept
// in the OS keyring.
const KeyringService = "oauthdesk"

// storeFileHint tells a person how to opt in to the unencrypted file store
// when no keyring is available.
const storeFileHint = `or opt in to storing secrets unencrypted in a plain file with the environment variable OAUTHDESK_STORE=file or store = "file" in providers.toml`

// checkKey rejects keys that no store can hold. Keys are not secret, so they
// may appear in error messages.
func checkKey(key string) error {
	if key == "" {
		return fmt.Errorf("invalid store key: the key is empty")
	}
	if strings.ContainsRune(key, chunkSeparator) {
		return fmt.Errorf("invalid store key %q: it must not contain %q", key, chunkSeparator)
	}
	for _, r := range key {
		if r < 0x20 || r == 0x7f {
			return fmt.Errorf("invalid store key %q: it must not contain control characters", key)
		}
	}
	return nil
}

// Both stores satisfy SecretStore.
var (
	_ SecretStore = (*KeyringStore)(nil)
	_ SecretStore = (*FileStore)(nil)
)
