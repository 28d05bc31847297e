package ui

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
	"oauthdesk/internal/pngbomb"
)

// withProviders adds a GitHub provider (signed in) and a Keycloak one
// (signed out) beside the demo provider.
func withProviders(fb *fakeBackend, now time.Time) {
	fb.providers = append(fb.providers,
		auth.Provider{ID: "github", Name: "GitHub", Preset: "github",
			AuthURL: "https://github.com/login/oauth/authorize", TokenURL: "https://github.com/login/oauth/access_token",
			ProfileURL: "https://api.github.com/user", ClientID: "Iv1.8a61f9b3a7aba766"},
		auth.Provider{ID: "keycloak", Name: "Keycloak", Issuer: "https://sso.example.com/realms/dev", ClientID: "oauthdesk"},
	)
	fb.tokens["github"] = &auth.TokenSet{
		AccessToken: "gho_16C7e42F292c6912E7710c838347Ae178B4a", TokenType: "bearer",
		Expiry: now.Add(time.Hour), Scopes: []string{"read:user"}, RequestedScopes: []string{"read:user", "user:email"},
		Subject: "583231", Account: "octocat", ObtainedAt: now.Add(-2 * time.Minute),
	}
}

func TestFirstRunShowsTheDemoProviderAndAHint(t *testing.T) {
	h := newHarness(t, nil)
	h.waitText("Demo provider", "signed out", "You are not signed in.", firstRunHint,
		"The demo provider's account is user demo, password demo.")
	if h.mw.selected != "demo" {
		t.Errorf("selected %q, want the demo provider selected at start", h.mw.selected)
	}
	// Built-in: no Edit or Remove.
	if len(h.buttons("Edit")) != 0 || len(h.buttons("Remove")) != 0 {
		t.Error("the built-in demo provider offers Edit or Remove")
	}
	h.waitText("Built-in: cannot be edited", "http://127.0.0.1/callback")
	if !h.mw.toolbar.copyTok.Disabled() || !h.mw.toolbar.signOut.Disabled() {
		t.Error("Copy token and Sign out are enabled while signed out")
	}
}

func TestSelectingAProviderShowsItsStatus(t *testing.T) {
	h := newHarness(t, withProviders)
	h.assertNoText(firstRunHint)
	h.selectProvider("github")
	h.waitText("GitHub", "signed in", "octocat", "subject 583231",
		"Expires at 10:26:53 (in 1h 00m)",
		"No — sign in again when the access token expires", // refresh token
		"read:user", "user:email  — not granted", "1 requested scope was not granted (marked).",
		"opaque — not a JWT; only the provider can read it",
		"The curl command reads https://api.github.com/user.",
	)
	if h.mw.toolbar.copyTok.Disabled() {
		t.Error("Copy token is disabled while signed in")
	}

	h.selectProvider("keycloak")
	h.waitText("Keycloak", "You are not signed in.", "https://sso.example.com/realms/dev", "discovered from the issuer")
	h.assertNoText("subject 583231")
}

func TestCountdownRunsAndTurnsToExpiresSoon(t *testing.T) {
	h := newHarness(t, withProviders)
	h.selectProvider("github")
	h.waitText("(in 1h 00m)")
	h.clock.advance(56 * time.Minute)
	// The view's ticker fires every second of real time.
	h.waitText("Expires at 10:26:53 (in 4m 00s)", "expires soon")
	h.clock.advance(5 * time.Minute)
	h.waitText("Expired at 10:26:53 (1m 00s ago)", "expired")
}

func TestSignInShowsProgressThenTheSession(t *testing.T) {
	h := newHarness(t, nil)
	h.tap("Sign in")
	if id := <-h.fb.loginStarted; id != "demo" {
		t.Fatalf("Login(%q), want demo", id)
	}
	h.waitText(waitingText, "http://127.0.0.1:8765/authorize?client_id=oauthdesk-demo", "Open again", "Cancel", "signing in…")
	if !h.mw.toolbar.refresh.Disabled() {
		t.Error("Refresh is enabled during a sign-in")
	}
	h.tap("Copy URL")
	if got := h.clipboard(); got != h.fb.loginURL {
		t.Errorf("clipboard = %q, want the authorize URL", got)
	}
	h.tap("Open again") // the test app's OpenURL does nothing; it must not fail

	h.fb.login <- fakeLogin{tokens: demoTokens("demo", t0)}
	h.waitText("Session", "Demo User", "demo@example.com", "subject 248289761001",
		"Expires at 10:26:53 (in 1h 00m)", "signed in",
		"offline_access  — not granted", "JWT, signed with RS256", "Raw JSON")
	h.assertNoText(waitingText)
}

func TestSignInCanBeCanceled(t *testing.T) {
	h := newHarness(t, nil)
	h.shortcut(shortcutSignIn)
	<-h.fb.loginStarted
	h.waitText(waitingText)
	h.tap("Cancel")
	h.waitText("Sign-in canceled.", "You are not signed in.")
	h.assertNoText(waitingText)
}

func TestSignInErrorFromTheProviderIsExplained(t *testing.T) {
	h := newHarness(t, nil)
	h.tap("Sign in")
	<-h.fb.loginStarted
	h.fb.login <- fakeLogin{err: fmt.Errorf("sign-in: %w", &auth.ProviderError{
		Code: "access_denied", Description: "The resource owner denied the request", Where: "authorization"})}
	h.waitText("Sign-in failed",
		"consent was declined at the provider; sign in again and approve to continue", // the engine's hint
		"Error code: access_denied",
		"Description: The resource owner denied the request",
		"Step: authorization request",
		"error", // the badge
	)
	h.button("Sign in again")
	h.tap("Dismiss")
	h.assertNoText("Sign-in failed")
	h.waitText("signed out")
}

func TestRefreshOfAnEndedSessionAsksToSignInAgain(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		fb.tokens["demo"] = demoTokens("demo", now)
		fb.refreshErr = fmt.Errorf("refresh demo: %w", auth.ErrSessionExpired)
	})
	h.waitText("Session")
	h.shortcut(shortcutRefresh)
	h.waitText("Refresh failed", "Refresh demo: the session has ended at the provider; sign in again.", "You are not signed in.")
	if !h.fb.called("Refresh demo") {
		t.Error("Ctrl+R did not call Refresh")
	}
	h.tap("Sign in again")
	<-h.fb.loginStarted
	h.waitText(waitingText)
}

func TestRefreshUpdatesTheSession(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) { fb.tokens["demo"] = demoTokens("demo", now) })
	h.waitText("Last refreshed", "Not yet")
	h.clock.advance(30 * time.Minute)
	h.press(h.mw.view.status.refreshBtn)
	h.waitText("Refreshed.", "Expires at 10:56:53 (in 1h 00m)", "09:56:53 (now)", "09:26:53 (30m 00s ago)")
}

// press taps a button and runs what it queued.
func (h *harness) press(b *widget.Button) {
	h.t.Helper()
	if b.Disabled() {
		h.t.Fatalf("button %q is disabled", b.Text)
	}
	tapButton(b)
	h.q.drain()
}

func TestCopyPutsTheTokenOnTheClipboard(t *testing.T) {
	var tok string
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		ts := demoTokens("demo", now)
		tok = ts.AccessToken
		fb.tokens["demo"] = ts
	})
	h.waitText("Use the access token")

	h.tap("Copy access token")
	h.waitText("Copied the access token.")
	if got := h.clipboard(); got != tok {
		t.Errorf("clipboard = %q, want the access token", got)
	}
	h.tap("Copy as Authorization header")
	h.waitText("Copied the Authorization header.")
	if got, want := h.clipboard(), "Authorization: Bearer "+tok; got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}
	h.tap("Copy as curl command")
	h.waitText("Copied the curl command.")
	if got, want := h.clipboard(), "curl -K - <<EOF\nurl = \"http://127.0.0.1:8765/userinfo\"\nheader = \"Authorization: Bearer "+tok+"\"\nEOF"; got != want {
		t.Errorf("clipboard = %q, want %q", got, want)
	}

	h.app.Clipboard().SetContent("")
	h.shortcut(shortcutCopyToken)
	h.waitFor("Ctrl+Shift+C to copy", func() bool { return h.clipboard() == tok })
	if !h.fb.called("Token demo") {
		t.Error("copying did not go through Backend.Token, which refreshes an expired token")
	}
}

func TestCopyFailureIsShown(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		fb.tokens["demo"] = demoTokens("demo", now)
		fb.tokenErr = fmt.Errorf("refresh demo: %w", auth.ErrKeyringUnavailable)
	})
	h.waitText("Use the access token")
	h.app.Clipboard().SetContent("before")
	h.tap("Copy access token")
	h.waitText("Could not get an access token", "Refresh demo: the OS keyring is not available.",
		"Start or unlock your desktop's keyring")
	if got := h.clipboard(); got != "before" {
		t.Errorf("clipboard = %q after a failed copy", got)
	}
}

func TestTokensAreMaskedUntilRevealed(t *testing.T) {
	var ts *auth.TokenSet
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		ts = demoTokens("demo", now)
		fb.tokens["demo"] = ts
	})
	h.waitText("Tokens", "Show tokens")
	h.assertNoText(ts.AccessToken)
	h.waitText(ts.AccessToken[:8]+strings.Repeat("•", 24), "(352 characters)")
	// The ID token's claims are open, with times in local time.
	h.waitText("auth_time", "nonce", "n-0S6_WzA2Mj", "1741948013  (2025-03-14 10:26:53 UTC, in 1h 00m)", "1741944413  (2025-03-14 09:26:53 UTC, now)")
	h.tap("Show tokens")
	h.waitFor("the token text", func() bool {
		return h.mw.view.tokens.access.text.Text == ts.AccessToken && h.mw.view.tokens.id.text.Text == ts.IDToken
	})
	h.tap("Hide tokens")
	h.assertNoText(ts.AccessToken)
}

func TestScopesAsRequestedAreLabelled(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		ts := demoTokens("demo", now)
		ts.Scopes, ts.ScopesRequested = ts.RequestedScopes, true
		fb.tokens["demo"] = ts
	})
	h.waitText("(as requested; the provider did not confirm)", "offline_access")
	h.assertNoText("not granted")
}

func TestSignOutForgetsTheSession(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) { fb.tokens["demo"] = demoTokens("demo", now) })
	h.waitText("Session")
	h.press(h.mw.toolbar.signOut)
	bs := h.buttons("Sign out")
	tapButton(bs[len(bs)-1]) // the confirmation's, on top
	h.q.drain()
	h.waitText("Signed out.", "You are not signed in.", "signed out")
	if !h.fb.called("Logout demo") {
		t.Error("Sign out did not call Logout")
	}
}

func TestProfileAvatarFallsBackToALetter(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		fb.tokens["demo"] = demoTokens("demo", now)
		fb.profiles["demo"] = &auth.Profile{Subject: "1", Name: "Zoë Ng", Email: "zoe@example.com",
			Picture: "https://example.com/avatar.png", Source: "http://127.0.0.1:8765/userinfo",
			Raw: []byte(`{"sub":"1","name":"Zoë Ng","picture":"https://example.com/avatar.png"}`)}
		fb.images["https://example.com/avatar.png"] = []byte("<html>not an image</html>")
	})
	h.waitText("Zoë Ng", "zoe@example.com", "from http://127.0.0.1:8765/userinfo")
	av := h.mw.view.profile.avatar.Objects
	if m, ok := av[0].(*letterMark); !ok || initial(m.name) != "Z" {
		t.Errorf("avatar = %T, want the letter Z in place of a broken image", av[0])
	}
	if !strings.Contains(h.mw.view.profile.raw.Text, `"name": "Zoë Ng"`) {
		t.Errorf("raw JSON = %q, want it indented", h.mw.view.profile.raw.Text)
	}
}

func TestProfileErrorIsShownInTheCard(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		fb.tokens["demo"] = demoTokens("demo", now)
		fb.profileErr = &auth.ProviderError{Code: "invalid_token", Where: "userinfo"}
	})
	h.waitText("Could not read the profile: The provider refused the userinfo request: invalid_token.")
}

func TestAutoRefreshRefreshesBeforeExpiry(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		ts := demoTokens("demo", now)
		ts.Expiry = now.Add(autoRefreshLead + 300*time.Millisecond)
		fb.tokens["demo"] = ts
	})
	h.waitText("Refresh automatically a minute before expiry")
	check := h.mw.view.status.auto
	tapCheck(check)
	h.q.drain()
	if !h.app.Preferences().Bool(autoRefreshKey("demo")) {
		t.Error("the auto-refresh setting was not remembered")
	}
	h.waitFor("an automatic refresh", func() bool { return h.fb.called("Refresh demo") })
	h.waitText("Expires at 10:26:53 (in 1h 00m)")
}

func TestRemoveAsksFirst(t *testing.T) {
	h := newHarness(t, withProviders)
	h.selectProvider("keycloak")
	h.tap("Remove")
	h.waitText("Remove provider", "Remove Keycloak?")
	h.tap("Cancel")
	if h.fb.called("RemoveProvider keycloak") {
		t.Fatal("removed although the person canceled")
	}
	h.tap("Remove")
	removes := h.buttons("Remove")
	tapButton(removes[len(removes)-1]) // the dialog's, on top
	h.waitFor("the list without Keycloak", func() bool { return len(h.mw.providers) == 2 })
	if !h.fb.called("RemoveProvider keycloak") {
		t.Error("RemoveProvider was not called")
	}
	h.assertNoText("Keycloak")
}

func TestStatusErrorShowsTheErrorBadge(t *testing.T) {
	// A provider the engine no longer knows (removed from the CLI).
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) {
		fb.providers = append(fb.providers, auth.Provider{ID: "gone", Name: "Gone"})
		fb.statusErrs = map[string]error{"gone": fmt.Errorf("%w %q", auth.ErrUnknownProvider, "gone")}
	})
	h.selectProvider("gone")
	h.waitText("Could not read the session", "Unknown provider \"gone\".", "Press Refresh.", "error")
}

func TestDescribeError(t *testing.T) {
	for _, tc := range []struct {
		err    error
		want   []string
		action errorAction
	}{
		{&auth.ProviderError{Code: "invalid_client", Description: "bad secret", URI: "https://example.com/e", Where: "token"},
			[]string{"The provider refused the token request: invalid_client (bad secret); check the client ID and secret", "Error code: invalid_client", "Description: bad secret"}, actionEdit},
		{fmt.Errorf("wrapped: %w", auth.ErrPortInUse), []string{"Wrapped: the redirect port is already in use.", "choose another port"}, actionEdit},
		{auth.ErrTimeout, []string{"Timed out waiting for the browser to return.", "before the time runs out"}, actionSignIn},
		{errors.New("dial tcp: connection refused"), []string{"Dial tcp: connection refused."}, actionNone},
	} {
		info := describeError("Op", tc.err)
		all := info.Message + "\n" + strings.Join(info.Details, "\n") + "\n" + info.Advice
		for _, w := range tc.want {
			if !strings.Contains(all, w) {
				t.Errorf("describeError(%v) = %q, want it to contain %q", tc.err, all, w)
			}
		}
		if info.Action != tc.action {
			t.Errorf("describeError(%v).Action = %v, want %v", tc.err, info.Action, tc.action)
		}
	}
}

// tapButton taps a button.
func tapButton(b *widget.Button) { b.Tapped(&fyne.PointEvent{}) }

// tapCheck taps a check box.
func tapCheck(c *widget.Check) { c.Tapped(&fyne.PointEvent{}) }

// TestProfileAvatarBombIsRefused: an avatar whose PNG header claims
// 4096×4096 pixels (a few KB on the wire, 64 MB decoded) is refused from
// its header; the letter shows instead, and nothing decodes it.
func TestProfileAvatarBombIsRefused(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		fb.tokens["demo"] = demoTokens("demo", now)
		fb.profiles["demo"] = &auth.Profile{Subject: "1", Name: "Zoë Ng", Picture: "https://example.com/bomb.png", Raw: []byte(`{}`)}
		fb.images["https://example.com/bomb.png"] = pngbomb.New(4096, 4096)
	})
	h.waitText("Zoë Ng")
	if m, ok := h.mw.view.profile.avatar.Objects[0].(*letterMark); !ok || initial(m.name) != "Z" {
		t.Errorf("avatar = %T, want the letter Z in place of a 4096×4096 image", h.mw.view.profile.avatar.Objects[0])
	}
}

// TestCopiedTokenIsClearedFromTheClipboard: a copied token leaves the
// clipboard after 60 s (the timer is fired by hand here), only if the
// clipboard still holds it, and the confirmation says so; what the person
// copied meanwhile stays, and closing the window clears a token still
// there.
func TestCopiedTokenIsClearedFromTheClipboard(t *testing.T) {
	var tok string
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		ts := demoTokens("demo", now)
		tok = ts.AccessToken
		fb.tokens["demo"] = ts
	})
	var timers []func()
	var delays []time.Duration
	h.mw.afterFunc = func(d time.Duration, f func()) {
		if d == noticeFor || d == copiedFor {
			return // the toolbar's notices expire by the same clock
		}
		delays = append(delays, d)
		timers = append(timers, f)
	}
	h.waitText("Use the access token")

	h.tap("Copy access token")
	h.waitText("Copied the access token. It is cleared from the clipboard in 60 seconds.")
	if h.clipboard() != tok || len(timers) != 1 || delays[0] != 60*time.Second {
		t.Fatalf("clipboard %q, %d timers %v", h.clipboard(), len(timers), delays)
	}
	timers[0]()
	h.q.drain()
	if got := h.clipboard(); got != "" {
		t.Fatalf("after 60 s the clipboard still holds %q", got)
	}

	h.tap("Copy as Authorization header")
	h.waitFor("the header on the clipboard", func() bool { return len(timers) == 2 })
	h.app.Clipboard().SetContent("the person's own text")
	timers[1]()
	h.q.drain()
	if got := h.clipboard(); got != "the person's own text" {
		t.Fatalf("the timer cleared what the person copied after us: %q", got)
	}

	h.tap("Copy access token")
	h.waitFor("the token on the clipboard", func() bool { return len(timers) == 3 && h.clipboard() == tok })
	h.mw.shutdown() // what closing the window runs (the harness closes it at the end)
	h.q.drain()
	if got := h.clipboard(); got != "" {
		t.Fatalf("closing the window left the token on the clipboard: %q", got)
	}
}
