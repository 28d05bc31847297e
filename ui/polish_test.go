package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"oauthdesk/auth"
)

func TestHintSaysWhatToDoNextOnceSignedIn(t *testing.T) {
	h := newHarness(t, nil)
	h.waitText(firstRunHint)
	h.tap("Sign in")
	<-h.fb.loginStarted
	h.fb.login <- fakeLogin{tokens: demoTokens("demo", t0)}
	h.waitText(nextHint)
	h.assertNoText(firstRunHint)

	// A provider of one's own: no hint at all.
	h.fb.mu.Lock()
	h.fb.providers = append(h.fb.providers, auth.Provider{ID: "mine", Issuer: "https://idp.example.com", ClientID: "c"})
	h.fb.mu.Unlock()
	h.mw.loadProviders("")
	h.waitFor("the new provider", func() bool { return len(h.mw.providers) == 2 })
	h.assertNoText(nextHint)
	h.assertNoText(firstRunHint)
}

func TestProvidersAreListedInTheFirstFrame(t *testing.T) {
	a := test.NewTempApp(t)
	fb := newFakeBackend(time.Now)
	withProviders(fb, t0)
	q := &uiQueue{}
	mw := newMainWindow(a, fb, q.do, time.Now)
	defer func() { mw.win.Close(); q.drain() }()
	// Nothing has been drained from the queue: the list is there already.
	if len(mw.providers) != 3 || mw.list.widget.Length() != 3 {
		t.Fatalf("the first frame lists %d providers, want 3", mw.list.widget.Length())
	}
	if mw.selected != "demo" {
		t.Errorf("selected %q, want demo", mw.selected)
	}
}

func TestOpenAgainUsesTheBackend(t *testing.T) {
	h := newHarness(t, nil)
	h.tap("Sign in")
	<-h.fb.loginStarted
	h.waitText(waitingText, "Open again")
	h.tap("Open again")
	h.waitFor("OpenURL", func() bool { return h.fb.called("OpenURL " + h.fb.loginURL) })

	h.fb.mu.Lock()
	h.fb.openErr = errBrowser
	h.fb.mu.Unlock()
	h.tap("Open again")
	h.waitText("No browser could be opened (exec: \"xdg-open\": executable file not found in $PATH).")
	h.tap("Cancel")
}

// errBrowser is a browser that cannot start.
var errBrowser = &browserErr{}

type browserErr struct{}

func (*browserErr) Error() string { return `exec: "xdg-open": executable file not found in $PATH` }

func TestClientCredentialsProviderGetsATokenWithoutABrowser(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) {
		fb.providers = append(fb.providers, auth.Provider{ID: "m2m", Name: "Machine", TokenURL: "https://idp.example.com/token",
			ClientID: "svc", Grant: auth.GrantClientCredentials})
	})
	h.selectProvider("m2m")
	h.waitText("Get token", "RFC 6749 §4.4). No browser and no person are involved")
	if len(h.buttons("Sign in on another device")) != 0 || len(h.buttons("Sign in")) != 0 {
		t.Error("a client credentials provider offers a browser or device sign-in")
	}
	h.tap("Get token")
	<-h.fb.loginStarted
	h.waitText("Asking the provider for a token…")
	h.assertNoText("Open again")
	h.assertNoText("Copy URL")
	h.fb.login <- fakeLogin{tokens: &auth.TokenSet{AccessToken: "m2m-token", TokenType: "Bearer",
		Expiry: t0.Add(time.Hour), Subject: "svc", Account: "svc (client)", Grant: auth.GrantClientCredentials}}
	h.waitText("Session", "svc (client)", "Not needed — Refresh gets a new token with the client's credentials")
	h.assertNoText("Redirect URI") // no browser comes back
	if h.mw.view.status.addBtn.Visible() {
		t.Error("a machine-to-machine session offers Add account")
	}
}

func TestANewErrorBringsTheSessionTabForward(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		signedInDemo(fb, now)
		fb.refreshErr = errBrowser
	})
	h.waitText("Session")
	h.mw.view.showTab("API console")
	h.shortcut(shortcutRefresh)
	h.waitText("Refresh failed")
	if h.mw.view.tabs.SelectedIndex() != 0 {
		t.Error("the error is not in view: the Session tab is not selected")
	}
}
