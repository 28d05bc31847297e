package provider

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"

	"github.com/BurntSushi/toml"
)

// Storage backends a config can choose.
const (
	// StoreKeyring keeps secrets in the OS keyring (the default).
	StoreKeyring = "keyring"
	// StoreFile keeps secrets in a plain 0600 file. Only when chosen.
	StoreFile = "file"
)

// Config is the providers file, providers.toml.
type Config struct {
	// Path is where the file was read from and is written to.
	Path string `toml:"-"`
	// Store is "keyring" (default) or "file" (plain, unencrypted; opt-in).
	Store string `toml:"store,omitempty"`
	// Providers are the configured providers, in file order.
	Providers []Provider `toml:"providers"`
}

// ConfigEnv names the environment variable that overrides the config path.
const ConfigEnv = "OAUTHDESK_CONFIG"

// DefaultConfigPath is $OAUTHDESK_CONFIG, or providers.toml in the user's
// config directory (os.UserConfigDir()/oauthdesk).
func DefaultConfigPath() (string, error) {
	if p := os.Getenv(ConfigEnv); p != "" {
		return p, nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the config directory: %w", err)
	}
	return filepath.Join(dir, "oauthdesk", "providers.toml"), nil
}

// LoadConfig reads the providers file at path. A file that does not exist
// is an empty config, not an error: the built-in demo provider still works.
func LoadConfig(path string) (*Config, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		return &Config{Path: path}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("reading the providers file: %w", err)
	}
	return ParseConfig(path, data)
}

// ParseConfig decodes and validates a providers file. Errors are
// *ConfigError values naming the file, the line and the field.
func ParseConfig(path string, data []byte) (*Config, error) {
	cfg := &Config{Path: path}
	md, err := toml.Decode(string(data), cfg)
	if err != nil {
		loc := newLocator(data)
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, &ConfigError{File: path, Line: pe.Position.Line, Field: loc.fieldName(pe.Position.Line, pe.LastKey), Msg: firstLine(pe.Message)}
		}
		// Type mismatches come as plain errors: toml: line N (last key "k"): msg.
		if m := decodeErrPattern.FindStringSubmatch(err.Error()); m != nil {
			line, _ := strconv.Atoi(m[1])
			return nil, &ConfigError{File: path, Line: line, Field: loc.fieldName(line, m[2]), Msg: m[3]}
		}
		return nil, &ConfigError{File: path, Msg: firstLine(err.Error())}
	}
	cfg.Path = path
	loc := newLocator(data)
	for _, k := range md.Undecoded() {
		line := loc.line(-2, lastKey(k))
		return nil, &ConfigError{File: path, Line: line, Field: loc.fieldName(line, k.String()), Msg: "unknown field (check its spelling)"}
	}
	if cfg.Store != "" && cfg.Store != StoreKeyring && cfg.Store != StoreFile {
		return nil, &ConfigError{File: path, Line: loc.line(-1, "store"), Field: "store", Msg: fmt.Sprintf("must be %q or %q", StoreKeyring, StoreFile)}
	}
	seen := map[string]bool{}
	for i, p := range cfg.Providers {
		if err := validateProvider(p); err != nil {
			var fe *fieldError
			if errors.As(err, &fe) {
				return nil, &ConfigError{File: path, Line: loc.line(i, fe.field), Field: fmt.Sprintf("providers[%d].%s", i+1, fe.field), Msg: fe.msg}
			}
			return nil, &ConfigError{File: path, Line: loc.line(i, ""), Field: fmt.Sprintf("providers[%d]", i+1), Msg: err.Error()}
		}
		if seen[p.ID] {
			return nil, &ConfigError{File: path, Line: loc.line(i, "id"), Field: fmt.Sprintf("providers[%d].id", i+1), Msg: fmt.Sprintf("%q is used by an earlier provider", p.ID)}
		}
		seen[p.ID] = true
	}
	return cfg, nil
}

// writeFileAtomic writes data to path through a temporary file and a rename,
// so that a reader never sees half a file, and syncs the directory so that
// the rename survives a crash.
func writeFileAtomic(path string, data []byte, mode os.FileMode) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(mode); err != nil {
		f.Close()
		return err
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return err
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	if err := os.Rename(tmp, path); err != nil {
		return err
	}
	if d, err := os.Open(dir); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return nil
}

// Provider returns the configured provider with id, presets applied.
func (c *Config) Provider(id string) (Provider, bool) {
	for _, p := range c.Providers {
		if p.ID == id {
			return p.WithPreset(), true
		}
	}
	return Provider{}, false
}

// Upsert adds p, or replaces the provider with the same ID.
func (c *Config) Upsert(p Provider) {
	for i := range c.Providers {
		if c.Providers[i].ID == p.ID {
			c.Providers[i] = p
			return
		}
	}
	c.Providers = append(c.Providers, p)
}

// Remove deletes the provider with id and reports whether it was there.
func (c *Config) Remove(id string) bool {
	for i := range c.Providers {
		if c.Providers[i].ID == id {
			c.Providers = append(c.Providers[:i], c.Providers[i+1:]...)
			return true
		}
	}
	return false
}

// ConfigError points at the place in a providers file that is wrong.
type ConfigError struct {
	// File is the path of the config file.
	File string
	// Line is the 1-based line, or 0 when unknown.
	Line int
	// Field is the TOML key at fault, such as providers[2].client_id.
	Field string
	// Msg says what is wrong.
	Msg string
}

// Error formats as file:line: field: message.
func (e *ConfigError) Error() string {
	loc := e.File
	if e.Line > 0 {
		loc = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	if e.Field != "" {
		return fmt.Sprintf("%s: %s: %s", loc, e.Field, e.Msg)
	}
	return fmt.Sprintf("%s: %s", loc, e.Msg)
}
