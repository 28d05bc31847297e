package auth

import (
	"context"
	"reflect"

	"oauthdesk/auth/provider"
)

// Following the providers file while the app runs.
//
// The person may edit providers.toml by hand while the desktop app is open.
// WatchConfig notices, reads the file again and swaps the list in; a file
// that has become invalid leaves the last good list in use and is reported
// (a *ConfigError, with the file and line) until it is fixed. Writes refuse
// meanwhile (provider.UpsertProvider reads the file first).

// setConfig makes cfg the engine's config, the file being valid.
func (e *Engine) setConfig(cfg *provider.Config) {
	e.mu.Lock()
	defer e.mu.Unlock()
	e.cfg, e.cfgErr = cfg, nil
	e.mds = map[string]*provider.Metadata{} // endpoints may have changed
}

// ReloadConfig reads the providers file again. When it is valid, its
// providers replace the engine's; when not, the engine keeps the last good
// ones, and the error (a *ConfigError) is returned and kept for
// ConfigProblem.
func (e *Engine) ReloadConfig() error {
	cfg, err := provider.LoadConfig(e.ConfigPath())
	if err != nil {
		e.mu.Lock()
		e.cfgErr = err
		e.mu.Unlock()
		return err
	}
	e.setConfig(cfg)
	return nil
}

// ConfigProblem is the mistake in the providers file as last read, or nil
// when it is valid.
func (e *Engine) ConfigProblem() error {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.cfgErr
}

// WatchConfig follows the providers file until ctx ends: after each change
// on disk it reloads the file (ReloadConfig) and calls onChange with the
// result (nil, or the file's mistake), from its own goroutine.
// A change made between the engine's first read and the start of the watch
// is caught by reading the file once more when the watch is up.
func (e *Engine) WatchConfig(ctx context.Context, onChange func(problem error)) error {
	path := e.ConfigPath()
	if err := provider.Watch(ctx, path, func() { onChange(e.ReloadConfig()) }); err != nil {
		return err
	}
	cfg, err := provider.LoadConfig(path)
	e.mu.Lock()
	changed := (err == nil) != (e.cfgErr == nil) ||
		(err != nil && err.Error() != e.cfgErr.Error()) ||
		(err == nil && (cfg.Store != e.cfg.Store || !reflect.DeepEqual(cfg.Providers, e.cfg.Providers)))
	e.mu.Unlock()
	if changed {
		go onChange(e.ReloadConfig())
	}
	return nil
}
