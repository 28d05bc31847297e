package auth

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"runtime"
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/zalando/go-keyring"
)

// How a value is laid out in the OS keyring.
//
// Windows Credential Manager rejects secrets over 2560 bytes and the macOS
// keychain over about 4 KB, while a token set with a large ID token easily
// passes that. So a value is base64-encoded and split into parts of at most
// chunkSize characters, each kept under the user name "KEY#GEN.I". The entry
// under KEY itself is a small JSON manifest naming the generation GEN, the
// number of parts and the value's SHA-256. A value that is UTF-8 text and
// small enough sits in the manifest itself (field "text", no parts), so
// that a typical token set costs one keyring read: each read is a few
// D-Bus round trips to the Secret Service, milliseconds apiece.
//
// Save writes the new generation's parts first, then the manifest, and only
// then deletes the previous generation's parts, so a Save that fails part-way
// leaves the previous value readable. Generations are random, so two
// processes saving the same key at once never write into each other's parts:
// the last manifest written wins and stays whole.
const (
	// chunkSeparator separates a key from the generation and part number in
	// the user names of a value's parts. Keys must not contain it.
	chunkSeparator = '#'
	// chunkSize is the most base64 characters kept in one keyring entry.
	chunkSize = 2000
	// maxChunks bounds the number of parts a manifest may name (128 MB).
	maxChunks = 1 << 16
	// maxEntryBytes is the most one keyring entry may hold (Windows'
	// CRED_MAX_CREDENTIAL_BLOB_SIZE, the smallest limit).
	maxEntryBytes = 2560
	// manifestVersion is the layout version written in the manifest.
	manifestVersion = 1
	// loadAttempts is how often Load starts over when a concurrent Save
	// replaced the generation it was reading.
	loadAttempts = 3
)

// keyringBackend is the part of go-keyring that KeyringStore uses. Tests
// wrap it to inject failures.
type keyringBackend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

// osKeyring is the OS keyring as go-keyring reaches it.
type osKeyring struct{}

func (osKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (osKeyring) Set(service, user, pass string) error     { return keyring.Set(service, user, pass) }
func (osKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }

// KeyringStore keeps secrets in the OS keyring: the Secret Service (for
// example gnome-keyring) on Linux, the login keychain on macOS and the
// Credential Manager on Windows.
type KeyringStore struct {
	// Service is the keyring service name the entries are kept under.
	// NewKeyringStore sets it to KeyringService; tests use another name so
	// that they never touch a person's real entries.
	Service string

	mu sync.Mutex     // serialises this store's writes and reads
	kr keyringBackend // nil means the OS keyring
}

// NewKeyringStore returns a store in the OS keyring under the service name
// KeyringService.
func NewKeyringStore() *KeyringStore {
	return &KeyringStore{Service: KeyringService}
}

// Describe says which keyring and service the secrets are kept in.
func (s *KeyringStore) Describe() string {
	return fmt.Sprintf("the OS keyring (service %s)", s.service())
}

func (s *KeyringStore) service() string {
	if s.Service == "" {
		return KeyringService
	}
	return s.Service
}

func (s *KeyringStore) backend() keyringBackend {
	if s.kr == nil {
		return osKeyring{}
	}
	return s.kr
}

// manifest is what the entry under a key holds: where the value's parts are
// and how to check them.
type manifest struct {
	V      int    `json:"v"`
	Gen    string `json:"gen"`
	N      int    `json:"n"`
	Len    int    `json:"len"`
	SHA256 string `json:"sha256"`
	// Text is the whole value, when it is UTF-8 and the manifest stays
	// within maxEntryBytes; N is then 0.
	Text string `json:"text,omitempty"`
}

// parseManifest decodes and checks a manifest entry. Its error never quotes
// the entry, which could be a secret written by something else.
func parseManifest(raw string) (*manifest, error) {
	var m manifest
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, errors.New("the entry is not an oauthdesk manifest")
	}
	switch {
	case m.V != manifestVersion:
		return nil, fmt.Errorf("the manifest has layout version %d, this oauthdesk reads version %d", m.V, manifestVersion)
	case !isGeneration(m.Gen):
		return nil, errors.New("the manifest's generation is malformed")
	case m.Len < 0 || m.N < 0 || m.N > maxChunks:
		return nil, errors.New("the manifest's sizes are out of range")
	case m.Text != "" && (m.N != 0 || len(m.Text) != m.Len):
		return nil, errors.New("the manifest's inline value does not match its length")
	case m.Text == "" && m.N != chunkCount(base64.StdEncoding.EncodedLen(m.Len)):
		return nil, errors.New("the manifest's part count does not match its length")
	}
	if sum, err := hex.DecodeString(m.SHA256); err != nil || len(sum) != sha256.Size {
		return nil, errors.New("the manifest's checksum is malformed")
	}
	return &m, nil
}

// isGeneration reports whether g looks like a generation newGeneration makes.
func isGeneration(g string) bool {
	if g == "" || len(g) > 32 {
		return false
	}
	for _, r := range g {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// newGeneration returns a random generation different from old's.
func newGeneration(old *manifest) string {
	for {
		var b [4]byte
		rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
		g := hex.EncodeToString(b[:])
		if old == nil || g != old.Gen {
			return g
		}
	}
}

// chunkCount is the number of parts an encoded value of n characters needs.
func chunkCount(n int) int { return (n + chunkSize - 1) / chunkSize }

// chunkName is the keyring user name of part i of key's generation gen.
func chunkName(key, gen string, i int) string {
	return fmt.Sprintf("%s%c%s.%d", key, chunkSeparator, gen, i)
}

// Load returns the value saved under key, checking it against the
// manifest's checksum.
func (s *KeyringStore) Load(key string) ([]byte, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doing := fmt.Sprintf("reading %q from %s", key, s.Describe())
	var lastErr error
	for attempt := 0; attempt < loadAttempts; attempt++ {
		m, err := s.readManifest(key)
		if err != nil {
			return nil, s.fail(doing, err)
		}
		val, err := s.readChunks(key, m)
		if err == nil {
			return val, nil
		}
		if !errors.Is(err, ErrCorruptEntry) {
			return nil, s.fail(doing, err)
		}
		lastErr = err
		// Another process may have saved a new generation and deleted the
		// one we were reading; if the manifest changed, read again.
		now, err := s.readManifest(key)
		if errors.Is(err, keyring.ErrNotFound) {
			return nil, s.fail(doing, err) // deleted meanwhile
		}
		if err != nil || now.Gen == m.Gen {
			break
		}
	}
	return nil, fmt.Errorf("%s: %w; delete it (sign out) and save it again", doing, lastErr)
}

// readManifest fetches and parses the manifest under key. A damaged
// manifest is reported as ErrCorruptEntry.
func (s *KeyringStore) readManifest(key string) (*manifest, error) {
	raw, err := s.backend().Get(s.service(), key)
	if err != nil {
		return nil, err
	}
	m, err := parseManifest(raw)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrCorruptEntry, err)
	}
	return m, nil
}

// readChunks fetches m's parts and reassembles and checks the value. A
// missing or damaged part is reported as ErrCorruptEntry.
func (s *KeyringStore) readChunks(key string, m *manifest) ([]byte, error) {
	if m.Text != "" {
		return checkSum([]byte(m.Text), m)
	}
	var enc strings.Builder
	enc.Grow(m.N * chunkSize)
	for i := 0; i < m.N; i++ {
		c, err := s.backend().Get(s.service(), chunkName(key, m.Gen, i))
		if errors.Is(err, keyring.ErrNotFound) {
			return nil, fmt.Errorf("%w: part %d of %d is missing", ErrCorruptEntry, i+1, m.N)
		}
		if err != nil {
			return nil, err
		}
		if len(c) > chunkSize {
			return nil, fmt.Errorf("%w: part %d of %d is too long", ErrCorruptEntry, i+1, m.N)
		}
		enc.WriteString(c)
	}
	val, err := base64.StdEncoding.DecodeString(enc.String())
	if err != nil {
		return nil, fmt.Errorf("%w: its parts do not decode", ErrCorruptEntry)
	}
	return checkSum(val, m)
}

// checkSum returns val if it has m's length and checksum.
func checkSum(val []byte, m *manifest) ([]byte, error) {
	sum := sha256.Sum256(val)
	if len(val) != m.Len || hex.EncodeToString(sum[:]) != m.SHA256 {
		return nil, fmt.Errorf("%w: its checksum does not match", ErrCorruptEntry)
	}
	return val, nil
}

// inlineManifest is the manifest holding value itself, or nil when value
// is not UTF-8 text or would make the entry too large.
func inlineManifest(gen string, value []byte) []byte {
	if len(value) == 0 || len(value) > maxEntryBytes || !utf8.Valid(value) {
		return nil
	}
	sum := sha256.Sum256(value)
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(manifest{V: manifestVersion, Gen: gen, Len: len(value), SHA256: hex.EncodeToString(sum[:]), Text: string(value)}); err != nil {
		return nil
	}
	if buf.Len() > maxEntryBytes {
		return nil
	}
	return bytes.TrimSpace(buf.Bytes())
}

// Save stores value under key as a new generation of parts and then a
// manifest, and then removes the previous generation's parts.
func (s *KeyringStore) Save(key string, value []byte) error {
	if err := checkKey(key); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doing := fmt.Sprintf("saving %q to %s", key, s.Describe())
	kr, svc := s.backend(), s.service()

	// The generation being replaced, if there is a readable one. A damaged
	// manifest is simply overwritten.
	old, err := s.readManifest(key)
	switch {
	case err == nil:
	case errors.Is(err, keyring.ErrNotFound), errors.Is(err, ErrCorruptEntry):
		old = nil
	default:
		return s.fail(doing, err)
	}

	gen := newGeneration(old)
	if mb := inlineManifest(gen, value); mb != nil {
		if err := kr.Set(svc, key, string(mb)); err != nil {
			return s.fail(doing, err)
		}
		if old != nil {
			_ = s.deleteChunks(key, old.Gen, old.N)
		}
		return nil
	}
	enc := base64.StdEncoding.EncodeToString(value)
	n := chunkCount(len(enc))
	sum := sha256.Sum256(value)
	for i := 0; i < n; i++ {
		part := enc[i*chunkSize : min((i+1)*chunkSize, len(enc))]
		if err := kr.Set(svc, chunkName(key, gen, i), part); err != nil {
			s.deleteChunks(key, gen, i+1) // best effort; the old value is untouched
			return s.fail(fmt.Sprintf("%s (part %d of %d)", doing, i+1, n), err)
		}
	}
	mb, err := json.Marshal(manifest{V: manifestVersion, Gen: gen, N: n, Len: len(value), SHA256: hex.EncodeToString(sum[:])})
	if err != nil {
		return fmt.Errorf("%s: encoding the manifest: %w", doing, err)
	}
	if err := kr.Set(svc, key, string(mb)); err != nil {
		s.deleteChunks(key, gen, n) // best effort; the old value is untouched
		return s.fail(doing, err)
	}
	if old != nil {
		// The new value is saved; parts of the old one that cannot be
		// removed now are unreferenced and harmless to reading.
		_ = s.deleteChunks(key, old.Gen, old.N)
	}
	return nil
}

// Delete removes key's manifest and then its parts. A damaged manifest is
// removed too, so that deleting always clears a key.
func (s *KeyringStore) Delete(key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	doing := fmt.Sprintf("deleting %q from %s", key, s.Describe())
	m, err := s.readManifest(key)
	switch {
	case errors.Is(err, keyring.ErrNotFound):
		return nil
	case err != nil && !errors.Is(err, ErrCorruptEntry):
		return s.fail(doing, err)
	}
	if err := s.backend().Delete(s.service(), key); err != nil && !errors.Is(err, keyring.ErrNotFound) && !vanished(err) {
		return s.fail(doing, err)
	}
	if m != nil {
		if err := s.deleteChunks(key, m.Gen, m.N); err != nil {
			return s.fail(doing+" (removing its parts)", err)
		}
	}
	return nil
}

// deleteChunks removes parts 0..n-1 of key's generation gen, going on past
// failures, and returns the first failure other than a part already gone.
func (s *KeyringStore) deleteChunks(key, gen string, n int) error {
	var first error
	for i := 0; i < n; i++ {
		err := s.backend().Delete(s.service(), chunkName(key, gen, i))
		if err != nil && !errors.Is(err, keyring.ErrNotFound) && !vanished(err) && first == nil {
			first = err
		}
	}
	return first
}

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
// vanished reports the Secret Service's answer when an item was deleted by
// another process between our search and our delete: the item's D-Bus
// object is gone. For a delete, that is success.
func vanished(err error) bool {
	msg := err.Error()
	return strings.Contains(msg, "No such interface") || strings.Contains(msg, "No such object") ||
		strings.Contains(msg, "Object does not exist")
}

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
	return fmt.Sprintf("%s: %v (%s); %s", e.Doing, ErrKeyringUnavailable,
		sanitize(e.Cause.Error(), 300), keyringFixHint(runtime.GOOS))
}

// Unwrap yields ErrKeyringUnavailable and the cause.
func (e *KeyringUnavailableError) Unwrap() []error {
	return []error{ErrKeyringUnavailable, e.Cause}
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
