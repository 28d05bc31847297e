package store

import (
	"errors"
	"fmt"
	"runtime"
	"strings"

	"github.com/zalando/go-keyring"

	"oauthdesk/auth/internal/sanitize"
)

// fail wraps an error from the keyring with what was being done, mapping
// go-keyring's errors to this package's sentinels.
func (s *KeyringStore) fail(doing string, err error) error {
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return fmt.Errorf("%s: %w", doing, ErrNotFound)
	case errors.Is(err, ErrCorruptEntry):
		return fmt.Errorf("%s: %w; delete it (sign out) and save it again", doing, err)
	case errors.Is(err, keyring.ErrSetDataTooBig):
		return fmt.Errorf("%s: the OS keyring refused an entry as too big: %w", doing, err)
	case keyringUnavailable(err):
		return &KeyringUnavailableError{Doing: doing, Cause: err}
	default:
		return fmt.Errorf("%s: %w", doing, err)
	}
}

// vanished reports the Secret Service's answer when an item was deleted by
// another process between our search and our delete: the item's D-Bus
// object is gone. For a delete, that is success.
func vanished(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "No such interface") || strings.Contains(msg, "No such object") ||
		strings.Contains(msg, "Object does not exist")
}

// keyringUnavailable reports whether err from go-keyring means that the OS
// keyring cannot be used.
//
// On Linux go-keyring talks to the Secret Service over the D-Bus session
// bus, and every failure there means the same to a person: there is no
// usable keyring. Seen so far: an *exec.Error or *exec.ExitError from
// auto-launching dbus-launch when there is no session bus; a *net.OpError
// when DBUS_SESSION_BUS_ADDRESS points at nothing; godbus's "couldn't
// determine address of session bus" and closed-connection errors; a
// dbus.Error "The name org.freedesktop.secrets was not provided by any
// .service files" (no Secret Service installed), UnknownObject for a missing
// login collection, Spawn errors when no prompter can be shown; and
// go-keyring's own "failed to unlock correct collection" when the keyring is
// locked or has no login collection. On macOS the errors come from the
// security tool (a locked or missing keychain) and on Windows from the
// Credential Manager. So, generously, anything that is neither "not found"
// nor "too big" counts as unavailable.
func keyringUnavailable(err error) bool {
	return err != nil &&
		!errors.Is(err, keyring.ErrNotFound) &&
		!errors.Is(err, keyring.ErrSetDataTooBig) &&
		!errors.Is(err, ErrCorruptEntry)
}

// KeyringUnavailableError says that the OS keyring could not be used, why,
// and how to fix it. It matches ErrKeyringUnavailable with errors.Is.
type KeyringUnavailableError struct {
	// Doing says what was being done, naming the key but no secret.
	Doing string
	// Cause is the keyring library's error.
	Cause error
}

// Error describes the failure and how to fix it on this operating system.
func (e *KeyringUnavailableError) Error() string {
	if keyringLocked(e.Cause) {
		return fmt.Sprintf("%s: %v and could not be unlocked (%s); %s", e.Doing, ErrKeyringLocked,
			sanitize.Text(e.Cause.Error(), 300), keyringUnlockHint(runtime.GOOS))
	}
	return fmt.Sprintf("%s: %v (%s); %s", e.Doing, ErrKeyringUnavailable,
		sanitize.Text(e.Cause.Error(), 300), keyringFixHint(runtime.GOOS))
}

// Unwrap yields ErrKeyringUnavailable (and ErrKeyringLocked when the
// keyring is locked) and the cause.
func (e *KeyringUnavailableError) Unwrap() []error {
	if keyringLocked(e.Cause) {
		return []error{ErrKeyringUnavailable, ErrKeyringLocked, e.Cause}
	}
	return []error{ErrKeyringUnavailable, e.Cause}
}

// keyringUnlockHint tells a person how to unlock their keyring on goos.
func keyringUnlockHint(goos string) string {
	switch goos {
	case "darwin":
		return "unlock your login keychain (Keychain Access) and try again, " + storeFileHint
	case "windows":
		return "sign in to Windows again and try again, " + storeFileHint
	default:
		return "unlock your login keyring (sign in to your desktop, or unlock it in Passwords and Keys, seahorse) and try again " +
			"(no unlock prompt could be shown from here), " + storeFileHint
	}
}

// keyringFixHint tells a person how to get a working keyring on goos.
func keyringFixHint(goos string) string {
	switch goos {
	case "darwin":
		return "unlock your login keychain (Keychain Access), " + storeFileHint
	case "windows":
		return "check that Windows Credential Manager is available to your account, " + storeFileHint
	default:
		return "on Linux, oauthdesk needs a Secret Service on the D-Bus session bus: install gnome-keyring " +
			"(Debian/Ubuntu: apt install gnome-keyring libsecret-tools) or another Secret Service such as KeePassXC, " +
			"make sure it runs and its login keyring is unlocked in your desktop session " +
			"(DBUS_SESSION_BUS_ADDRESS must be set), " + storeFileHint
	}
}
