package provider

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// TestWatchSeesEverySave: Watch reports a change for each way a file is
// saved — written in place, replaced by a rename of a temporary file (most
// editors, and oauthdesk itself), and moved aside with a new file written
// in its place (vim's backup) — and nothing for another file in the
// directory.
func TestWatchSeesEverySave(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "providers.toml")
	write := func(p, s string) {
		t.Helper()
		if err := os.WriteFile(p, []byte(s), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write(path, "# start\n")
	changes := make(chan struct{}, 16)
	if err := Watch(t.Context(), path, func() { changes <- struct{}{} }); err != nil {
		t.Fatal(err)
	}
	expect := func(how string, want bool) {
		t.Helper()
		select {
		case <-changes:
			if !want {
				t.Errorf("%s: reported as a change of %s", how, path)
			}
		case <-time.After(map[bool]time.Duration{true: 10 * time.Second, false: 4 * settle}[want]):
			if want {
				t.Errorf("%s: no change reported", how)
			}
		}
	}

	write(filepath.Join(dir, "other.toml"), "x")
	expect("another file in the directory", false)

	write(path, "# in place\n")
	expect("a write in place", true)

	tmp := filepath.Join(dir, ".providers.toml.tmp")
	write(tmp, "# by rename\n")
	if err := os.Rename(tmp, path); err != nil {
		t.Fatal(err)
	}
	expect("a temporary file renamed over it", true)

	if err := os.Rename(path, path+"~"); err != nil {
		t.Fatal(err)
	}
	write(path, "# after a backup\n")
	expect("moved aside and written anew", true)

}
