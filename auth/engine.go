package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/loopback"
	"oauthdesk/auth/provider"
	"oauthdesk/auth/store"
)

// StoreEnv, when "file", opts in to plain-file token storage, like
// store = "file" in providers.toml.
const StoreEnv = "OAUTHDESK_STORE"

// Demo describes the built-in demo provider: where it answers, and how to
// start it when it does not.
type Demo struct {
	// Issuer is the demo provider's issuer URL.
	Issuer string
	// Ensure starts the provider if it is not already answering. stop, if
	// not nil, is called when the engine closes.
	Ensure func(ctx context.Context) (stop func() error, err error)
}

// Options configure an Engine. The zero value is usable.
type Options struct {
	// ConfigPath is the providers file; "" means provider.DefaultConfigPath().
	ConfigPath string
	// Store keeps secrets; nil means the OS keyring, or the plain file
	// when the config or $OAUTHDESK_STORE opts in.
	Store SecretStore
	// HTTPTimeout bounds each exchange with a provider.
	HTTPTimeout time.Duration
	// Demo is the built-in demo provider; nil leaves it out.
	Demo *Demo
	// OpenBrowser opens a URL; nil means loopback.OpenBrowser.
	OpenBrowser func(url string) error
	// LockDir holds the cross-process refresh locks; "" means the user
	// cache directory.
	LockDir string
	// Logger receives diagnostics (never secrets); nil discards them.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnStep, if set, is told of every step of every flow as it happens
	// (secrets included: call Step.Redacted before showing it).
	OnStep func(Step)
}

// Engine signs in, stores, refreshes and inspects sessions. It is safe for
// concurrent use.
type Engine struct {
	opts   Options
	client *http.Client
	store  SecretStore
	locks  store.Locks
	log    *slog.Logger
	now    func() time.Time
	open   func(string) error

	mu       sync.Mutex
	cfg      *provider.Config
	mds      map[string]*provider.Metadata
	demoStop func() error
	demoUp   bool
	warning  string
	keysets  keysetCache
	flow     flowlog.Log
	api      apiState
}

// New creates an engine and reads the providers file.
func New(opts Options) (*Engine, error) {
	e := &Engine{opts: opts, mds: map[string]*provider.Metadata{}}
	e.log = opts.Logger
	if e.log == nil {
		e.log = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	e.now = opts.Now
	if e.now == nil {
		e.now = time.Now
	}
	e.open = opts.OpenBrowser
	if e.open == nil {
		e.open = loopback.OpenBrowser
	}
	e.flow.OnStep = opts.OnStep
	e.client = httplimit.NewClient(opts.HTTPTimeout)
	e.client.Transport = &flowlog.Transport{Next: e.client.Transport, Log: &e.flow, Now: e.now}
	path := opts.ConfigPath
	if path == "" {
		var err error
		if path, err = provider.DefaultConfigPath(); err != nil {
			return nil, err
		}
	}
	cfg, err := provider.LoadConfig(path)
	if err != nil {
		return nil, err
	}
	e.cfg = cfg
	e.store = opts.Store
	if e.store == nil {
		if e.store, err = e.defaultStore(); err != nil {
			return nil, err
		}
	}
	e.locks.Dir = opts.LockDir
	if e.locks.Dir == "" {
		dir, err := os.UserCacheDir()
		if err != nil {
			dir = os.TempDir()
		}
		e.locks.Dir = filepath.Join(dir, "oauthdesk", "locks")
	}
	return e, nil
}

// defaultStore is the keyring, unless the person opted in to a plain file.
func (e *Engine) defaultStore() (SecretStore, error) {
	if os.Getenv(StoreEnv) != provider.StoreFile && e.cfg.Store != provider.StoreFile {
		return store.NewKeyringStore(), nil
	}
	dir, err := provider.DataDir()
	if err != nil {
		return nil, err
	}
	fs := store.NewFileStore(filepath.Join(dir, "tokens.json"))
	e.warning = "tokens are kept in " + fs.Describe() + ", because plain-file storage was chosen"
	return fs, nil
}

// StoreWarning is a warning to show the person about where secrets are
// kept, or "" when they are in the OS keyring.
func (e *Engine) StoreWarning() string { return e.warning }

// StoreDescription says where secrets are kept.
func (e *Engine) StoreDescription() string { return e.store.Describe() }

// ConfigPath is the providers file the engine reads and writes.
func (e *Engine) ConfigPath() string {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cfg.Path
}

// Close stops what the engine started (the in-process demo provider).
func (e *Engine) Close() error {
	e.mu.Lock()
	stop := e.demoStop
	e.demoStop, e.demoUp = nil, false
	e.mu.Unlock()
	if stop != nil {
		return stop()
	}
	return nil
}

// Providers lists the providers: the built-in demo first, then the file's.
func (e *Engine) Providers() []Provider {
	e.mu.Lock()
	defer e.mu.Unlock()
	var out []Provider
	if e.opts.Demo != nil {
		out = append(out, provider.Demo(e.opts.Demo.Issuer))
	}
	for _, p := range e.cfg.Providers {
		out = append(out, p.WithPreset())
	}
	return out
}

// Presets lists the built-in presets.
func (e *Engine) Presets() []Provider { return provider.Presets() }

// Provider finds a provider by ID, presets applied.
func (e *Engine) Provider(id string) (Provider, error) {
	if id == DemoID && e.opts.Demo != nil {
		return provider.Demo(e.opts.Demo.Issuer), nil
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	if p, ok := e.cfg.Provider(id); ok {
		return p, nil
	}
	return Provider{}, fmt.Errorf("%w %q: it is not in %s (oauthdesk providers lists the configured ones)", ErrUnknownProvider, id, e.cfg.Path)
}

// resolved is a provider ready to be contacted: endpoints discovered and
// the client secret loaded.
type resolved struct {
	Provider
	md     *provider.Metadata
	secret string
}

// resolve finds the provider, starts the demo provider if needed, loads
// the client secret and runs discovery (cached for the engine's life).
func (e *Engine) resolve(ctx context.Context, id string) (*resolved, error) {
	p, err := e.Provider(providerOf(id))
	if err != nil {
		return nil, err
	}
	if p.Quirks.Builtin {
		if err := e.ensureDemo(ctx); err != nil {
			return nil, err
		}
	}
	r := &resolved{Provider: p, secret: p.ClientSecret}
	if r.secret == "" && !p.Quirks.Builtin {
		s, err := e.store.Load(secretKey(p.ID))
		switch {
		case err == nil:
			r.secret = string(s)
		case errors.Is(err, ErrNotFound):
		default:
			return nil, fmt.Errorf("reading %s's client secret: %w", p.ID, err)
		}
	}
	if p.IsOIDC() {
		md, err := e.metadata(ctx, p)
		if err != nil {
			return nil, err
		}
		r.md = md
		r.Provider = r.Provider.WithEndpoints(md)
	}
	return r, nil
}

// metadata returns the provider's discovery document, fetched once.
func (e *Engine) metadata(ctx context.Context, p Provider) (*provider.Metadata, error) {
	e.mu.Lock()
	md, ok := e.mds[p.Issuer]
	e.mu.Unlock()
	if ok {
		return md, nil
	}
	dctx := flowlog.WithStep(ctx, p.ID, "discovery", "Fetch the provider's OpenID configuration: its endpoints and what it supports")
	md, err := provider.Discover(dctx, e.client, p.Issuer, p.Quirks.TenantIssuer)
	if err != nil {
		return nil, err
	}
	e.mu.Lock()
	e.mds[p.Issuer] = md
	e.mu.Unlock()
	return md, nil
}

// ensureDemo starts the built-in demo provider once.
func (e *Engine) ensureDemo(ctx context.Context) error {
	e.mu.Lock()
	defer e.mu.Unlock()
	if e.demoUp || e.opts.Demo == nil || e.opts.Demo.Ensure == nil {
		return nil
	}
	stop, err := e.opts.Demo.Ensure(ctx)
	if err != nil {
		return fmt.Errorf("starting the demo provider: %w", err)
	}
	e.demoStop, e.demoUp = stop, true
	return nil
}

// secretKey is the store key of a provider's client secret.
func secretKey(id string) string { return "secret:" + id }

// Stored returns the stored token set of a session, without refreshing it.
func (e *Engine) Stored(id string) (*TokenSet, error) {
	_, t, err := e.load(id)
	return t, err
}

// Status summarises a provider's session. It reads the store only.
func (e *Engine) Status(_ context.Context, id string) (Status, error) {
	if _, err := e.Provider(providerOf(id)); err != nil {
		return Status{}, err
	}
	t, err := e.Stored(id)
	if errors.Is(err, ErrNotSignedIn) {
		return statusOf(id, nil, e.now()), nil
	}
	if err != nil {
		return Status{ProviderID: id, Scopes: []string{}}, err
	}
	return statusOf(id, t, e.now()), nil
}

// SetClientSecret keeps a provider's client secret in the store.
func (e *Engine) SetClientSecret(id, secret string) error {
	if secret == "" {
		return e.store.Delete(secretKey(id))
	}
	if err := e.store.Save(secretKey(id), []byte(secret)); err != nil {
		return fmt.Errorf("saving %s's client secret: %w", id, err)
	}
	return nil
}

// ClientSecretStored reports whether a client secret for provider id is
// kept in the store (the form shows "stored" without revealing it).
func (e *Engine) ClientSecretStored(id string) (bool, error) {
	_, err := e.store.Load(secretKey(id))
	switch {
	case err == nil:
		return true, nil
	case errors.Is(err, ErrNotFound):
		return false, nil
	default:
		return false, fmt.Errorf("reading %s's client secret: %w", id, err)
	}
}

// OpenURL opens a URL in the person's browser, as sign-in does ($BROWSER
// first, then the system opener).
func (e *Engine) OpenURL(url string) error { return e.open(url) }

// CheckProvider validates p and, when it has an issuer, runs discovery, so
// that a form can refuse a provider that would not work.
func (e *Engine) CheckProvider(ctx context.Context, p Provider) error {
	if err := provider.ValidateProvider(p); err != nil {
		return err
	}
	r := p.WithPreset()
	if r.IsOIDC() {
		dctx := flowlog.WithStep(ctx, "", "discovery", "Fetch the provider's OpenID configuration: its endpoints and what it supports")
		if _, err := provider.Discover(dctx, e.client, r.Issuer, r.Quirks.TenantIssuer); err != nil {
			return err
		}
	}
	return nil
}

// SaveProvider adds or replaces p in the providers file; a non-empty
// secret goes to the store, not the file.
func (e *Engine) SaveProvider(p Provider, secret string) error {
	if err := provider.ValidateProvider(p); err != nil {
		return err
	}
	if secret != "" {
		if err := e.SetClientSecret(p.ID, secret); err != nil {
			return err
		}
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	next := *e.cfg
	next.Providers = append([]Provider(nil), e.cfg.Providers...)
	next.Upsert(p)
	if err := next.Save(); err != nil {
		return err
	}
	e.cfg = &next
	delete(e.mds, p.Issuer)
	return nil
}

// RemoveProvider deletes a provider from the file and forgets its session
// and client secret.
func (e *Engine) RemoveProvider(id string) error {
	e.mu.Lock()
	next := *e.cfg
	next.Providers = append([]Provider(nil), e.cfg.Providers...)
	if !next.Remove(id) {
		e.mu.Unlock()
		return fmt.Errorf("%w %q", ErrUnknownProvider, id)
	}
	if err := next.Save(); err != nil {
		e.mu.Unlock()
		return err
	}
	e.cfg = &next
	e.mu.Unlock()
	accounts, _ := e.Accounts(context.Background(), id)
	for _, a := range accounts {
		_ = e.store.Delete(accountKey(id, a.Label))
	}
	_ = e.store.Delete(indexKey(id))
	if err := e.store.Delete(tokenKey(id)); err != nil {
		return fmt.Errorf("forgetting %s's session: %w", id, err)
	}
	if err := e.store.Delete(secretKey(id)); err != nil {
		return fmt.Errorf("forgetting %s's client secret: %w", id, err)
	}
	return nil
}
