package auth

import (
	"context"
	"errors"
	"fmt"
	"slices"

	"oauthdesk/auth/store"
	"oauthdesk/internal/faultpoint"
)

// signInSlot is what a sign-in has read of a provider's accounts, under
// the provider's session lock, before it writes: the account list and the
// active session. Reading stores nothing, so a sign-in can do it while its
// token request is on the network (beginSignInStore) and still store
// nothing when that request or the ID-token check fails.
type signInSlot struct {
	release func()
	labels  []string
	prev    *TokenSet // nil: none, or damaged
	err     error     // set: nothing could be read; release is nil
}

// readSignInSlot takes provider's session lock and reads its slot.
func (e *Engine) readSignInSlot(ctx context.Context, provider string) *signInSlot {
	release, err := e.locks.Acquire(ctx, tokenKey(provider))
	if err != nil {
		return &signInSlot{err: err}
	}
	labels, err := e.readIndex(provider)
	if err != nil {
		release()
		return &signInSlot{err: err}
	}
	prev, err := e.loadKey(tokenKey(provider))
	switch {
	case err == nil:
	case errors.Is(err, ErrNotFound), errors.Is(err, store.ErrCorruptEntry):
		prev = nil
	default:
		release()
		return &signInSlot{err: fmt.Errorf("reading %s's session: %w", provider, err)}
	}
	return &signInSlot{release: release, labels: labels, prev: prev}
}

// beginSignInStore starts reading provider's slot in the background. The
// returned wait gives the slot (its caller releases it); done, deferred by
// the caller, releases it when wait was never called.
func (e *Engine) beginSignInStore(ctx context.Context, provider string) (wait func() *signInSlot, done func()) {
	ch := make(chan *signInSlot, 1)
	go func() { ch <- e.readSignInSlot(ctx, provider) }()
	var taken bool
	wait = func() *signInSlot { taken = true; return <-ch }
	done = func() {
		if !taken {
			if s := <-ch; s.release != nil {
				s.release()
			}
		}
	}
	return wait, done
}

// storeSignIn saves a new sign-in as the provider's active account (see
// commitSignIn).
func (e *Engine) storeSignIn(ctx context.Context, provider string, t *TokenSet) error {
	return e.commitSignIn(e.readSignInSlot(ctx, provider), provider, t)
}

// commitSignIn saves a new sign-in as the provider's active account, into
// the slot read under the lock, and releases the lock. An earlier active
// account of another person moves to its own key; the same person's
// earlier session is replaced.
//
// The order is what makes a crash at any point harmless: the earlier
// account is copied to its own key before the active slot is overwritten,
// and the active slot is one store entry that is replaced whole (see
// KeyringStore.Save), so a reader finds either the earlier session or the
// new one there. The account list is updated last; it already names the
// earlier account, and the active one is found without it; it is written
// only when it gained a label.
func (e *Engine) commitSignIn(s *signInSlot, provider string, t *TokenSet) error {
	notStored := func(err error) error {
		return fmt.Errorf("the sign-in worked, but %w; nothing was stored and the earlier session is unchanged", err)
	}
	if s.err != nil {
		return notStored(s.err)
	}
	defer s.release()
	labels, prev := s.labels, s.prev
	listed := len(labels)
	if prev != nil && !sameAccount(prev, t) {
		// Keep the earlier account under its own key before the active
		// slot is overwritten: a failure here loses nothing.
		if err := e.saveKey(accountKey(provider, prev.label()), prev); err != nil {
			return notStored(err)
		}
		faultpoint.Hit(faultpoint.SignInKeptPrevious)
		if !slices.Contains(labels, prev.label()) {
			labels = append(labels, prev.label())
		}
	}
	if err := e.saveKey(tokenKey(provider), t); err != nil {
		return notStored(err)
	}
	faultpoint.Hit(faultpoint.SignInSaved)
	if !slices.Contains(labels, t.label()) {
		labels = append(labels, t.label())
	}
	_ = e.store.Delete(accountKey(provider, t.label())) // it is the active one now
	// Labels are only ever added here, so an unchanged count is an
	// unchanged list: the same person signing in again writes the keyring
	// once, not twice (a keyring write is the dearest step of a sign-in).
	if len(labels) != listed {
		if err := e.writeIndex(provider, labels); err != nil {
			return fmt.Errorf("signed in and stored, but the list of %s's accounts was not updated: %w", provider, err)
		}
	}
	faultpoint.Hit(faultpoint.SignInIndexSaved)
	return nil
}
