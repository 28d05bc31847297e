package ui

import (
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"oauthdesk/auth"
)

// signedInDemo signs the demo provider in.
func signedInDemo(fb *fakeBackend, now time.Time) { fb.tokens["demo"] = demoTokens("demo", now) }

// showConsole selects the API console and waits for the URL to be filled
// with the profile endpoint.
func showConsole(h *harness) *consoleView {
	h.t.Helper()
	h.waitText(T("Session"))
	h.mw.view.showTab(T("API console"))
	c := h.mw.view.consoleView()
	h.waitFor("the URL to be filled", func() bool { return c.url.Text != "" })
	return c
}

// jsonAnswer is a 200 with a JSON body.
func jsonAnswer(body string) *auth.APIResponse {
	return &auth.APIResponse{Status: 200, Duration: 42 * time.Millisecond,
		Header: map[string][]string{"Content-Type": {"application/json; charset=utf-8"}, "Cache-Control": {"no-store"}},
		Body:   []byte(body)}
}

func TestConsoleSendsTheRequestAndShowsTheAnswer(t *testing.T) {
	h := newHarness(t, signedInDemo)
	c := showConsole(h)
	if c.url.Text != "http://127.0.0.1:8765/userinfo" || c.method.Selected != "GET" {
		t.Errorf("console starts with %s %q, want GET and the userinfo endpoint", c.method.Selected, c.url.Text)
	}
	h.fb.responses = []*auth.APIResponse{jsonAnswer(`{"sub":"248289761001","name":"Demo User","groups":["dev"]}`)}
	c.method.SetSelected("POST")
	c.url.SetText("http://127.0.0.1:8765/api/things?limit=2")
	c.headers.SetText("accept: application/json\n\nX-Trace-Id:  abc 123 ")
	c.body.SetText(`{"name":"x"}`)
	h.tap("Send")
	h.waitText("200 OK", "42 ms · 58 B · POST http://127.0.0.1:8765/api/things?limit=2", `"name": "Demo User",`, `"groups": [`, `"dev"`)

	if len(h.fb.requests) != 1 {
		t.Fatalf("%d requests sent, want 1", len(h.fb.requests))
	}
	got := h.fb.requests[0]
	if got.Method != "POST" || got.URL != "http://127.0.0.1:8765/api/things?limit=2" || string(got.Body) != `{"name":"x"}` {
		t.Errorf("sent %s %s %q", got.Method, got.URL, got.Body)
	}
	want := map[string][]string{"Accept": {"application/json"}, "X-Trace-Id": {"abc 123"}, "Content-Type": {"application/json"}}
	for k, v := range want {
		if !slices.Equal(got.Header[k], v) {
			t.Errorf("header %s = %q, want %q (all: %v)", k, got.Header[k], v, got.Header)
		}
	}
	if len(got.Header) != len(want) {
		t.Errorf("headers %v, want %v", got.Header, want)
	}

	// The headers are one tab away.
	c.respTabs.SelectIndex(1)
	h.waitText("Headers (2)", "Cache-Control: no-store", "Content-Type: application/json; charset=utf-8")

	// The request joined the history; loading it fills the fields.
	h.waitFor("the history", func() bool { return len(c.history.Options) == 1 })
	c.method.SetSelected("GET")
	c.url.SetText("")
	c.headers.SetText("")
	c.history.SetSelected(c.history.Options[0])
	if c.method.Selected != "POST" || c.url.Text != "http://127.0.0.1:8765/api/things?limit=2" ||
		c.headers.Text != "Accept: application/json\nContent-Type: application/json\nX-Trace-Id: abc 123" || c.body.Text != `{"name":"x"}` {
		t.Errorf("history loaded %s %q, headers %q, body %q", c.method.Selected, c.url.Text, c.headers.Text, c.body.Text)
	}
}

func TestConsoleTruncatedAndBinaryAnswers(t *testing.T) {
	h := newHarness(t, signedInDemo)
	c := showConsole(h)
	h.fb.responses = []*auth.APIResponse{
		{Status: 200, Truncated: true, Body: []byte("abc"), Header: map[string][]string{"Content-Type": {"text/plain"}}},
		{Status: 200, Body: []byte{0xff, 0x00, 0x01}, Header: map[string][]string{"Content-Type": {"image/png"}}},
	}
	h.tap("Send")
	h.waitText("The body was too long and was cut: only its first 10.0 MB are shown.", "abc")
	h.tap("Send")
	h.waitText("(binary, 3 bytes, base64)", "/wAB")
	h.assertNoText("The body was too long")
	_ = c
}

func TestConsoleOffersRefreshAndRetryOnInvalidToken(t *testing.T) {
	h := newHarness(t, signedInDemo)
	showConsole(h)
	h.fb.responses = []*auth.APIResponse{
		{Status: 401, InvalidToken: true, Header: map[string][]string{
			"Www-Authenticate": {`Bearer error="invalid_token", error_description="The access token expired"`}}},
		jsonAnswer(`{"ok":true}`),
	}
	h.tap("Send")
	h.waitText("401 Unauthorized", "The API rejected the access token (invalid_token)")
	h.tap("Refresh and retry")
	h.waitText("200 OK", `"ok": true`)
	h.assertNoText("The API rejected the access token")

	h.fb.mu.Lock()
	calls := slices.Clone(h.fb.calls)
	h.fb.mu.Unlock()
	refresh := slices.Index(calls, "Refresh demo")
	var sends []int
	for i, c := range calls {
		if c == "Call demo GET http://127.0.0.1:8765/userinfo" {
			sends = append(sends, i)
		}
	}
	if refresh < 0 || len(sends) != 2 || !(sends[0] < refresh && refresh < sends[1]) {
		t.Errorf("calls %q: want Call, Refresh, then Call again", calls)
	}
}

func TestConsoleShowsErrorsInline(t *testing.T) {
	h := newHarness(t, signedInDemo)
	c := showConsole(h)
	c.url.SetText("")
	h.tap("Send")
	h.waitText("Enter the URL of the API to call")
	if len(h.fb.requests) != 0 {
		t.Error("an empty URL was sent")
	}
	c.url.SetText("http://127.0.0.1:8765/userinfo")
	c.headers.SetText("no colon here")
	h.tap("Send")
	h.waitText("Header line 1: write one header per line as Name: value.")
	c.headers.SetText("")

	h.fb.callErr = fmt.Errorf("calling GET https://api.nowhere.invalid/me: %w at api.nowhere.invalid: no such host", auth.ErrUnreachable)
	c.url.SetText("https://api.nowhere.invalid/me")
	h.tap("Send")
	h.waitFor("the error", func() bool {
		return strings.Contains(c.respErr.Text, "Calling GET https://api.nowhere.invalid/me: could not reach the server at api.nowhere.invalid: no such host. "+
			"Check the URL and that the server is running.") && c.respErr.Visible()
	})
	h.waitText("No answer")
	h.assertNoText("Header line 1")
}

func TestConsoleCopiesCurlWithTheTokenMasked(t *testing.T) {
	h := newHarness(t, signedInDemo)
	c := showConsole(h)
	c.headers.SetText("Accept: application/json")
	h.tap("Copy as curl")
	got := h.clipboard()
	want := "curl -K - <<EOF\nurl = \"http://127.0.0.1:8765/userinfo\"\nheader = \"Authorization: Bearer $(oauthdesk token demo)\"\nheader = \"Accept: application/json\"\nEOF"
	if got != want {
		t.Errorf("curl = %s\nwant   %s", got, want)
	}
	tok := demoTokens("demo", t0).AccessToken
	test.Tap(c.reveal)
	h.tap("Copy as curl")
	h.waitFor("the token", func() bool { return strings.Contains(h.clipboard(), tok) })
	h.waitText("Copied the curl command with the access token in clear: keep it secret. It is cleared from the clipboard in 60 seconds.")
}

func TestConsoleHelpers(t *testing.T) {
	if _, msg := parseHeaderLines("Accept: a\n: b"); msg != "Header line 2: write one header per line as Name: value." {
		t.Errorf("parseHeaderLines: %q", msg)
	}
	h, msg := parseHeaderLines("# comment\nx-a: 1\nX-A: 2\n")
	if msg != "" || !slices.Equal(h["X-A"], []string{"1", "2"}) {
		t.Errorf("parseHeaderLines = %v, %q", h, msg)
	}
	if got := displayResponseBody(map[string][]string{"Content-Type": {"application/problem+json"}}, []byte(`{"a":[1]}`)); got != "{\n  \"a\": [\n    1\n  ]\n}" {
		t.Errorf("JSON body shown as %q", got)
	}
	if got := displayResponseBody(nil, []byte("{not json")); got != "{not json" {
		t.Errorf("broken JSON shown as %q", got)
	}
	big := []byte(strings.Repeat("é", maxShownBody))
	if got := displayResponseBody(nil, big); !strings.HasPrefix(got, "éé") || !strings.HasSuffix(got, "(the console shows the first 256.0 KB of 512.0 KB)") {
		t.Errorf("a big text body is shown as %q…%q", got[:10], got[len(got)-60:])
	}
}

func TestConsoleInvalidOwnTokenOffersNoRefresh(t *testing.T) {
	h := newHarness(t, signedInDemo)
	c := showConsole(h)
	h.fb.responses = []*auth.APIResponse{{Status: 401, InvalidToken: true}}
	c.headers.SetText("Authorization: Bearer made-up")
	h.tap("Send")
	h.waitText("The API rejected the token in your Authorization header (invalid_token).")
	if len(h.buttons("Refresh and retry")) != 0 {
		t.Error("Refresh and retry is offered although the request carries its own token")
	}
}
