package ui

import (
	"fmt"
	"testing"
	"time"

	"oauthdesk/auth"
)

func TestDeviceSignInShowsTheCodeThenTheSession(t *testing.T) {
	h := newHarness(t, nil)
	h.tap("Sign in on another device")
	if id := <-h.fb.deviceStarted; id != "demo" {
		t.Fatalf("DeviceLogin(%q), want demo", id)
	}
	h.waitText(deviceWaitingText, "WDJB-MJHT", "http://127.0.0.1:8765/device",
		"The code expires in 10m 00s, at 09:36:53.", "signing in…")
	p := h.mw.view.device
	// The demo's page is on this computer's loopback: no phone reaches it.
	if p.qrBox.Visible() {
		t.Error("a QR code is shown for a loopback verification page")
	}
	h.waitText("1. On this computer, open (the address is this computer's own loopback")
	h.assertNoText("1. On a phone or another computer, open")
	if h.mw.view.signedOutBox.Visible() {
		t.Error("the Sign in box shows during a device sign-in")
	}

	h.tap("Copy code")
	if h.clipboard() != "WDJB-MJHT" {
		t.Errorf("Copy code copied %q", h.clipboard())
	}
	h.tap("Open in this computer's browser")
	h.waitFor("the page to open", func() bool {
		return h.fb.called("OpenURL http://127.0.0.1:8765/device?user_code=WDJB-MJHT")
	})

	// The countdown runs with the clock.
	h.clock.advance(9*time.Minute + 30*time.Second)
	h.waitText("The code expires in 30s, at 09:36:53.")

	h.fb.device <- fakeDevice{tokens: demoTokens("demo", t0)}
	h.waitText("Signed in on another device.", "Session", "Demo User", "signed in")
	h.assertNoText("WDJB-MJHT")
}

func TestDeviceSignInErrorsAreShownInline(t *testing.T) {
	for name, tc := range map[string]struct {
		err  error
		want []string
	}{
		"expired": {fmt.Errorf("signing in to Demo provider: %w; nothing was stored", auth.ErrDeviceCodeExpired),
			[]string{deviceFailed, "the code expired before it was approved", "Press Sign in on another device again for a new code"}},
		"denied": {fmt.Errorf("signing in to Demo provider: %w; nothing was stored", &auth.ProviderError{
			Code: "access_denied", Description: "The user denied the request", Where: "token"}),
			[]string{deviceFailed, "Error code: access_denied", "Description: The user denied the request"}},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, nil)
			h.tap("Sign in on another device")
			<-h.fb.deviceStarted
			h.waitText("WDJB-MJHT")
			h.fb.device <- fakeDevice{err: tc.err}
			h.waitText(tc.want...)
			h.waitText("You are not signed in.", "error")
			h.assertNoText("WDJB-MJHT")
		})
	}
}

func TestDeviceSignInUnsupportedAndCanceled(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) {
		fb.deviceErr = fmt.Errorf("demo: %w: the provider has no device authorization endpoint (RFC 8628)", auth.ErrNotSupported)
	})
	h.tap("Sign in on another device")
	h.waitText(deviceFailed, "Use Sign in instead: it signs in through this computer's browser.")

	h.fb.mu.Lock()
	h.fb.deviceErr = nil
	h.fb.mu.Unlock()
	h.tap("Dismiss")
	h.tap("Sign in on another device")
	<-h.fb.deviceStarted
	h.waitText("WDJB-MJHT")
	h.tap("Cancel")
	h.waitText("Device sign-in canceled.", "You are not signed in.")
}

func TestDeviceSignInIsOfferedForOpenIDProvidersOnly(t *testing.T) {
	h := newHarness(t, withProviders)
	h.selectProvider("keycloak") // OpenID Connect: offered
	h.waitText("You are not signed in.")
	h.button("Sign in on another device")
	h.fb.mu.Lock()
	delete(h.fb.tokens, "github")
	h.fb.mu.Unlock()
	h.mw.reloadSession("github")
	h.selectProvider("github") // plain OAuth without a device endpoint
	h.waitText("You are not signed in.", "GitHub")
	if len(h.buttons("Sign in on another device")) != 0 {
		t.Error("GitHub offers device sign-in")
	}
}

func TestDeviceSignInOffersAQRCodeForAReachablePage(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) {
		fb.deviceCode.VerificationURI = "https://sso.example.com/device"
		fb.deviceCode.VerificationURIComplete = "https://sso.example.com/device?user_code=WDJB-MJHT"
	})
	h.tap("Sign in on another device")
	<-h.fb.deviceStarted
	h.waitText("WDJB-MJHT", "1. On a phone or another computer, open", "https://sso.example.com/device")
	p := h.mw.view.device
	if p.qr.Resource == nil || !p.qrBox.Visible() {
		t.Fatal("no QR code is shown")
	}
	if !isImage(p.qr.Resource.Content()) {
		t.Error("the QR code is not an image")
	}
	h.tap("Cancel")
}
