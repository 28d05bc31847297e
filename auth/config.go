package auth

import (
	"bytes"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

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

// Save writes the config to its Path atomically, with mode 0600 (a
// client secret may sit in it) in a 0700 directory.
func (c *Config) Save() error {
	var buf bytes.Buffer
	buf.WriteString("# oauthdesk providers. Edit by hand or in the app; see the README for each field.\n")
	if err := toml.NewEncoder(&buf).Encode(c); err != nil {
		return fmt.Errorf("encoding the providers file: %w", err)
	}
	if err := writeFileAtomic(c.Path, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("writing the providers file: %w", err)
	}
	return nil
}

// writeFileAtomic writes data to path through a temporary file and a rename,
// so that a reader never sees half a file.
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
	return os.Rename(tmp, path)
}

// fieldError is a validation error about one field of a provider.
type fieldError struct{ field, msg string }

func (e *fieldError) Error() string { return e.field + ": " + e.msg }

var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// reservedAuthParams are authorization request parameters that oauthdesk
// sets itself; a config must not override them.
var reservedAuthParams = map[string]bool{
	"response_type": true, "client_id": true, "redirect_uri": true, "state": true,
	"nonce": true, "code_challenge": true, "code_challenge_method": true, "scope": true,
}

// ValidateProvider checks a provider as written, before presets apply
// defaults. The error names the field at fault.
func ValidateProvider(p Provider) error { return validateProvider(p) }

func validateProvider(p Provider) error {
	if p.ID == "" {
		return &fieldError{"id", "is required"}
	}
	if !idPattern.MatchString(p.ID) {
		return &fieldError{"id", "use lower-case letters, digits, - and _ (for example \"google\" or \"work-gitlab\")"}
	}
	if p.ID == DemoID {
		return &fieldError{"id", fmt.Sprintf("%q is the built-in demo provider; choose another id", DemoID)}
	}
	if p.Preset != "" {
		if _, ok := presetByName(p.Preset); !ok || p.Preset == DemoID {
			return &fieldError{"preset", fmt.Sprintf("unknown preset %q (known: %s)", p.Preset, strings.Join(PresetNames(), ", "))}
		}
	}
	r := p.WithPreset()
	switch r.GrantType() {
	case GrantAuthorizationCode, GrantClientCredentials:
	default:
		return &fieldError{"grant", fmt.Sprintf("must be %q or %q", GrantAuthorizationCode, GrantClientCredentials)}
	}
	if r.ClientID == "" {
		return &fieldError{"client_id", "is required: register oauthdesk at the provider and copy the client ID here"}
	}
	for _, f := range []struct{ name, val string }{
		{"issuer", r.Issuer}, {"auth_url", r.AuthURL}, {"token_url", r.TokenURL},
		{"userinfo_url", r.UserinfoURL}, {"profile_url", r.ProfileURL}, {"revocation_url", r.RevocationURL},
		{"introspection_url", r.IntrospectionURL}, {"device_auth_url", r.DeviceAuthURL},
	} {
		if f.val == "" {
			continue
		}
		if err := checkEndpointURL(f.val, f.name == "issuer" && r.Quirks.TenantIssuer); err != nil {
			return &fieldError{f.name, err.Error()}
		}
	}
	if r.Issuer == "" {
		if r.TokenURL == "" {
			return &fieldError{"issuer", "set issuer (for OpenID Connect discovery) or auth_url and token_url"}
		}
		if r.GrantType() == GrantAuthorizationCode && r.AuthURL == "" {
			return &fieldError{"auth_url", "is required when there is no issuer"}
		}
	}
	switch strings.ToLower(strings.Trim(r.RedirectHost, "[]")) {
	case "", "127.0.0.1", "::1", "localhost":
	default:
		return &fieldError{"redirect_host", "must be 127.0.0.1, [::1] or localhost: native apps redirect to the loopback interface (RFC 8252 §7.3)"}
	}
	if r.RedirectPort < 0 || r.RedirectPort > 65535 {
		return &fieldError{"redirect_port", "must be between 0 (any free port) and 65535"}
	}
	if strings.ContainsAny(r.RedirectPath, "?#") {
		return &fieldError{"redirect_path", "must be a plain path, without ? or #"}
	}
	for _, s := range r.Scopes {
		if s == "" || strings.ContainsAny(s, " \t\n\"\\") {
			return &fieldError{"scopes", fmt.Sprintf("%q is not a valid scope: give each scope as its own string", s)}
		}
	}
	for k := range p.AuthParams {
		if reservedAuthParams[k] {
			return &fieldError{"auth_params", fmt.Sprintf("%q is set by oauthdesk and cannot be overridden", k)}
		}
	}
	return nil
}

// checkEndpointURL accepts absolute https URLs, and http only on loopback.
func checkEndpointURL(raw string, placeholder bool) error {
	if placeholder {
		raw = strings.ReplaceAll(raw, "{tenantid}", "tenant")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return fmt.Errorf("%q must use https (plain http is allowed only on loopback)", raw)
	}
	if u.Fragment != "" {
		return fmt.Errorf("%q must not have a #fragment", raw)
	}
	return nil
}

// isLoopbackHost reports whether host is localhost or a loopback IP.
func isLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
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

// firstLine keeps the first line of a library's multi-line message.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimPrefix(s, "toml: ")
}

// decodeErrPattern matches BurntSushi's decoding errors.
var decodeErrPattern = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// lastKey is the key's final part.
func lastKey(k toml.Key) string {
	if len(k) == 0 {
		return ""
	}
	return k[len(k)-1]
}

// fieldName names key, as the decoder reports it, for a message: a key of
// the providers table becomes providers[N].field, N being the block that
// holds line.
func (l *locator) fieldName(line int, key string) string {
	rest, ok := strings.CutPrefix(key, "providers.")
	if !ok || line <= 0 {
		return key
	}
	n := 0
	for _, b := range l.blocks {
		if b+1 <= line {
			n++
		}
	}
	if n == 0 {
		return key
	}
	return fmt.Sprintf("providers[%d].%s", n, rest)
}

// locator finds the line of a key inside the file's text, for errors.
type locator struct {
	lines []string
	// blocks[i] is the 0-based line of the i-th [[providers]] header.
	blocks []int
}

func newLocator(data []byte) *locator {
	l := &locator{lines: strings.Split(string(data), "\n")}
	for i, line := range l.lines {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "[[") && strings.Trim(strings.TrimSpace(strings.Trim(t, "[]")), " ") == "providers" {
			l.blocks = append(l.blocks, i)
		}
	}
	return l
}

// line is the 1-based line of key in provider block idx (-1: before any
// block; -2: any block), or the block's header line when the key is absent.
func (l *locator) line(idx int, key string) int {
	start, end := 0, len(l.lines)
	switch {
	case idx == -1 && len(l.blocks) > 0:
		end = l.blocks[0]
	case idx >= 0 && idx < len(l.blocks):
		start = l.blocks[idx]
		if idx+1 < len(l.blocks) {
			end = l.blocks[idx+1]
		}
	}
	if key != "" {
		for i := start; i < end; i++ {
			t := strings.TrimSpace(l.lines[i])
			if rest, ok := strings.CutPrefix(t, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return i + 1
			}
		}
	}
	if idx >= 0 && idx < len(l.blocks) {
		return l.blocks[idx] + 1
	}
	return 0
}
