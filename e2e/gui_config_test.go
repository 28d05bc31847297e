package e2e

import (
	"bytes"
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// redness is how much redder than green the strip of the window under the
// toolbar is (0 to 1): the providers-file banner is tinted with the theme's
// error colour, the window without it is white and grey there.
func redness(t *testing.T, png string) float64 {
	t.Helper()
	out, err := exec.Command("convert", png, "-crop", "700x80+400+60", "+repage", "-format", "%[fx:mean.r-mean.g]", "info:").Output()
	if err != nil {
		t.Fatalf("measuring %s: %v", png, err)
	}
	v, err := strconv.ParseFloat(strings.TrimSpace(string(out)), 64)
	if err != nil {
		t.Fatalf("measuring %s: %q", png, out)
	}
	return v
}

// TestGUIFollowsTheProvidersFile runs the real desktop app on a providers
// file with a mistake: it opens anyway with the banner; the banner goes when
// the person fixes the file by hand, and comes back when they break it.
func TestGUIFollowsTheProvidersFile(t *testing.T) {
	e := newEnv(t)
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY (run through scripts/session.sh)")
	}
	for _, tool := range []string{"xdotool", "import", "identify", "convert"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Fatalf("%s is missing (scripts/deps.sh installs it)", tool)
		}
	}
	good := "# mine\n[[providers]]\nid = \"work\"\npreset = \"oidc\"\nissuer = \"https://kc.example/realms/dev\"\nclient_id = \"oauthdesk\"\n"
	broken := good + "\n[[providers]]\nid = \"half\nclient_id = \"x\"\n"
	path := e.writeConfig(broken)

	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, guiBinary(t))
	cmd.Env = append(e.environ(), "LANG=en_US.UTF-8", "FYNE_THEME=light")
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
	shot := func(name string) float64 {
		p := filepath.Join(out, name)
		waitRendered(t, ctx, win, p)
		return redness(t, p)
	}
	// waitRed waits until the banner is (or is not) there.
	waitRed := func(name string, want bool) {
		t.Helper()
		deadline := time.Now().Add(10 * time.Second)
		for {
			r := shot(name)
			if (r > 0.05) == want {
				return
			}
			if time.Now().After(deadline) {
				t.Fatalf("%s: redness %.3f, want the banner shown=%v", name, r, want)
			}
			time.Sleep(200 * time.Millisecond)
		}
	}
	waitRed("gui-config-broken-at-start.png", true)
	if err := os.WriteFile(path, []byte(good), 0o600); err != nil {
		t.Fatal(err)
	}
	waitRed("gui-config-fixed.png", false)
	if err := os.WriteFile(path, []byte(broken), 0o600); err != nil {
		t.Fatal(err)
	}
	waitRed("gui-config-broken-again.png", true)
	if got, _ := os.ReadFile(path); string(got) != broken {
		t.Fatal("the app wrote to the broken file")
	}
}
