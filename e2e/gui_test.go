package e2e

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestGUISmoke runs the real desktop app under Xvfb: the window opens, a
// sign-in to the demo provider with the scripted browser completes, the
// window changes to show it, and a screenshot is saved
// (e2e/testdata/out/gui-signed-in.png).
func TestGUISmoke(t *testing.T) {
	e := newEnv(t)
	if os.Getenv("DISPLAY") == "" {
		if os.Getenv("OAUTHDESK_REQUIRE_E2E") == "1" {
			t.Fatal("no DISPLAY: run through make test (scripts/session.sh starts Xvfb)")
		}
		t.Skip("no DISPLAY")
	}
	for _, tool := range []string{"xdotool", "import", "identify"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing (scripts/deps.sh installs it)", tool)
		}
	}
	gui := guiBinary(t)
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, gui)
	cmd.Env = append(e.environ(), "LANG=en_US.UTF-8")
	var logs bytes.Buffer
	cmd.Stdout, cmd.Stderr = &logs, &logs
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer func() {
		cmd.Process.Kill()
		cmd.Wait()
		if t.Failed() {
			t.Logf("app output:\n%s", logs.String())
		}
	}()

	win := waitWindow(t, ctx, "oauthdesk")
	out := filepath.Join("testdata", "out")
	os.MkdirAll(out, 0o755)
	before := waitRendered(t, ctx, win, filepath.Join(out, "gui-first-run.png"))

	// Sign in with the keyboard shortcut: the demo provider is selected on
	// first run.
	xdo(t, "mousemove", "--window", win, "400", "300")
	time.Sleep(300 * time.Millisecond)
	xdo(t, "key", "--window", win, "ctrl+l")

	deadline := time.Now().Add(30 * time.Second)
	for {
		var st map[string]any
		r := e.run("status", "demo", "--json")
		if r.code == 0 && json.Unmarshal([]byte(r.stdout), &st) == nil && st["signed_in"] == true {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the app did not sign in within 30 s; last status: %s %s", r.stdout, r.stderr)
		}
		time.Sleep(200 * time.Millisecond)
	}
	// Give the window a moment to show the new status, then compare.
	time.Sleep(1500 * time.Millisecond)
	after := screenshot(t, win, filepath.Join(out, "gui-signed-in.png"))
	if bytes.Equal(before, after) {
		t.Fatal("the window did not change after signing in")
	}
	page := e.browserPage()
	if !strings.Contains(page, "Signed in") {
		t.Fatalf("the browser page after the redirect:\n%s", page)
	}
}

// guiBinary is the desktop app: $OAUTHDESK_GUI_BIN, else oauthdesk-gui
// beside the CLI binary, else built.
func guiBinary(t *testing.T) string {
	t.Helper()
	if p := os.Getenv("OAUTHDESK_GUI_BIN"); p != "" {
		return p
	}
	p := filepath.Join(filepath.Dir(binary), "oauthdesk-gui")
	if _, err := os.Stat(p); err == nil {
		return p
	}
	p = filepath.Join(t.TempDir(), "oauthdesk-gui")
	if out, err := exec.Command("go", "build", "-tags", "no_emoji", "-o", p, "../cmd/oauthdesk-gui").CombinedOutput(); err != nil {
		t.Fatalf("building the desktop app: %v\n%s", err, out)
	}
	return p
}

// waitWindow waits until a visible window with the exact title exists and
// returns its ID.
func waitWindow(t *testing.T, ctx context.Context, title string) string {
	t.Helper()
	for {
		out, err := exec.Command("xdotool", "search", "--onlyvisible", "--name", "^"+title+"$").Output()
		if err == nil {
			if ids := strings.Fields(string(out)); len(ids) > 0 {
				return ids[0]
			}
		}
		select {
		case <-ctx.Done():
			t.Fatalf("no %q window appeared", title)
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// xdo runs xdotool.
func xdo(t *testing.T, args ...string) {
	t.Helper()
	if out, err := exec.Command("xdotool", args...).CombinedOutput(); err != nil {
		t.Fatalf("xdotool %v: %v\n%s", args, err, out)
	}
}

// waitRendered waits until the window shows more than a blank frame (the
// window maps before Fyne draws into it) and returns its screenshot.
func waitRendered(t *testing.T, ctx context.Context, win, path string) []byte {
	t.Helper()
	for {
		png := screenshot(t, win, path)
		out, err := exec.Command("identify", "-format", "%[fx:standard_deviation]", path).Output()
		if err == nil {
			if sd, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64); err == nil && sd > 0.02 {
				return png
			}
		}
		select {
		case <-ctx.Done():
			t.Fatal("the window stayed blank")
		case <-time.After(100 * time.Millisecond):
		}
	}
}

// screenshot saves the window to path and returns the PNG.
func screenshot(t *testing.T, win, path string) []byte {
	t.Helper()
	if out, err := exec.Command("import", "-window", win, path).CombinedOutput(); err != nil {
		t.Fatalf("import: %v\n%s", err, out)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestNoDisplay: with no display, both binaries say so and exit non-zero
// instead of letting GLFW abort the process.
func TestNoDisplay(t *testing.T) {
	e := newEnv(t)
	e.vars["DISPLAY"], e.vars["WAYLAND_DISPLAY"] = "", ""
	for _, bin := range []string{binary, guiBinary(t)} {
		cmd := exec.Command(bin)
		cmd.Env = e.environ()
		out, err := cmd.CombinedOutput()
		if code := exitCode(err); code != 1 || !strings.Contains(string(out), "no display") {
			t.Fatalf("%s with no display: exit %d\n%s", filepath.Base(bin), code, out)
		}
	}
}
