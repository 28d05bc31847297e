package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"oauthdesk/auth"
)

// TestConsoleTokenInQuery: the header is the default; picking the query
// shows the warning and sends TokenIn query; a past request loads with its
// placement.
func TestConsoleTokenInQuery(t *testing.T) {
	h := newHarness(t, signedInDemo)
	c := showConsole(h)
	if c.placement.value() != auth.TokenInHeader || c.placement.warning.Visible() {
		t.Fatal("the console does not start on the header, without warning")
	}
	h.fb.responses = []*auth.APIResponse{jsonAnswer(`{}`)}
	h.tap("Send")
	h.waitText("200 OK")
	c.placement.sel.SetSelected(T(tokenInQueryOption))
	h.q.drain()
	if !c.placement.warning.Visible() {
		t.Fatal("no warning with the token in the query")
	}
	h.waitText("logs", "Referer", "many servers refuse it")
	h.fb.responses = []*auth.APIResponse{jsonAnswer(`{}`)}
	h.tap("Send")
	h.waitFor("two requests", func() bool {
		h.fb.mu.Lock()
		defer h.fb.mu.Unlock()
		return len(h.fb.requests) == 2
	})
	h.fb.mu.Lock()
	first, second := h.fb.requests[0].TokenIn, h.fb.requests[1].TokenIn
	h.fb.mu.Unlock()
	if first != auth.TokenInHeader || second != auth.TokenInQuery {
		t.Fatalf("sent TokenIn %q then %q, want header then query", first, second)
	}

	// Loading the first (header) request from the history puts the
	// picker back on the header and hides the warning.
	h.waitFor("the history lists both", func() bool { return len(c.history.Options) == 2 })
	c.history.SetSelected(c.history.Options[1])
	h.q.drain()
	if c.placement.value() != auth.TokenInHeader || c.placement.warning.Visible() {
		t.Fatal("a past header request loaded with the query placement")
	}
}

func TestGoldenConsoleTokenInQuery(t *testing.T) {
	inKorean(t)
	h := newHarness(t, signedInDemo)
	useTheme(h, theme.VariantLight)
	c := showConsole(h)
	c.placement.sel.SetSelected(T(tokenInQueryOption))
	h.waitText("헤더가 더 안전합니다")
	test.AssertImageMatches(t, "ko_api_console_query_light.png", h.mw.win.Canvas().Capture())
}
