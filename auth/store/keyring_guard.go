package store

import (
	"errors"
	"fmt"
	"os"
	"strings"
	"time"
)

// A keyring call can block: when the Secret Service's collection is locked,
// it asks the desktop to show an unlock prompt and waits for the person. If
// nobody is there (a locked screen, a prompt on another display, a prompter
// that hangs), that wait has no end. So each call is bounded.

// KeyringTimeoutEnv overrides how long one keyring call may take (a Go
// duration such as "30s").
const KeyringTimeoutEnv = "OAUTHDESK_KEYRING_TIMEOUT"

// defaultKeyringTimeout leaves a person time to type their password into an
// unlock prompt.
const defaultKeyringTimeout = 60 * time.Second

// ErrKeyringLocked means the OS keyring is locked and could not be
// unlocked (no prompt could be shown, or it was dismissed). It is also an
// ErrKeyringUnavailable.
var ErrKeyringLocked = errors.New("the OS keyring is locked")

// keyringTimeout is $OAUTHDESK_KEYRING_TIMEOUT, else the default.
func keyringTimeout() time.Duration {
	if d, err := time.ParseDuration(os.Getenv(KeyringTimeoutEnv)); err == nil && d > 0 {
		return d
	}
	return defaultKeyringTimeout
}

// timeoutError says that the Secret Service did not answer in time.
type timeoutError struct{ after time.Duration }

func (e *timeoutError) Error() string {
	return fmt.Sprintf("it did not answer within %v (an unlock prompt may be waiting on the screen)", e.after)
}

// boundedKeyring runs each call of next with a time limit. A call that
// times out is left to finish on its own; nothing waits for it.
type boundedKeyring struct {
	next  keyringBackend
	limit time.Duration
}

func bounded[T any](b boundedKeyring, call func() (T, error)) (T, error) {
	type res struct {
		v   T
		err error
	}
	ch := make(chan res, 1)
	go func() {
		v, err := call()
		ch <- res{v, err}
	}()
	t := time.NewTimer(b.limit)
	defer t.Stop()
	select {
	case r := <-ch:
		return r.v, r.err
	case <-t.C:
		var zero T
		return zero, &timeoutError{after: b.limit}
	}
}

func (b boundedKeyring) Get(service, user string) (string, error) {
	return bounded(b, func() (string, error) { return b.next.Get(service, user) })
}

func (b boundedKeyring) Set(service, user, pass string) error {
	_, err := bounded(b, func() (struct{}, error) { return struct{}{}, b.next.Set(service, user, pass) })
	return err
}

func (b boundedKeyring) Delete(service, user string) error {
	_, err := bounded(b, func() (struct{}, error) { return struct{}{}, b.next.Delete(service, user) })
	return err
}

// keyringLocked reports whether err says the collection is locked and
// could not be unlocked: go-keyring's "failed to unlock correct
// collection", or the Secret Service's IsLocked error.
func keyringLocked(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "failed to unlock") || strings.Contains(msg, "org.freedesktop.Secret.Error.IsLocked")
}
