package store

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
)

func TestFileStoreRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cfg", "oauthdesk", "secrets.json")
	s := NewFileStore(path)
	if d := s.Describe(); !strings.Contains(d, path) || !strings.Contains(d, "not encrypted") {
		t.Errorf("Describe() = %q; it must name the file and say it is not encrypted", d)
	}
	if _, err := s.Load("tok"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load before any Save: err = %v, want ErrNotFound", err)
	}
	if err := s.Delete("tok"); err != nil {
		t.Fatalf("Delete with no file: %v", err)
	}
	if _, err := os.Stat(filepath.Dir(path)); !errors.Is(err, fs.ErrNotExist) {
		t.Fatalf("Delete with no file created something: %v", err)
	}
	bin := randomBytes(70000)
	if err := s.Save("tok", bin); err != nil {
		t.Fatal(err)
	}
	if err := s.Save("empty", nil); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, "tok", bin)
	if got, err := s.Load("empty"); err != nil || got == nil || len(got) != 0 {
		t.Fatalf("Load(empty) = %v, %v; want a non-nil empty slice", got, err)
	}
	if _, err := s.Load("missing"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load(missing): err = %v, want ErrNotFound", err)
	}
	if err := s.Save("tok", []byte("small")); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, "tok", []byte("small"))
	if err := s.Delete("tok"); err != nil {
		t.Fatal(err)
	}
	if _, err := s.Load("tok"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Load after Delete: err = %v, want ErrNotFound", err)
	}
	if err := s.Delete("tok"); err != nil {
		t.Fatalf("Delete of an absent key: %v", err)
	}
	// The file is a JSON object of base64 values.
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]string
	if err := json.Unmarshal(data, &m); err != nil || m["empty"] != "" || len(m) == 0 {
		t.Fatalf("file content is not a map of base64 strings: %v %v", m, err)
	}
	if left, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "*tmp*")); len(left) > 0 {
		t.Fatalf("temporary files left behind: %v", left)
	}
}

func TestFileStorePermissions(t *testing.T) {
	if os.PathSeparator == '\\' {
		t.Skip("Windows has no Unix mode bits")
	}
	dir := filepath.Join(t.TempDir(), "new")
	path := filepath.Join(dir, "secrets.json")
	s := NewFileStore(path)
	if err := s.Save("tok", []byte("v")); err != nil {
		t.Fatal(err)
	}
	for p, want := range map[string]fs.FileMode{path: 0o600, dir: 0o700, path + ".lock": 0o600} {
		fi, err := os.Stat(p)
		if err != nil {
			t.Fatal(err)
		}
		if got := fi.Mode().Perm(); got != want {
			t.Errorf("%s has mode %04o, want %04o", p, got, want)
		}
	}

	// A file that others can read is tightened before use.
	if err := os.Chmod(path, 0o644); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, s, "tok", []byte("v"))
	if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
		t.Errorf("after Load the loose file has mode %04o, want 0600", fi.Mode().Perm())
	}

	// A symbolic link is refused, not followed or replaced.
	link := filepath.Join(dir, "link.json")
	if err := os.Symlink(path, link); err != nil {
		t.Fatal(err)
	}
	if _, err := NewFileStore(link).Load("tok"); err == nil || errors.Is(err, ErrNotFound) || !strings.Contains(err.Error(), "regular file") {
		t.Errorf("Load through a symlink: err = %v, want a refusal", err)
	}
}

func TestFileStoreCorruptFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets.json")
	const secret = "SECRETXYZ"
	if err := os.WriteFile(path, []byte(`{"tok": "`+secret), 0o600); err != nil {
		t.Fatal(err)
	}
	s := NewFileStore(path)
	_, err := s.Load("tok")
	if err == nil || errors.Is(err, ErrNotFound) || strings.Contains(err.Error(), secret) || !strings.Contains(err.Error(), path) {
		t.Fatalf("Load of a corrupt file: err = %v; want an error naming the file and not quoting it", err)
	}
	t.Logf("corrupt file: %v", err)
	if err := s.Save("other", []byte("x")); err == nil {
		t.Fatal("Save over a corrupt file succeeded; it would have thrown its content away")
	}
	if data, _ := os.ReadFile(path); !strings.Contains(string(data), secret) {
		t.Fatal("the corrupt file was changed")
	}
}

func TestFileStoreSecondInstanceSeesWrites(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets.json")
	a, b := NewFileStore(path), NewFileStore(path)
	if err := a.Save("tok", []byte("one")); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, b, "tok", []byte("one"))
	if err := b.Save("tok", []byte("two")); err != nil {
		t.Fatal(err)
	}
	mustLoad(t, a, "tok", []byte("two"))
	if err := a.Delete("tok"); err != nil {
		t.Fatal(err)
	}
	if _, err := b.Load("tok"); !errors.Is(err, ErrNotFound) {
		t.Fatalf("b.Load after a.Delete: err = %v, want ErrNotFound", err)
	}
}

func TestFileStoreConcurrentSaves(t *testing.T) {
	path := filepath.Join(t.TempDir(), "secrets.json")
	stores := []*FileStore{NewFileStore(path), NewFileStore(path)}
	const goroutines, keys = 8, 10
	var wg sync.WaitGroup
	errs := make(chan error, len(stores)*goroutines*keys)
	for si, s := range stores {
		for g := 0; g < goroutines; g++ {
			wg.Add(1)
			go func() {
				defer wg.Done()
				for k := 0; k < keys; k++ {
					key := fmt.Sprintf("s%d-g%d-k%d", si, g, k)
					if err := s.Save(key, []byte(key)); err != nil {
						errs <- err
					}
				}
			}()
		}
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Fatal(err)
	}
	check := NewFileStore(path)
	for si := range stores {
		for g := 0; g < goroutines; g++ {
			for k := 0; k < keys; k++ {
				key := fmt.Sprintf("s%d-g%d-k%d", si, g, k)
				mustLoad(t, check, key, []byte(key))
			}
		}
	}
}

// fileStoreChildEnv names the file a re-executed test binary saves keys to.
const fileStoreChildEnv = "OAUTHDESK_TEST_FILESTORE_CHILD"

// TestFileStoreConcurrentProcesses has several processes save different
// keys into one file at once; the lock file keeps every key.
func TestFileStoreConcurrentProcesses(t *testing.T) {
	if spec := os.Getenv(fileStoreChildEnv); spec != "" {
		path, id, _ := strings.Cut(spec, "|")
		s := NewFileStore(path)
		for k := 0; k < 15; k++ {
			key := fmt.Sprintf("p%s-k%d", id, k)
			if err := s.Save(key, []byte(key)); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	path := filepath.Join(t.TempDir(), "secrets.json")
	exe, err := os.Executable()
	if err != nil {
		t.Fatal(err)
	}
	const procs = 4
	var cmds []*exec.Cmd
	var outs []*bytes.Buffer
	for p := 0; p < procs; p++ {
		cmd := exec.Command(exe, "-test.run=^TestFileStoreConcurrentProcesses$", "-test.count=1")
		cmd.Env = append(envWithout(os.Environ(), fileStoreChildEnv), fileStoreChildEnv+"="+path+"|"+strconv.Itoa(p))
		out := new(bytes.Buffer)
		cmd.Stdout, cmd.Stderr = out, out
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		cmds, outs = append(cmds, cmd), append(outs, out)
	}
	for i, cmd := range cmds {
		if err := cmd.Wait(); err != nil {
			t.Fatalf("child %d: %v\n%s", i, err, outs[i])
		}
	}
	s := NewFileStore(path)
	for p := 0; p < procs; p++ {
		for k := 0; k < 15; k++ {
			key := fmt.Sprintf("p%d-k%d", p, k)
			mustLoad(t, s, key, []byte(key))
		}
	}
}
