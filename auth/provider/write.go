package provider

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"time"

	"github.com/gofrs/flock"

	"oauthdesk/internal/tomledit"
)

// Writing the providers file.
//
// The file is the person's: they may edit it by hand at any time, also
// while the app runs. So every write starts from the file as it is on disk
// now, under a lock that other oauthdesk processes take too, and changes
// one provider's [[providers]] block only (internal/tomledit edits its text,
// so other blocks, comments, blank lines and layout stay byte for byte).
// The result is parsed again and compared with the intended config before
// it replaces the file, through a temporary file and a rename, with the
// file's own mode. A file that does not parse is never written over.

// ErrConfigNotWritten is wrapped by every error of a write to the
// providers file that changed nothing (it has a mistake, it is locked, or
// the change could not be limited to one block).
var ErrConfigNotWritten = errors.New("nothing was written to the file")

// ErrUnknownProvider means no provider has the requested ID.
var ErrUnknownProvider = errors.New("unknown provider")

// configLockWait bounds the wait for another process writing the file;
// lockRetry is how often the lock is tried meanwhile.
const (
	configLockWait = 10 * time.Second
	lockRetry      = 20 * time.Millisecond
)

// UpsertProvider adds p to the providers file at path, or replaces the
// provider with p's ID, merged into the file as it is now. It returns the
// file's new content.
func UpsertProvider(path string, p Provider) (*Config, error) {
	p.Quirks = Quirks{}
	fields, err := tomledit.Fields(p)
	if err != nil {
		return nil, fmt.Errorf("saving %s to %s: %w", p.ID, path, err)
	}
	return editConfig(path, "saving "+p.ID+" to",
		func(c *Config) error { c.Upsert(p); return nil },
		func(src []byte) ([]byte, error) { return tomledit.Set(src, "providers", "id", p.ID, fields) })
}

// ErrProviderExists means AddProvider found the ID in the file already.
var ErrProviderExists = errors.New("a provider with this ID is in the file already")

// AddProvider is UpsertProvider for a new provider only: it fails with
// ErrProviderExists, writing nothing, when the file (as it is now, under the
// lock) already has p's ID.
func AddProvider(path string, p Provider) (*Config, error) {
	p.Quirks = Quirks{}
	fields, err := tomledit.Fields(p)
	if err != nil {
		return nil, fmt.Errorf("adding %s to %s: %w", p.ID, path, err)
	}
	return editConfig(path, "adding "+p.ID+" to",
		func(c *Config) error {
			if _, ok := c.Provider(p.ID); ok {
				return fmt.Errorf("%s: %w (%s); %w", p.ID, ErrProviderExists, path, ErrConfigNotWritten)
			}
			c.Upsert(p)
			return nil
		},
		func(src []byte) ([]byte, error) { return tomledit.Set(src, "providers", "id", p.ID, fields) })
}

// RemoveProviderFromFile deletes the provider with id from the providers
// file at path, leaving the rest of the file as it is.
func RemoveProviderFromFile(path, id string) (*Config, error) {
	return editConfig(path, "removing "+id+" from",
		func(c *Config) error {
			if !c.Remove(id) {
				return fmt.Errorf("%w %q: it is not in %s", ErrUnknownProvider, id, path)
			}
			return nil
		},
		func(src []byte) ([]byte, error) { return tomledit.Remove(src, "providers", "id", id) })
}

// editConfig applies one change to the file under its lock: change says
// what the config must become, splice makes that change in the text.
func editConfig(path, doing string, change func(*Config) error, splice func([]byte) ([]byte, error)) (*Config, error) {
	fail := func(format string, args ...any) error {
		return fmt.Errorf("%s %s: %s; %w", doing, path, fmt.Sprintf(format, args...), ErrConfigNotWritten)
	}
	target := path
	if t, err := filepath.EvalSymlinks(path); err == nil {
		target = t // keep a symlinked file (a dotfiles repository) a symlink
	}
	if err := os.MkdirAll(filepath.Dir(target), 0o700); err != nil {
		return nil, fail("creating its directory: %v", err)
	}
	lock := flock.New(filepath.Join(filepath.Dir(target), "."+filepath.Base(target)+".lock"))
	ctx, cancel := context.WithTimeout(context.Background(), configLockWait)
	defer cancel()
	if ok, err := lock.TryLockContext(ctx, lockRetry); err != nil || !ok {
		return nil, fail("another oauthdesk process has been writing it for %v", configLockWait)
	}
	defer lock.Unlock()

	mode := fs.FileMode(0o600)
	data, err := os.ReadFile(target)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		data = nil
	case err != nil:
		return nil, fail("reading it: %v", err)
	default:
		if fi, err := os.Stat(target); err == nil {
			mode = fi.Mode().Perm()
		}
	}
	cur, err := ParseConfig(path, data)
	if err != nil {
		return nil, fmt.Errorf("%w; fix that first: %w", err, ErrConfigNotWritten)
	}
	want := *cur
	want.Providers = append([]Provider(nil), cur.Providers...)
	if err := change(&want); err != nil {
		return nil, err
	}
	out, err := splice(data)
	if err != nil {
		return nil, fail("%v", err)
	}
	got, err := ParseConfig(path, out)
	if err != nil {
		return nil, fail("the edited file would not be valid (%v)", err)
	}
	if !sameConfig(got, &want) {
		return nil, fail("the change could not be limited to that provider's block; edit the file by hand")
	}
	if err := writeFileAtomic(target, out, mode); err != nil {
		return nil, fail("writing it: %v", err)
	}
	return got, nil
}

// sameConfig compares what two configs say, treating empty and absent
// lists and tables alike.
func sameConfig(a, b *Config) bool {
	if a.Store != b.Store || len(a.Providers) != len(b.Providers) {
		return false
	}
	norm := func(p Provider) Provider {
		p.Quirks = Quirks{}
		if len(p.Scopes) == 0 {
			p.Scopes = nil
		}
		if len(p.AuthParams) == 0 {
			p.AuthParams = nil
		}
		return p
	}
	for i := range a.Providers {
		if !reflect.DeepEqual(norm(a.Providers[i]), norm(b.Providers[i])) {
			return false
		}
	}
	return true
}
