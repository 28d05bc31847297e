package auth

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
)

// Sessions and accounts.
//
// A session is named by "PROVIDER" (the provider's active account) or
// "PROVIDER/ACCOUNT" (one account, by its label: the email, login or
// subject that Account shows). Every Engine method that takes an id takes
// either form.
//
// In the store, the active account's token set is under "token:PROVIDER",
// so that the common case (oauthdesk token google) costs one keyring read;
// other accounts are under "token:PROVIDER/LABEL"; "accounts:PROVIDER"
// lists the labels of them all.

// ErrUnknownAccount means no account of the provider has the label.
var ErrUnknownAccount = errors.New("no such account")

// sessionRef is a parsed session name.
type sessionRef struct{ provider, account string }

// parseRef splits "provider/account".
func parseRef(id string) sessionRef {
	p, a, _ := strings.Cut(id, "/")
	return sessionRef{provider: p, account: a}
}

// providerOf is the provider part of a session name.
func providerOf(id string) string { return parseRef(id).provider }

// tokenKey is the store key of a provider's active session.
func tokenKey(provider string) string { return "token:" + provider }

// accountKey is the store key of one of a provider's other accounts.
func accountKey(provider, label string) string { return "token:" + provider + "/" + label }

// indexKey is the store key of a provider's account list.
func indexKey(provider string) string { return "accounts:" + provider }

// label is how an account is named: its Account, else its subject.
func (t *TokenSet) label() string {
	return firstNonEmpty(sanitizeLabel(t.Account), sanitizeLabel(t.Subject), "default")
}

// sanitizeLabel keeps a label usable inside a store key.
func sanitizeLabel(s string) string {
	return strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f || r == '#' || r == '/' {
			return '_'
		}
		return r
	}, s)
}

// sameAccount reports whether two token sets are the same account.
func sameAccount(a, b *TokenSet) bool {
	if a.Subject != "" || b.Subject != "" {
		return a.Subject == b.Subject
	}
	return a.label() == b.label()
}

// Account is one signed-in account of a provider.
type Account struct {
	// Label names the account (email, login or subject).
	Label string `json:"label"`
	// Active is true for the account that "PROVIDER" alone refers to.
	Active bool `json:"active"`
}

// Accounts lists a provider's signed-in accounts, the active one first.
func (e *Engine) Accounts(_ context.Context, provider string) ([]Account, error) {
	provider = providerOf(provider)
	var out []Account
	active, err := e.loadKey(tokenKey(provider))
	switch {
	case err == nil:
		out = append(out, Account{Label: active.label(), Active: true})
	case errors.Is(err, ErrNotFound):
	default:
		return nil, fmt.Errorf("reading %s's session: %w", provider, err)
	}
	idx, err := e.readIndex(provider)
	if err != nil {
		return nil, err
	}
	for _, l := range idx {
		if active == nil || l != active.label() {
			out = append(out, Account{Label: l})
		}
	}
	return out, nil
}

// readIndex returns the labels listed for a provider.
func (e *Engine) readIndex(provider string) ([]string, error) {
	b, err := e.store.Load(indexKey(provider))
	if errors.Is(err, ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading %s's accounts: %w", provider, err)
	}
	var labels []string
	if json.Unmarshal(b, &labels) != nil {
		return nil, nil // a damaged index is rebuilt on the next sign-in
	}
	return labels, nil
}

// writeIndex stores a provider's labels, or removes the index when empty.
func (e *Engine) writeIndex(provider string, labels []string) error {
	if len(labels) == 0 {
		return e.store.Delete(indexKey(provider))
	}
	b, _ := json.Marshal(labels)
	if err := e.store.Save(indexKey(provider), b); err != nil {
		return fmt.Errorf("saving %s's accounts: %w", provider, err)
	}
	return nil
}

// loadKey reads and decodes the token set under a store key.
func (e *Engine) loadKey(key string) (*TokenSet, error) {
	b, err := e.store.Load(key)
	if err != nil {
		return nil, err
	}
	t, err := unmarshalTokenSet(b)
	if err != nil {
		return nil, fmt.Errorf("the stored session is damaged (%v); sign in again", err)
	}
	return t, nil
}

// saveKey encodes and stores a token set under a store key.
func (e *Engine) saveKey(key string, t *TokenSet) error {
	b, err := t.marshal()
	if err != nil {
		return fmt.Errorf("encoding the session: %w", err)
	}
	if err := e.store.Save(key, b); err != nil {
		return fmt.Errorf("saving the session: %w", err)
	}
	return nil
}

// load finds the session an id names and the store key it lives under.
func (e *Engine) load(id string) (string, *TokenSet, error) {
	ref := parseRef(id)
	notSignedIn := func() error {
		if ref.account != "" {
			return fmt.Errorf("%s: %w %q (oauthdesk accounts %s lists them)", ref.provider, ErrUnknownAccount, ref.account, ref.provider)
		}
		return fmt.Errorf("%s: %w (run: oauthdesk login %s)", ref.provider, ErrNotSignedIn, ref.provider)
	}
	active, err := e.loadKey(tokenKey(ref.provider))
	switch {
	case err == nil:
		if ref.account == "" || active.label() == ref.account || active.Subject == ref.account {
			return tokenKey(ref.provider), active, nil
		}
	case errors.Is(err, ErrNotFound):
		if ref.account == "" {
			return "", nil, notSignedIn()
		}
	default:
		return "", nil, fmt.Errorf("reading %s's session: %w", ref.provider, err)
	}
	key := accountKey(ref.provider, sanitizeLabel(ref.account))
	t, err := e.loadKey(key)
	if errors.Is(err, ErrNotFound) {
		return "", nil, notSignedIn()
	}
	if err != nil {
		return "", nil, fmt.Errorf("reading %s's session: %w", id, err)
	}
	return key, t, nil
}

// SwitchAccount makes one of a provider's accounts the active one.
func (e *Engine) SwitchAccount(ctx context.Context, provider, label string) error {
	provider = providerOf(provider)
	release, err := e.locks.Acquire(ctx, tokenKey(provider))
	if err != nil {
		return err
	}
	defer release()
	active, err := e.loadKey(tokenKey(provider))
	if err != nil && !errors.Is(err, ErrNotFound) {
		return fmt.Errorf("reading %s's session: %w", provider, err)
	}
	if active != nil && active.label() == label {
		return nil
	}
	next, err := e.loadKey(accountKey(provider, sanitizeLabel(label)))
	if errors.Is(err, ErrNotFound) {
		return fmt.Errorf("%s: %w %q", provider, ErrUnknownAccount, label)
	}
	if err != nil {
		return fmt.Errorf("reading %s/%s: %w", provider, label, err)
	}
	if active != nil {
		if err := e.saveKey(accountKey(provider, active.label()), active); err != nil {
			return err
		}
	}
	if err := e.saveKey(tokenKey(provider), next); err != nil {
		return err
	}
	return e.store.Delete(accountKey(provider, next.label()))
}

// forget deletes the session under key and drops it from the account
// list. When it was the active account, the next one becomes active.
func (e *Engine) forget(provider, key string, t *TokenSet) error {
	if err := e.store.Delete(key); err != nil {
		return fmt.Errorf("forgetting %s's session: %w", provider, err)
	}
	labels, err := e.readIndex(provider)
	if err != nil {
		return err
	}
	labels = slices.DeleteFunc(labels, func(l string) bool { return l == t.label() })
	if key == tokenKey(provider) {
		for _, l := range labels {
			next, err := e.loadKey(accountKey(provider, l))
			if err != nil {
				continue
			}
			if err := e.saveKey(tokenKey(provider), next); err != nil {
				return err
			}
			_ = e.store.Delete(accountKey(provider, l))
			break
		}
	}
	return e.writeIndex(provider, labels)
}
