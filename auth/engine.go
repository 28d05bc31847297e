package auth

import (
	"context"
	"errors"
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
	// LockDir holds the cross-process refresh locks; "" means
	// store.DefaultLockDir (the user cache directory, else
	// $XDG_RUNTIME_DIR, never a shared /tmp).
	LockDir string
	// Logger receives diagnostics (never secrets); nil discards them.
	Logger *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnStep, if set, is told of every step of every flow as it happens
	// (secrets included: call Step.Redacted before showing it).
	OnStep func(Step)
	// KeepBadConfig lets New succeed when the providers file has a
	// mistake (the desktop app shows it): the engine starts with no
	// providers from the file, ConfigProblem names the mistake, and
	// ReloadConfig or WatchConfig picks the file up once it is fixed.
	KeepBadConfig bool
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
	cfgErr   error // the file's mistake, while the file on disk is invalid
	mds      map[string]*provider.Metadata
	demoStop func() error
	demoUp   bool
	warning  string
	keysets  keysetCache
	flow     flowlog.Log
	api      apiState
	starts   startRegistry
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
	var ce *provider.ConfigError
	switch {
	case err == nil:
	case opts.KeepBadConfig && errors.As(err, &ce):
		cfg, e.cfgErr = &provider.Config{Path: path}, err
	default:
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
		// No private directory fails the commands that lock (refresh,
		// account changes), not the engine: the rest still works.
		e.locks.Dir, e.locks.DirErr = store.DefaultLockDir()
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

// OpenURL opens a URL in the person's browser, as sign-in does ($BROWSER
// first, then the system opener). Only what loopback.CheckBrowserURL
// accepts is opened (ErrUnsafeURL otherwise). The authorization URL of a
// sign-in in progress ("open again") is opened through a fresh one-time
// start URL, so that its state, nonce and PKCE challenge stay off the
// browser's command line.
func (e *Engine) OpenURL(url string) error {
	if lb := e.starts.lookup(url); lb != nil {
		return e.openGated(lb.StartURL())
	}
	return e.openGated(url)
}
