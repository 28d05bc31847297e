package ui

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// These tests drive the window over the real engine (auth.Engine), with a
// real providers file on disk and the plain-file token store in a temporary
// directory, to check what the window does to the person's file.

// handWrittenFile is a providers file as a person writes it.
const handWrittenFile = `# My providers, written by hand. Keep this comment.

# the work Keycloak (dev realm)
[[providers]]
id = "work"                 # short name for the CLI
preset = "oidc"
issuer = "https://kc.example/realms/dev"
client_id = "oauthdesk"
scopes = [
  "openid",   # always
  "email",
]
`

// laterBlock is added by hand while the window is open.
const laterBlock = `
# added by hand while the app ran
[[providers]]
id = "later"
preset = "github"
client_id = "xyz"
`

// newEngineHarness opens a window on a real engine reading path.
func newEngineHarness(t *testing.T, path string) *harness {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("OAUTHDESK_STORE", "file") // the plain-file store, in dir: no keyring needed
	t.Setenv("OAUTHDESK_DATA_DIR", dir)
	e, err := auth.New(auth.Options{ConfigPath: path, LockDir: filepath.Join(dir, "locks")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	h := &harness{t: t, q: &uiQueue{}, clock: &fakeClock{t: time.Now()}}
	h.app = test.NewTempApp(t)
	h.mw = newMainWindow(h.app, e, h.q.do, time.Now)
	h.mw.win.Resize(fyne.NewSize(1000, 720))
	h.mw.win.Show()
	t.Cleanup(func() {
		h.mw.win.Close()
		h.q.drain()
	})
	h.waitFor("the providers", func() bool { return len(h.mw.providers) > 0 })
	return h
}

func writeProvidersFile(t *testing.T, path, text string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(text), 0o600); err != nil {
		t.Fatal(err)
	}
}

func readProvidersFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestAddFromTheWindowKeepsTheHandWrittenFile: a person adds a provider by
// hand while the window is open, then another one in the window. Both hand
// edits, the comments and the layout survive; the window's provider is
// added as one block.
func TestAddFromTheWindowKeepsTheHandWrittenFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "providers.toml")
	writeProvidersFile(t, path, handWrittenFile)
	h := newEngineHarness(t, path)

	writeProvidersFile(t, path, handWrittenFile+laterBlock) // by hand, while the window is open

	f := openForm(h)
	f.preset.SetSelected("GitHub")
	h.q.drain()
	f.id.SetText("gh")
	test.Type(f.clientID, "abc123")
	h.tap("Save")
	h.waitFor("the saved provider", func() bool { return h.mw.selected == "gh" && h.mw.form == nil })

	got := readProvidersFile(t, path)
	if !strings.HasPrefix(got, handWrittenFile+laterBlock) {
		t.Fatalf("the window rewrote what the person wrote:\n%s", got)
	}
	block := strings.TrimPrefix(got, handWrittenFile+laterBlock)
	for _, want := range []string{"\n[[providers]]\n", "id = \"gh\"\n", "preset = \"github\"\n", "client_id = \"abc123\"\n"} {
		if !strings.Contains(block, want) {
			t.Errorf("the added block lacks %q:\n%s", want, block)
		}
	}
}

// TestOddExpiresInIsShown: a token whose provider sent expires_in 0,
// negative or huge shows what was sent instead of a made-up expiry.
func TestOddExpiresInIsShown(t *testing.T) {
	for _, c := range []struct {
		sent int64
		want string
	}{
		{-60, "Valid; the provider sent expires_in = -60, which is not a lifetime, so the expiry is unknown"},
		{0, "Valid; the provider sent expires_in = 0, which is not a lifetime, so the expiry is unknown"},
		{1 << 40, "Valid; the provider sent expires_in = 1099511627776 (more than 10 years), taken as not expiring"},
	} {
		h := newHarness(t, func(fb *fakeBackend, now time.Time) {
			withProviders(fb, now)
			sent := c.sent
			fb.tokens["github"].Expiry = time.Time{}
			fb.tokens["github"].OddExpiresIn = &sent
		})
		h.selectProvider("github")
		h.waitFor(c.want, func() bool { return h.hasLabel(c.want) })
	}
}

// hasLabel reports whether a visible label has exactly text (wrapped
// labels break text() into lines).
func (h *harness) hasLabel(text string) bool {
	found := false
	for _, r := range h.roots() {
		walk(r, func(o fyne.CanvasObject) {
			if l, ok := o.(*widget.Label); ok && l.Text == text {
				found = true
			}
		})
	}
	return found
}

// TestWindowFollowsTheProvidersFile: a block added by hand appears in the
// list without a restart; a mistake typed into the file shows a banner with
// the file and line, the list stays usable, and an add from the window is
// refused without touching the file; fixing the file clears the banner.
func TestWindowFollowsTheProvidersFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "providers.toml")
	writeProvidersFile(t, path, handWrittenFile)
	h := newEngineHarness(t, path)
	has := func(id string) bool {
		_, ok := h.mw.provider(id)
		return ok
	}

	writeProvidersFile(t, path, handWrittenFile+laterBlock)
	h.waitFor("the hand-added provider in the list", func() bool { return has("later") })
	if h.mw.config.root.Visible() {
		t.Error("the mistake banner shows for a valid file")
	}

	broken := handWrittenFile + laterBlock + "\n[[providers]]\nid = \"half\nclient_id = \"x\"\n"
	writeProvidersFile(t, path, broken)
	h.waitFor("the mistake banner", func() bool { return h.mw.config.root.Visible() })
	h.waitFor("the file and line in the banner", func() bool { return strings.HasPrefix(h.mw.config.text.Text, path+":21: ") })
	if !has("later") || !has("work") {
		t.Fatal("the last good list is gone")
	}
	h.selectProvider("later")
	h.waitText("client xyz")

	f := openForm(h)
	f.preset.SetSelected("GitHub")
	h.q.drain()
	f.id.SetText("gh")
	test.Type(f.clientID, "abc123")
	h.tap("Save")
	h.waitText("nothing was written to the file")
	if got := readProvidersFile(t, path); got != broken {
		t.Fatalf("the window wrote over the broken file:\n%s", got)
	}

	writeProvidersFile(t, path, handWrittenFile)
	h.waitFor("the banner to go", func() bool { return !h.mw.config.root.Visible() })
	h.waitFor("the list to follow the fixed file", func() bool { return !has("later") && has("work") })
}

// TestConfigBannerAtStart: the window shows a mistake the engine found
// before it opened, and hides it when the file is valid again.
func TestConfigBannerAtStart(t *testing.T) {
	problem := &auth.ConfigError{File: "/home/p/.config/oauthdesk/providers.toml", Line: 7, Field: "providers[2].issuer", Msg: "must use https"}
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) { fb.configProblem = problem })
	h.waitText("The providers file has a mistake")
	if !strings.HasPrefix(h.mw.config.text.Text, "/home/p/.config/oauthdesk/providers.toml:7: providers[2].issuer: must use https. ") {
		t.Errorf("banner: %q", h.mw.config.text.Text)
	}
	h.fb.mu.Lock()
	onChange := h.fb.onConfig
	h.fb.mu.Unlock()
	if onChange == nil {
		t.Fatal("the window does not watch the providers file")
	}
	go onChange(nil) // as the engine's watcher does, off the UI goroutine
	h.waitFor("the banner to go", func() bool { return !h.mw.config.root.Visible() })
}

// TestRemoveFromTheWindowKeepsTheRest: removing a provider in the window
// takes out its block only; the comments and the block added by hand
// meanwhile stay as written.
func TestRemoveFromTheWindowKeepsTheRest(t *testing.T) {
	path := filepath.Join(t.TempDir(), "providers.toml")
	writeProvidersFile(t, path, handWrittenFile)
	h := newEngineHarness(t, path)
	writeProvidersFile(t, path, handWrittenFile+laterBlock) // by hand, while the window is open
	h.waitFor("the hand-added provider", func() bool { _, ok := h.mw.provider("later"); return ok })

	h.selectProvider("work")
	h.tap("Remove")
	removes := h.buttons("Remove")
	tapButton(removes[len(removes)-1]) // the dialog's, on top
	h.waitFor("the list without work", func() bool { _, ok := h.mw.provider("work"); return !ok })

	want := strings.Replace(handWrittenFile+laterBlock, `[[providers]]
id = "work"                 # short name for the CLI
preset = "oidc"
issuer = "https://kc.example/realms/dev"
client_id = "oauthdesk"
scopes = [
  "openid",   # always
  "email",
]
`, "", 1)
	if got := readProvidersFile(t, path); got != want {
		t.Fatalf("after removing work in the window:\n%s\nwant:\n%s", got, want)
	}
}
