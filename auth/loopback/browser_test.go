package loopback

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// recordingBrowser sets $BROWSER to a real script that appends its
// arguments, one per line, to the returned file, and puts no system
// opener on PATH.
func recordingBrowser(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	log := filepath.Join(dir, "argv")
	script := filepath.Join(dir, "browser")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nfor a in \"$@\"; do printf '%s\\n' \"$a\" >> '"+log+"'; done\n"), 0o700); err != nil {
		t.Fatal(err)
	}
	t.Setenv("BROWSER", script)
	t.Setenv("PATH", dir)
	return log
}

// TestOpenBrowserGate (issue 7 item 2): whatever a caller passes, only
// https, or http on loopback, reaches the opener's command line, as its
// one argument.
func TestOpenBrowserGate(t *testing.T) {
	log := recordingBrowser(t)
	for _, hostile := range []string{
		"file:///etc/passwd",
		"javascript:alert(document.cookie)",
		"--gpu-launcher=/bin/sh -c id",
		"-new-window",
		"data:text/html,<script>alert(1)</script>",
		"http://evil.example/device",
		"https:opaque",
		"https:///nohost",
		" https://example.com/",
		"https://example.com/ --flag",
		"https://example.com/\n--flag",
		"",
	} {
		if err := OpenBrowser(hostile); !errors.Is(err, ErrUnsafeURL) {
			t.Errorf("OpenBrowser(%q) = %v, want ErrUnsafeURL", hostile, err)
		}
	}
	if b, err := os.ReadFile(log); err == nil {
		t.Fatalf("a refused URL reached the browser:\n%s", b)
	}
	ok := []string{"https://example.com/device?user_code=AB-CD", "http://127.0.0.1:8400/start/abc", "http://[::1]:8400/x", "http://localhost:1/"}
	for _, u := range ok {
		if err := OpenBrowser(u); err != nil {
			t.Errorf("OpenBrowser(%q): %v", u, err)
		}
	}
	b, _ := os.ReadFile(log)
	if got := strings.Split(strings.TrimSpace(string(b)), "\n"); strings.Join(got, " ") != strings.Join(ok, " ") {
		t.Fatalf("the browser was given %q, want %q", got, ok)
	}
}
