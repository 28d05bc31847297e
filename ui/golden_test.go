package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"oauthdesk/auth"
)

// The golden images of the main states, in the default theme's light and
// dark variants. On a mismatch (or the first run) Fyne writes the actual
// image to testdata/failed/; look at it, and move it into testdata/ when
// the change is intended.

// useTheme pins the default theme to a variant.
func useTheme(h *harness, v fyne.ThemeVariant) {
	h.app.Settings().SetTheme(forcedVariant{Theme: appTheme(), variant: v})
	h.q.drain()
}

func TestGoldenSignedOut(t *testing.T) {
	h := newHarness(t, nil)
	useTheme(h, theme.VariantLight)
	h.waitText("You are not signed in.")
	test.AssertImageMatches(t, "signed_out_light.png", h.mw.win.Canvas().Capture())
}

func TestGoldenSigningIn(t *testing.T) {
	h := newHarness(t, nil)
	useTheme(h, theme.VariantLight)
	h.tap("Sign in")
	<-h.fb.loginStarted
	h.waitText(waitingText, "authorize?client_id")
	test.AssertImageMatches(t, "signing_in_light.png", h.mw.win.Canvas().Capture())
	h.tap("Cancel")
}

func TestGoldenSignedIn(t *testing.T) {
	for name, v := range map[string]fyne.ThemeVariant{"light": theme.VariantLight, "dark": theme.VariantDark} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, func(fb *fakeBackend, now time.Time) {
				withProviders(fb, now)
				fb.tokens["demo"] = demoTokens("demo", now)
			})
			useTheme(h, v)
			h.waitText("Session", "Demo User", "Raw JSON")
			test.AssertImageMatches(t, "signed_in_"+name+".png", h.mw.win.Canvas().Capture())
		})
	}
}

func TestGoldenFlowLog(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		withFlow(fb, now)
		fb.addStep(auth.Step{Provider: "demo", Kind: "userinfo", Time: now.Add(5 * time.Second), Method: "GET",
			Explain: "Read who signed in from the userinfo endpoint with the access token (OpenID Connect Core §5.3)",
			URL:     "http://127.0.0.1:8765/userinfo", Status: 401, Duration: 3 * time.Millisecond,
			ResponseHeader: map[string][]string{"Www-Authenticate": {`Bearer error="invalid_token"`}}})
	})
	useTheme(h, theme.VariantLight)
	v := showFlowLog(h, 3)
	expandStep(h, v, 2)
	h.waitText(`"refresh_token": "•••• (hidden)"`)
	test.AssertImageMatches(t, "flow_log_light.png", h.mw.win.Canvas().Capture())
}

func TestGoldenAPIConsole(t *testing.T) {
	h := newHarness(t, signedInDemo)
	useTheme(h, theme.VariantLight)
	c := showConsole(h)
	h.fb.responses = []*auth.APIResponse{{Status: 401, InvalidToken: true, Duration: 7 * time.Millisecond,
		Header: map[string][]string{"Content-Type": {"application/json"},
			"Www-Authenticate": {`Bearer error="invalid_token", error_description="The access token expired"`}},
		Body: []byte(`{"error":"invalid_token","error_description":"The access token expired"}`)}}
	c.headers.SetText("Accept: application/json")
	h.tap("Send")
	h.waitText("401 Unauthorized", "Refresh and retry", `"error": "invalid_token",`)
	// The history reloads on its own goroutine after the answer: wait for
	// it too, or the picture depends on which of the two came first.
	h.waitFor("the history lists the request", func() bool { return len(c.history.Options) == 1 })
	test.AssertImageMatches(t, "api_console_light.png", h.mw.win.Canvas().Capture())
}

func TestGoldenDeviceSignIn(t *testing.T) {
	h := newHarness(t, nil)
	useTheme(h, theme.VariantLight)
	h.tap("Sign in on another device")
	<-h.fb.deviceStarted
	h.waitText("WDJB-MJHT", deviceWaitingText)
	test.AssertImageMatches(t, "device_sign_in_light.png", h.mw.win.Canvas().Capture())
	h.tap("Cancel")
}

func TestGoldenAccounts(t *testing.T) {
	h := newHarness(t, twoAccounts)
	useTheme(h, theme.VariantLight)
	h.waitText("Accounts", "Switch to")
	// Scroll the Accounts card into view.
	h.mw.view.sessionTab.ScrollToOffset(fyne.NewPos(0, h.mw.view.accounts.root.Position().Y))
	test.AssertImageMatches(t, "accounts_light.png", h.mw.win.Canvas().Capture())
}
