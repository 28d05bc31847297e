package ui

import (
	"errors"
	"fmt"
	"testing"
	"time"

	"oauthdesk/auth"
)

func TestIntrospectShowsTheAnswerWithLocalTimes(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		signedInDemo(fb, now)
		fb.introspection = map[string]any{"active": true, "scope": "openid profile", "client_id": "oauthdesk-demo",
			"exp": float64(now.Add(time.Hour).Unix()), "sub": "248289761001"}
	})
	h.waitText("Token introspection")
	h.tap("Introspect")
	h.waitText("Active: the provider accepts this access token (asked at 09:26:53)",
		"active", "true", "scope", "openid profile", "client_id", "oauthdesk-demo",
		"1741948013  (2025-03-14 10:26:53 UTC, in 1h 00m)")
	if !h.fb.called("Introspect demo") {
		t.Error("Introspect was not called")
	}
}

func TestIntrospectErrorIsShownInTheCard(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		signedInDemo(fb, now)
		fb.introspectErr = errors.New("introspecting demo's access token: the provider did not accept oauthdesk's client " +
			"credentials (HTTP 401); introspection usually needs a confidential client")
	})
	h.waitText("Token introspection")
	h.tap("Introspect")
	h.waitFor("the error", func() bool {
		return h.mw.view.intro.errText.Visible() &&
			h.mw.view.intro.errText.Text == "Introspecting demo's access token: the provider did not accept oauthdesk's client "+
				"credentials (HTTP 401); introspection usually needs a confidential client."
	})
	h.assertNoText("Active:")

	h.fb.mu.Lock()
	h.fb.introspectErr = fmt.Errorf("demo: %w: it advertises no introspection endpoint", auth.ErrNotSupported)
	h.fb.mu.Unlock()
	h.tap("Introspect")
	h.waitText("Nothing is wrong with the session: the provider just offers no introspection.")
}
