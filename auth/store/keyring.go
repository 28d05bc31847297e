package store

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"sync"

	"github.com/zalando/go-keyring"

	"oauthdesk/internal/faultpoint"
)

// keyringBackend is the part of go-keyring that KeyringStore uses. Tests
// wrap it to inject failures.
type keyringBackend interface {
	Get(service, user string) (string, error)
	Set(service, user, password string) error
	Delete(service, user string) error
}

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
		return boundedKeyring{next: osKeyring{}, limit: keyringTimeout()}
	}
	return s.kr
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
	// The parts the new manifest replaces, named in it so that they are
	// found again if a crash stops their deletion.
	var prev string
	var prevN int
	if old != nil && old.N > 0 {
		prev, prevN = old.Gen, old.N
	}
	cleanup := func() {
		if old != nil {
			// The new value is saved; parts of the old one that cannot be
			// removed now are unreferenced and harmless to reading.
			_ = s.deleteChunks(key, old.Gen, old.N)
			if old.Prev != "" {
				s.sweepChunks(key, old.Prev, old.PrevN) // left by a save cut short
			}
			if old.Pending != "" && old.Pending != gen {
				s.sweepChunks(key, old.Pending, old.PendingN) // written by a save that never finished
			}
		}
	}
	if mb := inlineManifest(gen, value, prev, prevN); mb != nil {
		if err := kr.Set(svc, key, string(mb)); err != nil {
			return s.fail(doing, err)
		}
		faultpoint.Hit(faultpoint.StoreManifest)
		cleanup()
		return nil
	}
	enc := base64.StdEncoding.EncodeToString(value)
	n := chunkCount(len(enc))
	sum := sha256.Sum256(value)
	if old != nil {
		// Say in the current manifest which parts are about to be written,
		// so that a crash before the new manifest leaves none unaccounted.
		marked := *old
		marked.Pending, marked.PendingN = gen, n
		if mb := encodeManifest(marked); mb != nil {
			if err := kr.Set(svc, key, string(mb)); err != nil {
				return s.fail(doing, err)
			}
		}
	}
	for i := 0; i < n; i++ {
		part := enc[i*chunkSize : min((i+1)*chunkSize, len(enc))]
		if err := kr.Set(svc, chunkName(key, gen, i), part); err != nil {
			s.deleteChunks(key, gen, i+1) // best effort; the old value is untouched
			return s.fail(fmt.Sprintf("%s (part %d of %d)", doing, i+1, n), err)
		}
		faultpoint.Hit(faultpoint.StorePart)
	}
	mb, err := json.Marshal(manifest{V: manifestVersion, Gen: gen, N: n, Len: len(value), SHA256: hex.EncodeToString(sum[:]), Prev: prev, PrevN: prevN})
	if err != nil {
		return fmt.Errorf("%s: encoding the manifest: %w", doing, err)
	}
	if err := kr.Set(svc, key, string(mb)); err != nil {
		s.deleteChunks(key, gen, n) // best effort; the old value is untouched
		return s.fail(doing, err)
	}
	faultpoint.Hit(faultpoint.StoreManifest)
	cleanup()
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
		if m.Prev != "" {
			s.sweepChunks(key, m.Prev, m.PrevN) // left by a save cut short
		}
		if m.Pending != "" {
			s.sweepChunks(key, m.Pending, m.PendingN) // written by a save that never finished
		}
	}
	return nil
}

// sweepChunks removes what is left of key's generation gen, whose
// deletion a crash may have cut short. deleteChunks removes part 0 last,
// so when part 0 is gone there is nothing left: one read settles it.
func (s *KeyringStore) sweepChunks(key, gen string, n int) {
	if _, err := s.backend().Get(s.service(), chunkName(key, gen, 0)); err == nil {
		_ = s.deleteChunks(key, gen, n)
	}
}

// deleteChunks removes parts 0..n-1 of key's generation gen, going on past
// failures, and returns the first failure other than a part already gone.
//
// Parts go last first, so that while part 0 exists some may be left (see
// sweepChunks).
func (s *KeyringStore) deleteChunks(key, gen string, n int) error {
	var first error
	for i := n - 1; i >= 0; i-- {
		err := s.backend().Delete(s.service(), chunkName(key, gen, i))
		if err != nil && !errors.Is(err, keyring.ErrNotFound) && !vanished(err) && first == nil {
			first = err
		}
	}
	return first
}
