package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"slices"
	"strings"
	"testing"

	"github.com/zalando/go-keyring"
)

// The keyring tests use the real Secret Service (gnome-keyring in a private
// D-Bus session: run `bash scripts/session.sh go test ./auth/store/`). They skip
// when there is no session bus, unless OAUTHDESK_REQUIRE_KEYRING=1, when
// they fail instead.

// requireKeyring skips or fails t when no Secret Service is usable.
func requireKeyring(t *testing.T) {
	t.Helper()
	required := os.Getenv("OAUTHDESK_REQUIRE_KEYRING") == "1"
	if os.Getenv("DBUS_SESSION_BUS_ADDRESS") == "" {
		if required {
			t.Fatal("OAUTHDESK_REQUIRE_KEYRING=1 but DBUS_SESSION_BUS_ADDRESS is unset: there is no session bus to reach a Secret Service on; run the tests with `bash scripts/session.sh go test ./auth/store/`")
		}
		t.Skip("skipping the OS keyring test: DBUS_SESSION_BUS_ADDRESS is unset (no D-Bus session bus); run `bash scripts/session.sh go test ./auth/store/` to test against a private gnome-keyring, or set OAUTHDESK_REQUIRE_KEYRING=1 to make this a failure")
	}
	probe := testServiceName(t) + "-probe"
	if err := keyring.Set(probe, "probe", "probe"); err != nil {
		t.Fatalf("DBUS_SESSION_BUS_ADDRESS is set but the Secret Service is not usable: %v; run the tests with `bash scripts/session.sh go test ./auth/store/`", err)
	}
	_ = keyring.Delete(probe, "probe")
}

// testServiceName is a keyring service name unique to this test run, so
// that tests never touch a person's real oauthdesk entries.
func testServiceName(t *testing.T) string {
	var b [4]byte
	rand.Read(b[:])
	return fmt.Sprintf("oauthdesk-test-%d-%s-%s", os.Getpid(), hex.EncodeToString(b[:]), t.Name())
}

// newTestKeyringStore returns a store on the real keyring under a fresh
// service name, removed when the test ends.
func newTestKeyringStore(t *testing.T) *KeyringStore {
	t.Helper()
	requireKeyring(t)
	s := NewKeyringStore()
	if s.Service != KeyringService {
		t.Fatalf("NewKeyringStore().Service = %q, want %q", s.Service, KeyringService)
	}
	s.Service = testServiceName(t)
	t.Cleanup(func() { _ = keyring.DeleteAll(s.Service) })
	return s
}

// serviceUsers lists the user names of every keyring entry under service,
// as secret-tool sees them. It skips the check when secret-tool is missing
// and OAUTHDESK_REQUIRE_KEYRING is not 1.
func serviceUsers(t *testing.T, service string) []string {
	t.Helper()
	if _, err := exec.LookPath("secret-tool"); err != nil {
		if os.Getenv("OAUTHDESK_REQUIRE_KEYRING") == "1" {
			t.Fatal("secret-tool is not installed (package libsecret-tools); scripts/deps.sh installs it")
		}
		t.Log("secret-tool is not installed; not listing keyring entries")
		return nil
	}
	// secret-tool prints the attributes on stderr and the rest on stdout.
	out, err := exec.Command("secret-tool", "search", "--all", "service", service).CombinedOutput()
	if err != nil {
		t.Fatalf("secret-tool search: %v", err)
	}
	var users []string
	for _, line := range strings.Split(string(out), "\n") {
		if u, ok := strings.CutPrefix(line, "attribute.username = "); ok {
			users = append(users, u)
		}
	}
	slices.Sort(users)
	return users
}

// wantUsers checks that exactly the manifest and the parts of the current
// generation of key are stored under the service.
func wantUsers(t *testing.T, s *KeyringStore, key string) {
	t.Helper()
	if _, err := exec.LookPath("secret-tool"); err != nil && os.Getenv("OAUTHDESK_REQUIRE_KEYRING") != "1" {
		return
	}
	m := rawManifest(t, s, key)
	want := []string{key}
	for i := 0; i < m.N; i++ {
		want = append(want, chunkName(key, m.Gen, i))
	}
	slices.Sort(want)
	if got := serviceUsers(t, s.Service); !slices.Equal(got, want) {
		t.Fatalf("keyring entries = %q, want %q", got, want)
	}
}

// rawManifest reads key's manifest straight from the keyring.
func rawManifest(t *testing.T, s *KeyringStore, key string) *manifest {
	t.Helper()
	raw, err := keyring.Get(s.Service, key)
	if err != nil {
		t.Fatalf("reading the manifest: %v", err)
	}
	m, err := parseManifest(raw)
	if err != nil {
		t.Fatalf("parsing the manifest: %v", err)
	}
	return m
}

func randomBytes(n int) []byte {
	b := make([]byte, n)
	rand.Read(b)
	return b
}

func mustLoad(t *testing.T, s SecretStore, key string, want []byte) {
	t.Helper()
	got, err := s.Load(key)
	if err != nil {
		t.Fatalf("Load(%q): %v", key, err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Load(%q) returned %d bytes that differ from the %d saved", key, len(got), len(want))
	}
}

func TestKeyringStoreRoundTripSmall(t *testing.T) {
	s := newTestKeyringStore(t)
	if d := s.Describe(); d != "the OS keyring (service "+s.Service+")" {
		t.Errorf("Describe() = %q", d)
	}
	val := []byte(`{"access_token":"at-1","refresh_token":"rt-1"}`)
	if err := s.Save("token:example", val); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, "token:example", val)
	// A second store instance (as another process would) reads it too.
	mustLoad(t, &KeyringStore{Service: s.Service}, "token:example", val)
	if m := rawManifest(t, s, "token:example"); m.N != 0 || m.Len != len(val) || m.Text != string(val) {
		t.Errorf("manifest = %+v, want the %d bytes inline, with no parts", m, len(val))
	}
	wantUsers(t, s, "token:example")
}

func TestKeyringStoreRoundTripEmpty(t *testing.T) {
	s := newTestKeyringStore(t)
	if err := s.Save("empty", nil); err != nil {
		t.Fatal(err)
	}
	got, err := s.Load("empty")
	if err != nil || len(got) != 0 {
		t.Fatalf("Load = %q, %v; want empty, nil", got, err)
	}
	wantUsers(t, s, "empty")
}

func TestKeyringStoreRoundTrip64KB(t *testing.T) {
	s := newTestKeyringStore(t)
	val := randomBytes(64 << 10)
	if err := s.Save("big", val); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, "big", val)
	m := rawManifest(t, s, "big")
	if want := chunkCount(len(val) * 4 / 3); m.N < want || m.N < 40 {
		t.Fatalf("manifest names %d parts, want at least %d", m.N, want)
	}
	for i := 0; i < m.N; i++ {
		c, err := keyring.Get(s.Service, chunkName("big", m.Gen, i))
		if err != nil {
			t.Fatalf("part %d: %v", i, err)
		}
		if len(c) > 2000 {
			t.Fatalf("part %d holds %d characters, more than 2000", i, len(c))
		}
	}
	if raw, _ := keyring.Get(s.Service, "big"); len(raw) > 300 {
		t.Errorf("the manifest is %d bytes; it should be small", len(raw))
	}
	wantUsers(t, s, "big")
}

func TestKeyringStoreOverwriteLargeWithSmall(t *testing.T) {
	s := newTestKeyringStore(t)
	big := randomBytes(64 << 10)
	if err := s.Save("tok", big); err != nil {
		t.Fatal(err)
	}
	old := rawManifest(t, s, "tok")
	small := []byte("small")
	if err := s.Save("tok", small); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, "tok", small)
	now := rawManifest(t, s, "tok")
	if now.Gen == old.Gen {
		t.Fatalf("the generation did not change: %s", now.Gen)
	}
	for i := 0; i < old.N; i++ {
		if _, err := keyring.Get(s.Service, chunkName("tok", old.Gen, i)); !errors.Is(err, keyring.ErrNotFound) {
			t.Fatalf("old part %d: err = %v, want it gone", i, err)
		}
	}
	wantUsers(t, s, "tok")
	if got := serviceUsers(t, s.Service); got != nil && len(got) != 1 {
		t.Fatalf("%d keyring entries after overwriting, want 1 (the small value sits in the manifest): %q", len(got), got)
	}
}

func TestKeyringStoreInlineLimit(t *testing.T) {
	s := newTestKeyringStore(t)
	// Text that fits one entry is inline; text just over the limit, and
	// binary data, go to parts. No entry passes Windows' 2560 bytes.
	for _, tc := range []struct {
		name   string
		val    []byte
		inline bool
	}{
		{"fits", bytes.Repeat([]byte("a"), 2300), true},
		{"too long", bytes.Repeat([]byte("a"), 2600), false},
		{"quotes expand past the limit", bytes.Repeat([]byte(`"`), 1400), false},
		{"binary", []byte{0xff, 0xfe, 0x00, 0x01}, false},
	} {
		if err := s.Save("k", tc.val); err != nil {
			t.Fatal(err)
		}
		mustLoad(t, s, "k", tc.val)
		m := rawManifest(t, s, "k")
		if (m.Text != "") != tc.inline {
			t.Errorf("%s: inline = %v, want %v", tc.name, m.Text != "", tc.inline)
		}
		raw, err := keyring.Get(s.Service, "k")
		if err != nil || len(raw) > maxEntryBytes {
			t.Errorf("%s: manifest entry is %d bytes (%v)", tc.name, len(raw), err)
		}
	}
}

func TestKeyringStoreDelete(t *testing.T) {
	s := newTestKeyringStore(t)
	if err := s.Save("tok", randomBytes(10000)); err != nil {
		t.Fatal(err)
	}
	if err := s.Save("other", []byte("keep me")); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("tok"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load("tok"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load after Delete: err = %v, want ErrNotFound", err)
	}
	mustLoad(t, s, "other", []byte("keep me"))
	wantUsers(t, s, "other") // nothing of "tok" is left
	if err := s.Delete("tok"); err != nil {
		t.Fatalf("deleting an absent key: %v", err)
	}
	if err := s.Delete("never-saved"); err != nil {
		t.Fatalf("deleting a never-saved key: %v", err)
	}
}

func TestKeyringStoreLoadMissing(t *testing.T) {
	s := newTestKeyringStore(t)
	_, err := s.Load("missing")
	if !errors.Is(err, ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if errors.Is(err, ErrKeyringUnavailable) {
		t.Fatalf("a missing key must not look like a missing keyring: %v", err)
	}
	if !strings.Contains(err.Error(), `"missing"`) {
		t.Errorf("the error does not name the key: %v", err)
	}
}

func TestKeyringStoreCorruptManifest(t *testing.T) {
	s := newTestKeyringStore(t)
	const secret = "s3cret-raw-token-value"
	for _, raw := range []string{
		secret, // not JSON, e.g. a value written by something else
		`{"v":1,"gen":"abc","n":3,"len":5,"sha256":"00"}`,
		`{"v":9,"gen":"abc","n":1,"len":5,"sha256":"` + strings.Repeat("0", 64) + `"}`,
	} {
		if err := keyring.Set(s.Service, "tok", raw); err != nil {
			t.Fatal(err)
		}
		_, err := s.Load("tok")
		if err == nil || !errors.Is(err, ErrCorruptEntry) || errors.Is(err, ErrNotFound) || errors.Is(err, ErrKeyringUnavailable) {
			t.Fatalf("Load of a corrupt manifest: err = %v, want ErrCorruptEntry", err)
		}
		if strings.Contains(err.Error(), secret) {
			t.Fatalf("the error leaks the stored value: %v", err)
		}
		if !strings.Contains(err.Error(), "damaged") || !strings.Contains(err.Error(), "delete it") {
			t.Errorf("the error does not say what is wrong and what to do: %v", err)
		}
		t.Logf("corrupt manifest: %v", err)
	}
	// Saving over a corrupt entry repairs it; deleting one clears it.
	if err := s.Save("tok", []byte("fresh")); err != nil {
		t.Fatalf("Save over a corrupt manifest: %v", err)
	}
	mustLoad(t, s, "tok", []byte("fresh"))
	if err := keyring.Set(s.Service, "tok", "garbage"); err != nil {
		t.Fatal(err)
	}
	if err := s.Delete("tok"); err != nil {
		t.Fatalf("Delete of a corrupt manifest: %v", err)
	}
	if _, err := s.Load("tok"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load after Delete: err = %v, want ErrNotFound", err)
	}
}

func TestKeyringStoreCorruptChunks(t *testing.T) {
	s := newTestKeyringStore(t)
	val := randomBytes(10000)
	if err := s.Save("tok", val); err != nil {
		t.Fatal(err)
	}
	m := rawManifest(t, s, "tok")

	// A part whose content changed: the checksum catches it.
	orig, err := keyring.Get(s.Service, chunkName("tok", m.Gen, 1))
	if err != nil {
		t.Fatal(err)
	}
	// The replacement stays in the base64 alphabet, so that the part
	// still decodes and only the checksum can tell.
	flipped := []byte(orig)
	flipped[10] = 'A'
	if orig[10] == 'A' {
		flipped[10] = 'B'
	}
	if err := keyring.Set(s.Service, chunkName("tok", m.Gen, 1), string(flipped)); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load("tok"); !errors.Is(err, ErrCorruptEntry) || !strings.Contains(err.Error(), "checksum") {
		t.Fatalf("Load with a changed part: err = %v, want a checksum error", err)
	} else {
		t.Logf("changed part: %v", err)
	}

	// A missing part.
	if err := keyring.Delete(s.Service, chunkName("tok", m.Gen, 2)); err != nil {
		t.Fatal(err)
	}
	_, err = s.Load("tok")
	if !errors.Is(err, ErrCorruptEntry) || !strings.Contains(err.Error(), fmt.Sprintf("part 3 of %d is missing", m.N)) {
		t.Fatalf("Load with a missing part: err = %v, want ErrCorruptEntry naming part 3", err)
	}
	t.Logf("missing part: %v", err)

	// Delete still removes everything that is left.
	if err := s.Delete("tok"); err != nil {
		t.Fatal(err)
	}
	if got := serviceUsers(t, s.Service); len(got) != 0 {
		t.Fatalf("entries left after Delete: %q", got)
	}
}
