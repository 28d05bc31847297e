package auth

import (
	"errors"
	"os"
	"path/filepath"
	"testing"
)

// TestKeepBadConfig: the desktop app's engine opens on a providers file
// with a mistake, names it, and takes the file once it is fixed; the
// command line's engine refuses to start on it.
func TestKeepBadConfig(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "providers.toml")
	if err := os.WriteFile(path, []byte("[[providers]]\nid = \"gh\"\npreset = \"github\"\nclient_id = \n"), 0o600); err != nil {
		t.Fatal(err)
	}
	opts := Options{ConfigPath: path, LockDir: filepath.Join(dir, "locks"), Store: nil}
	t.Setenv("OAUTHDESK_STORE", "file")
	t.Setenv("OAUTHDESK_DATA_DIR", dir)
	var ce *ConfigError
	if _, err := New(opts); !errors.As(err, &ce) {
		t.Fatalf("New on a broken file: %v", err)
	}
	opts.KeepBadConfig = true
	e, err := New(opts)
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	if !errors.As(e.ConfigProblem(), &ce) || ce.Line != 4 || len(e.Providers()) != 0 {
		t.Fatalf("problem %v, providers %v", e.ConfigProblem(), e.Providers())
	}
	if err := e.SaveProvider(Provider{ID: "x", Preset: "github", ClientID: "c"}, ""); !errors.Is(err, ErrConfigNotWritten) {
		t.Fatalf("a save over the broken file: %v", err)
	}
	if err := os.WriteFile(path, []byte("[[providers]]\nid = \"gh\"\npreset = \"github\"\nclient_id = \"c\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := e.ReloadConfig(); err != nil || e.ConfigProblem() != nil || len(e.Providers()) != 1 {
		t.Fatalf("after the fix: %v %v %v", err, e.ConfigProblem(), e.Providers())
	}
}
