package idp

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"sync"
	"time"
)

// stateFileName is the file in DataDir that holds the provider's state.
const stateFileName = "idp-state.json"

// stateVersion is the format version written to the state file.
const stateVersion = 1

// savedState is the state file's content. Refresh tokens appear only as
// hashes; passwords only as PBKDF2 hashes. The signing key is in the clear,
// which is why the file is mode 0600 in a 0700 directory.
type savedState struct {
	Version       int             `json:"version"`
	SigningKey    string          `json:"signing_key"` // PKCS#8 PEM
	Users         []*user         `json:"users"`
	RefreshTokens []*refreshToken `json:"refresh_tokens"`
	AccessTokens  []*accessToken  `json:"access_tokens"`
}

// stateFile writes snapshots of the storage to DataDir/idp-state.json.
type stateFile struct {
	path string
	mu   sync.Mutex // serializes writers
	// written is the storage version last written.
	written uint64
}

// openState prepares dir and loads its state file, if there is one. A
// missing file is a fresh start (nil state); a malformed one is an error
// naming the file.
func openState(dir string) (*stateFile, *savedState, error) {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return nil, nil, fmt.Errorf("idp: create data directory %s: %w", dir, err)
	}
	sf := &stateFile{path: filepath.Join(dir, stateFileName)}
	data, err := os.ReadFile(sf.path)
	if errors.Is(err, fs.ErrNotExist) {
		return sf, nil, nil
	}
	if err != nil {
		return nil, nil, fmt.Errorf("idp: read state file %s: %w", sf.path, err)
	}
	var st savedState
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&st); err != nil {
		return nil, nil, fmt.Errorf("idp: state file %s is malformed (fix or delete it): %w", sf.path, err)
	}
	if st.Version != stateVersion {
		return nil, nil, fmt.Errorf("idp: state file %s has version %d, this program reads version %d", sf.path, st.Version, stateVersion)
	}
	return sf, &st, nil
}

// restore loads saved state into a fresh storage.
func (s *storage) restore(st *savedState) error {
	path := s.state.path
	if st.SigningKey != "" {
		k, err := parseSigningKeyPEM(st.SigningKey)
		if err != nil {
			return fmt.Errorf("idp: state file %s is malformed: %w", path, err)
		}
		s.key = k
	}
	for _, u := range st.Users {
		if err := validateUser(u); err != nil {
			return fmt.Errorf("idp: state file %s is malformed: %w", path, err)
		}
		s.addUserLocked(u)
	}
	now := time.Now()
	for _, rt := range st.RefreshTokens {
		if rt == nil || rt.ID == "" || rt.ClientID == "" || rt.Subject == "" {
			return fmt.Errorf("idp: state file %s is malformed: refresh token record without id, client or subject", path)
		}
		if now.Before(rt.ExpiresAt) {
			s.refreshTokens[rt.ID] = rt
		}
	}
	for _, at := range st.AccessTokens {
		if at == nil || at.ID == "" || at.ClientID == "" {
			return fmt.Errorf("idp: state file %s is malformed: access token record without id or client", path)
		}
		if now.Before(at.ExpiresAt) {
			s.accessTokens[at.ID] = at
		}
	}
	return nil
}

// snapshotLocked copies the persisted part of the storage, leaving out
// expired tokens. The caller holds s.mu.
func (s *storage) snapshotLocked() (*savedState, error) {
	keyPEM, err := s.key.marshalPEM()
	if err != nil {
		return nil, err
	}
	st := &savedState{Version: stateVersion, SigningKey: keyPEM}
	for _, u := range s.users {
		c := *u
		st.Users = append(st.Users, &c)
	}
	slices.SortFunc(st.Users, func(a, b *user) int { return cmp.Compare(a.ID, b.ID) })
	now := time.Now()
	for _, rt := range s.refreshTokens {
		if now.Before(rt.ExpiresAt) {
			c := *rt
			st.RefreshTokens = append(st.RefreshTokens, &c)
		}
	}
	slices.SortFunc(st.RefreshTokens, func(a, b *refreshToken) int { return cmp.Compare(a.ID, b.ID) })
	for _, at := range s.accessTokens {
		if now.Before(at.ExpiresAt) {
			c := *at
			st.AccessTokens = append(st.AccessTokens, &c)
		}
	}
	slices.SortFunc(st.AccessTokens, func(a, b *accessToken) int { return cmp.Compare(a.ID, b.ID) })
	return st, nil
}

// persist writes the current state if it changed since the last write. It
// is a no-op without a data directory. Writers are serialized, and a
// snapshot older than the one already on disk is never written.
func (s *storage) persist() error {
	if s.state == nil {
		return nil
	}
	sf := s.state
	sf.mu.Lock()
	defer sf.mu.Unlock()
	s.mu.Lock()
	if s.version == sf.written {
		s.mu.Unlock()
		return nil
	}
	v := s.version
	st, err := s.snapshotLocked()
	s.mu.Unlock()
	if err != nil {
		return err
	}
	if err := sf.write(st); err != nil {
		s.log.Error("idp: saving state failed", "file", sf.path, "error", err)
		return err
	}
	sf.written = v
	return nil
}

// write stores st atomically: a temporary file in the same directory,
// synced, then renamed over the state file.
func (sf *stateFile) write(st *savedState) (err error) {
	data, err := json.MarshalIndent(st, "", "  ")
	if err != nil {
		return fmt.Errorf("idp: encode state for %s: %w", sf.path, err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(sf.path), "."+stateFileName+".*.tmp")
	if err != nil {
		return fmt.Errorf("idp: create temporary file for %s: %w", sf.path, err)
	}
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	// CreateTemp makes the file 0600 already; be explicit where chmod works.
	if err := tmp.Chmod(0o600); err != nil && !errors.Is(err, errors.ErrUnsupported) {
		return fmt.Errorf("idp: set mode of %s: %w", tmp.Name(), err)
	}
	if _, err := tmp.Write(append(data, '\n')); err != nil {
		return fmt.Errorf("idp: write %s: %w", tmp.Name(), err)
	}
	if err := tmp.Sync(); err != nil {
		return fmt.Errorf("idp: sync %s: %w", tmp.Name(), err)
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("idp: close %s: %w", tmp.Name(), err)
	}
	if err := os.Rename(tmp.Name(), sf.path); err != nil {
		return fmt.Errorf("idp: replace %s: %w", sf.path, err)
	}
	return nil
}
