package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sync"

	"github.com/gofrs/flock"
)

// maxStoreFileSize bounds the secrets file FileStore reads.
const maxStoreFileSize = 64 << 20

// FileStore keeps secrets unencrypted in one JSON file that maps each key to
// its base64-encoded value. It is for machines without an OS keyring, and
// only when the person opts in to it.
//
// The file is written with mode 0600 in a directory created with mode 0700,
// atomically (a temporary file in the same directory, renamed over the old
// one), and writers in different processes take turns through a lock on
// the file PATH.lock. Every Load reads the file afresh, so processes see
// each other's writes. An existing file that others may read is tightened to
// mode 0600 before it is used, or refused if that fails.
type FileStore struct {
	path string
	mu   sync.Mutex // serialises this store's writers within the process
}

// NewFileStore returns a store in the file at path. Nothing is created until
// the first Save.
func NewFileStore(path string) *FileStore {
	return &FileStore{path: filepath.Clean(path)}
}

// Path returns the secrets file's path.
func (s *FileStore) Path() string { return s.path }

// Describe says where the secrets are kept, and that they are unencrypted.
func (s *FileStore) Describe() string {
	return fmt.Sprintf("the plain file %s (not encrypted)", s.path)
}

// Load returns the value saved under key, reading the file afresh.
func (s *FileStore) Load(key string) ([]byte, error) {
	if err := checkKey(key); err != nil {
		return nil, err
	}
	doing := fmt.Sprintf("reading %q from %s", key, s.Describe())
	m, err := s.read()
	if err != nil {
		return nil, fmt.Errorf("%s: %w", doing, err)
	}
	v, ok := m[key]
	if !ok {
		return nil, fmt.Errorf("%s: %w", doing, ErrNotFound)
	}
	if v == nil {
		v = []byte{}
	}
	return v, nil
}

// Save stores value under key, rewriting the file atomically.
func (s *FileStore) Save(key string, value []byte) error {
	if err := checkKey(key); err != nil {
		return err
	}
	v := append([]byte{}, value...)
	err := s.update(func(m map[string][]byte) bool {
		m[key] = v
		return true
	})
	if err != nil {
		return fmt.Errorf("saving %q to %s: %w", key, s.Describe(), err)
	}
	return nil
}

// Delete removes key from the file; an absent key or file is not an error.
func (s *FileStore) Delete(key string) error {
	if err := checkKey(key); err != nil {
		return err
	}
	if _, err := os.Lstat(s.path); errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	err := s.update(func(m map[string][]byte) bool {
		if _, ok := m[key]; !ok {
			return false
		}
		delete(m, key)
		return true
	})
	if err != nil {
		return fmt.Errorf("deleting %q from %s: %w", key, s.Describe(), err)
	}
	return nil
}

// update reads the file under the cross-process lock, lets change edit the
// map, and writes the map back if change reports a change.
func (s *FileStore) update(change func(map[string][]byte) bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if err := os.MkdirAll(filepath.Dir(s.path), 0o700); err != nil {
		return fmt.Errorf("creating the directory: %w", err)
	}
	lock := flock.New(s.path+".lock", flock.SetPermissions(0o600))
	if err := lock.Lock(); err != nil {
		return fmt.Errorf("locking %s: %w", lock.Path(), err)
	}
	defer lock.Unlock()
	m, err := s.read()
	if err != nil {
		return err
	}
	if !change(m) {
		return nil
	}
	return s.write(m)
}

// read returns the file's map: empty when the file does not exist. It
// tightens loose permissions and refuses anything but a regular file. Its
// errors never quote the file's content.
func (s *FileStore) read() (map[string][]byte, error) {
	fi, err := os.Lstat(s.path)
	if errors.Is(err, fs.ErrNotExist) {
		return map[string][]byte{}, nil
	}
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, errors.New("it is not a regular file (but a symbolic link, directory or device); oauthdesk keeps secrets only in a regular file")
	}
	f, err := os.Open(s.path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if err := tightenPerm(f, s.path); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(io.LimitReader(f, maxStoreFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxStoreFileSize {
		return nil, fmt.Errorf("it is larger than %d MB, so it is not an oauthdesk secrets file", maxStoreFileSize>>20)
	}
	m := map[string][]byte{}
	if len(data) == 0 {
		return m, nil
	}
	if err := json.Unmarshal(data, &m); err != nil {
		where := ""
		var se *json.SyntaxError
		if errors.As(err, &se) {
			where = fmt.Sprintf(" (invalid JSON at byte %d)", se.Offset)
		}
		return nil, fmt.Errorf("it is not a valid oauthdesk secrets file%s: expected a JSON object mapping keys to base64 values; fix or remove it", where)
	}
	if m == nil { // the file held null
		m = map[string][]byte{}
	}
	return m, nil
}

// tightenPerm makes an open secrets file readable by its owner only, or
// says how to fix it. Windows has no such mode bits.
func tightenPerm(f *os.File, path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := f.Stat()
	if err != nil {
		return err
	}
	if perm := fi.Mode().Perm(); perm&0o077 != 0 {
		if err := f.Chmod(0o600); err != nil {
			return fmt.Errorf("it has mode %04o, so others may read the secrets in it, and it could not be changed to 0600 (%v); run chmod 600 %s", perm, err, path)
		}
	}
	return nil
}

// write replaces the file atomically with m: a temporary file with mode
// 0600 in the same directory, synced, then renamed over the file.
func (s *FileStore) write(m map[string][]byte) (err error) {
	data, err := json.MarshalIndent(m, "", "  ")
	if err != nil {
		return fmt.Errorf("encoding the secrets: %w", err)
	}
	data = append(data, '\n')
	dir := filepath.Dir(s.path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(s.path)+".tmp-*")
	if err != nil {
		return fmt.Errorf("creating a temporary file: %w", err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	if runtime.GOOS != "windows" {
		if err := tmp.Chmod(0o600); err != nil {
			return fmt.Errorf("setting the temporary file's mode: %w", err)
		}
	}
	if _, err := tmp.Write(data); err != nil {
		return fmt.Errorf("writing the temporary file: %w", err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("syncing the temporary file: %w", err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("closing the temporary file: %w", err)
	}
	if err := os.Rename(tmp.Name(), s.path); err != nil {
		return fmt.Errorf("replacing the file: %w", err)
	}
	if runtime.GOOS != "windows" {
		if d, err := os.Open(dir); err == nil {
			d.Sync() // best effort: make the rename durable
			d.Close()
		}
	}
	return nil
}
