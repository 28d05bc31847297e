package ui

import (
	"strings"
	"testing"
	"time"
)

func TestToolbarSignOutAsksFirst(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) { fb.tokens["demo"] = demoTokens("demo", now) })
	h.waitText("Last refreshed")
	h.press(h.mw.toolbar.signOut)
	h.waitText("Sign out?", "Sign out of Demo provider?")
	if h.fb.called("Logout demo") {
		t.Fatal("the toolbar's Sign out signed out before the person confirmed")
	}
	h.tap("Cancel")
	if h.fb.called("Logout demo") {
		t.Fatal("signed out although the person canceled")
	}
	h.press(h.mw.toolbar.signOut)
	bs := h.buttons("Sign out")
	tapButton(bs[len(bs)-1]) // the dialog's, on top
	h.q.drain()
	h.waitFor("the sign-out", func() bool { return h.fb.called("Logout demo") })
}

func TestToolbarRefreshIsOffWhenSignedOut(t *testing.T) {
	h := newHarness(t, nil)
	h.waitText("You are not signed in.")
	if !h.mw.toolbar.refresh.Disabled() {
		t.Error("Refresh is enabled for a signed-out provider, where it does nothing")
	}
}

func TestAddHintHidesWhileTheFormIsOpen(t *testing.T) {
	h := newHarness(t, nil)
	h.waitText("add your own provider with +")
	openForm(h)
	if h.mw.hint.Visible() {
		t.Error("the hint to press + shows while the form it opens is open")
	}
	h.tap("Cancel")
	if !h.mw.hint.Visible() {
		t.Error("the first-run hint did not come back after Cancel")
	}
}

func TestAnFTPURLIsNotCalledNotAURL(t *testing.T) {
	got := checkURL("ftp://files.example.com/token")
	if got == T("Not a URL; write it like https://example.com/path.") || got == "" {
		t.Fatalf("ftp:// gets %q", got)
	}
	if want := "ftp:// is not an OAuth endpoint"; !strings.Contains(got, want) {
		t.Errorf("ftp:// gets %q, want it to say %q", got, want)
	}
	if got := checkURL("not a url"); got != T("Not a URL; write it like https://example.com/path.") {
		t.Errorf("a non-URL gets %q", got)
	}
}
