package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
)

// The golden images of the main states, in the default theme's light and
// dark variants. On a mismatch (or the first run) Fyne writes the actual
// image to testdata/failed/; look at it, and move it into testdata/ when
// the change is intended.

// useTheme pins the default theme to a variant.
func useTheme(h *harness, v fyne.ThemeVariant) {
	h.app.Settings().SetTheme(forcedVariant{Theme: theme.DefaultTheme(), variant: v})
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
