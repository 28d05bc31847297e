package store

import (
	"bytes"
	"errors"
	"fmt"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
)

// flakyKeyring passes calls to the OS keyring but fails the failAt'th Set
// (1-based) with a transport error.
type flakyKeyring struct {
	osKeyring
	mu     sync.Mutex
	sets   int
	failAt int
}

func (f *flakyKeyring) Set(service, user, pass string) error {
	f.mu.Lock()
	f.sets++
	fail := f.sets == f.failAt
	f.mu.Unlock()
	if fail {
		return &net.OpError{Op: "write", Net: "unix", Err: errors.New("broken pipe")}
	}
	return f.osKeyring.Set(service, user, pass)
}

func TestKeyringStoreFailedSaveKeepsOldValue(t *testing.T) {
	s := newTestKeyringStore(t)
	old := randomBytes(9000) // 6 parts
	if err := s.Save("tok", old); err != nil {
		t.Fatal(err)
	}
	newVal := randomBytes(9000)
	parts := chunkCount(len(newVal) * 4 / 3)
	for _, failAt := range []int{1, 3, parts + 1} { // first part, a middle part, the manifest
		t.Run(fmt.Sprintf("failing set %d", failAt), func(t *testing.T) {
			flaky := &KeyringStore{Service: s.Service, kr: &flakyKeyring{failAt: failAt}}
			err := flaky.Save("tok", newVal)
			if err == nil {
				t.Fatal("Save succeeded despite the injected failure")
			}
			if !errors.Is(err, ErrKeyringUnavailable) {
				t.Errorf("err = %v, want ErrKeyringUnavailable", err)
			}
			mustLoad(t, s, "tok", old)
			wantUsers(t, s, "tok") // the failed generation's parts were removed
		})
	}
	if err := s.Save("tok", newVal); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, "tok", newVal)
}

func TestKeyringStoreConcurrentSaves(t *testing.T) {
	s := newTestKeyringStore(t)
	var vals [][]byte
	for i := 0; i < 4; i++ {
		vals = append(vals, randomBytes(5000+i))
	}
	var wg sync.WaitGroup
	errs := make(chan error, 16)
	for i := range vals {
		// Separate instances, as separate processes would be: they do not
		// share the in-process lock.
		st := &KeyringStore{Service: s.Service}
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range 3 {
				if err := st.Save("tok", vals[i]); err != nil {
					errs <- err
				}
			}
		}()
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	got, err := s.Load("tok")
	if err != nil {
		t.Fatalf("Load after concurrent saves: %v", err)
	}
	if !slices.ContainsFunc(vals, func(v []byte) bool { return bytes.Equal(v, got) }) {
		t.Fatal("Load returned none of the saved values")
	}
}

func TestKeyringStoreInvalidKey(t *testing.T) {
	s := &KeyringStore{Service: "oauthdesk-test-never-used"}
	for _, key := range []string{"", "a#b", "a\nb"} {
		if _, err := s.Load(key); err == nil || errors.Is(err, ErrNotFound) {
			t.Errorf("Load(%q): err = %v, want an invalid-key error", key, err)
		}
		if err := s.Save(key, []byte("x")); err == nil {
			t.Errorf("Save(%q) succeeded", key)
		}
		if err := s.Delete(key); err == nil {
			t.Errorf("Delete(%q) succeeded", key)
		}
	}
}

func TestKeyringStoreErrorMapping(t *testing.T) {
	s := &KeyringStore{Service: "svc"}
	for _, cause := range []error{
		&exec.Error{Name: "dbus-launch", Err: exec.ErrNotFound},
		&net.OpError{Op: "dial", Net: "unix", Err: errors.New("connect: no such file or directory")},
		dbus.Error{Name: "org.freedesktop.DBus.Error.ServiceUnknown", Body: []any{"The name org.freedesktop.secrets was not provided by any .service files"}},
		errors.New("failed to unlock correct collection '/org/freedesktop/secrets/aliases/default'"),
		errors.New("dbus: couldn't determine address of session bus"),
		dbus.ErrClosed,
	} {
		err := s.fail(`saving "tok" to the OS keyring`, cause)
		if !errors.Is(err, ErrKeyringUnavailable) || errors.Is(err, ErrNotFound) {
			t.Errorf("%T %v: mapped to %v, want ErrKeyringUnavailable", cause, cause, err)
			continue
		}
		if de, ok := cause.(dbus.Error); ok {
			var got dbus.Error
			if !errors.As(err, &got) || got.Name != de.Name {
				t.Errorf("%v: the cause is not unwrappable", cause)
			}
		} else if !errors.Is(err, cause) {
			t.Errorf("%v: the cause is not unwrappable", cause)
		}
		msg := err.Error()
		wants := []string{"saving \"tok\"", "not available", "gnome-keyring", "Secret Service", "OAUTHDESK_STORE=file", `store = "file"`}
		if strings.Contains(cause.Error(), "failed to unlock") {
			// A locked keyring says so, and how to unlock it.
			wants = []string{"saving \"tok\"", "keyring is locked", "unlock your login keyring", "OAUTHDESK_STORE=file", `store = "file"`}
			if !errors.Is(err, ErrKeyringLocked) {
				t.Errorf("%v: not ErrKeyringLocked", cause)
			}
		} else if errors.Is(err, ErrKeyringLocked) {
			t.Errorf("%v: mapped to ErrKeyringLocked", cause)
		}
		for _, want := range wants {
			if !strings.Contains(msg, want) {
				t.Errorf("message %q lacks %q", msg, want)
			}
		}
	}
	if err := s.fail("reading", fmt.Errorf("x: %w", keyring.ErrNotFound)); !errors.Is(err, ErrNotFound) || errors.Is(err, ErrKeyringUnavailable) {
		t.Errorf("keyring.ErrNotFound mapped to %v", err)
	}
	if err := s.fail("saving", keyring.ErrSetDataTooBig); errors.Is(err, ErrKeyringUnavailable) {
		t.Errorf("ErrSetDataTooBig mapped to %v", err)
	}
	for _, goos := range []string{"linux", "darwin", "windows", "freebsd"} {
		if h := keyringFixHint(goos); !strings.Contains(h, "OAUTHDESK_STORE=file") {
			t.Errorf("hint for %s lacks the file opt-in: %q", goos, h)
		}
	}
}

// noKeyringChildEnv tells a re-executed test binary which kind of missing
// keyring it runs under.
const noKeyringChildEnv = "OAUTHDESK_TEST_NO_KEYRING_CHILD"

// TestKeyringStoreUnavailable re-executes the test binary with no usable
// session bus (go-keyring's bus connection is cached process-wide, so this
// cannot be done in-process) and checks that every operation reports
// ErrKeyringUnavailable promptly.
func TestKeyringStoreUnavailable(t *testing.T) {
	if mode := os.Getenv(noKeyringChildEnv); mode != "" {
		keyringUnavailableChild(t, mode)
		return
	}
	modes := map[string][]string{
		// DBUS_SESSION_BUS_ADDRESS points at a socket that does not exist.
		"bogus-bus": {"DBUS_SESSION_BUS_ADDRESS=unix:path=" + filepath.Join(t.TempDir(), "no-such-bus")},
	}
	// No bus address and no dbus-launch to start one: only meaningful when
	// godbus cannot find the user's bus at /run/user/UID/bus either.
	if _, err := os.Stat(fmt.Sprintf("/run/user/%d/bus", os.Getuid())); err != nil {
		modes["no-bus"] = []string{"DBUS_SESSION_BUS_ADDRESS=", "PATH=" + t.TempDir()}
	}
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	for mode, env := range modes {
		t.Run(mode, func(t *testing.T) {
			cmd := exec.Command(exe, "-test.run=^TestKeyringStoreUnavailable$", "-test.count=1", "-test.v", "-test.timeout=60s")
			cmd.Env = append(envWithout(os.Environ(), "DBUS_SESSION_BUS_ADDRESS", "PATH", noKeyringChildEnv), env...)
			if !slices.ContainsFunc(env, func(e string) bool { return strings.HasPrefix(e, "PATH=") }) {
				cmd.Env = append(cmd.Env, "PATH="+os.Getenv("PATH"))
			}
			cmd.Env = append(cmd.Env, noKeyringChildEnv+"="+mode)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.Contains(string(out), "--- PASS: TestKeyringStoreUnavailable") {
				t.Fatalf("child test (%s) failed: %v\n%s", mode, err, out)
			}
			for _, line := range strings.Split(string(out), "\n") {
				if strings.Contains(line, "store_test.go") {
					t.Log(strings.TrimSpace(line))
				}
			}
		})
	}
}

// keyringUnavailableChild runs in the re-executed binary.
func keyringUnavailableChild(t *testing.T, mode string) {
	const secret = "SECRET-VALUE-must-not-leak"
	s := &KeyringStore{Service: "oauthdesk-test-unavailable"}
	check := func(op string, err error) {
		t.Helper()
		if !errors.Is(err, ErrKeyringUnavailable) || errors.Is(err, ErrNotFound) {
			t.Fatalf("%s with no keyring (%s): err = %v, want ErrKeyringUnavailable", op, mode, err)
		}
		msg := err.Error()
		if strings.Contains(msg, secret) {
			t.Fatalf("%s: the error leaks the secret: %v", op, err)
		}
		for _, want := range []string{"gnome-keyring", "OAUTHDESK_STORE=file"} {
			if !strings.Contains(msg, want) {
				t.Errorf("%s: the error lacks %q: %v", op, want, err)
			}
		}
	}
	_, err := s.Load("tok")
	check("Load", err)
	t.Logf("%s: %v", mode, err)
	var cause *KeyringUnavailableError
	if errors.As(err, &cause) {
		t.Logf("%s: the cause is a %T", mode, cause.Cause)
	}
	check("Save", s.Save("tok", []byte(secret)))
	check("Delete", s.Delete("tok"))
}

// envWithout returns env less the variables named.
func envWithout(env []string, names ...string) []string {
	var out []string
	for _, e := range env {
		name, _, _ := strings.Cut(e, "=")
		if !slices.Contains(names, name) {
			out = append(out, e)
		}
	}
	return out
}

// undeletableKeyring passes calls to the OS keyring but cannot delete, as
// when a process is killed right after writing a new manifest.
type undeletableKeyring struct{ osKeyring }

func (undeletableKeyring) Delete(string, string) error { return errors.New("killed before deleting") }

// TestKeyringStoreSweepsPartsACrashLeft: a save that never got to delete
// the previous generation's parts leaves them behind; the next save (or a
// delete) finds them through the manifest and removes them.
func TestKeyringStoreSweepsPartsACrashLeft(t *testing.T) {
	s := newTestKeyringStore(t)
	for _, next := range []func() error{
		func() error { return s.Save("tok", randomBytes(9000)) },    // chunked again
		func() error { return s.Save("tok", []byte("small text")) }, // inline
		func() error { return s.Delete("tok") },
	} {
		if err := s.Save("tok", randomBytes(9000)); err != nil {
			t.Fatal(err)
		}
		cut := &KeyringStore{Service: s.Service, kr: undeletableKeyring{}}
		v := randomBytes(7000)
		if err := cut.Save("tok", v); err != nil {
			t.Fatal(err)
		}
		mustLoad(t, s, "tok", v)
		m := rawManifest(t, s, "tok")
		if m.Prev == "" || m.PrevN != 6 {
			t.Fatalf("the manifest does not name the generation it replaced: %+v", m)
		}
		if got := len(serviceUsers(t, s.Service)); got != 1+m.N+m.PrevN {
			t.Fatalf("%d entries, want the old parts still there", got)
		}
		if err := next(); err != nil {
			t.Fatal(err)
		}
		if _, err := s.Load("tok"); err == nil {
			wantUsers(t, s, "tok")
		} else if got := serviceUsers(t, s.Service); len(got) != 0 {
			t.Fatalf("after Delete: %q", got)
		}
	}
}

// crashingKeyring passes calls to the OS keyring until sets Sets have
// been made, then fails every Set and every Delete: a process killed in
// the middle of a Save.
type crashingKeyring struct {
	osKeyring
	sets int
}

func (c *crashingKeyring) Set(service, user, pass string) error {
	if c.sets <= 0 {
		return errors.New("killed")
	}
	c.sets--
	return c.osKeyring.Set(service, user, pass)
}

func (c *crashingKeyring) Delete(string, string) error { return errors.New("killed") }

// TestKeyringStoreSweepsPartsOfASaveThatNeverFinished: a save killed after
// writing some of its parts, before its manifest, leaves them; the
// earlier value stays readable, and the next save removes them.
func TestKeyringStoreSweepsPartsOfASaveThatNeverFinished(t *testing.T) {
	s := newTestKeyringStore(t)
	old := randomBytes(9000)
	if err := s.Save("tok", old); err != nil {
		t.Fatal(err)
	}
	for _, sets := range []int{2, 3, 5} { // the marker and 1, 2 or 4 of 6 parts
		cut := &KeyringStore{Service: s.Service, kr: &crashingKeyring{sets: sets}}
		if err := cut.Save("tok", randomBytes(9000)); err == nil {
			t.Fatal("the cut save succeeded")
		}
		mustLoad(t, s, "tok", old)
		if got := len(serviceUsers(t, s.Service)); got != 1+6+sets-1 {
			t.Fatalf("%d entries after a cut save, want its %d parts left", got, sets-1)
		}
		newVal := randomBytes(9000)
		if err := s.Save("tok", newVal); err != nil {
			t.Fatal(err)
		}
		mustLoad(t, s, "tok", newVal)
		wantUsers(t, s, "tok")
		old = newVal
	}
}
