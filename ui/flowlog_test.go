package ui

import (
	"encoding/json"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// The secrets in withFlow's steps, none of which may show until revealed.
const (
	secretVerifier = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"
	secretCode     = "SplxlOBeZQQYbYS6WxSbIA"
	secretRefresh  = "rt-8xLOxBtZp8"
	secretAccess   = "at-2YotnFZFEjr1zCsicMWpAA"
)

// withFlow gives the demo provider a sign-in's first steps: the browser's
// authorize request, and the code exchange with its answer.
func withFlow(fb *fakeBackend, now time.Time) {
	fb.addStep(auth.Step{Provider: "demo", Kind: "authorize", Time: now, Method: "GET",
		Explain: "Send the browser to the provider to sign in and consent",
		URL:     "http://127.0.0.1:8765/authorize?client_id=oauthdesk-demo&code_challenge=E9Melhoa2Owv&state=af0ifjsldkj"})
	fb.addStep(auth.Step{Provider: "demo", Kind: "token", Time: now.Add(4 * time.Second), Method: "POST",
		Explain:       "Exchange the one-time code for tokens (RFC 6749 §4.1.3)",
		URL:           "http://127.0.0.1:8765/token",
		RequestHeader: map[string][]string{"Content-Type": {"application/x-www-form-urlencoded"}},
		RequestBody:   []byte("client_id=oauthdesk-demo&code=" + secretCode + "&code_verifier=" + secretVerifier + "&grant_type=authorization_code"),
		Status:        200, Duration: 45 * time.Millisecond,
		ResponseHeader: map[string][]string{"Content-Type": {"application/json"}, "Cache-Control": {"no-store"}},
		ResponseBody: []byte(`{"access_token":"` + secretAccess + `","expires_in":3600,"refresh_token":"` + secretRefresh +
			`","scope":"openid profile","token_type":"Bearer"}`)})
}

// showFlowLog selects the Flow log tab and waits for n steps.
func showFlowLog(h *harness, n int) *flowLogView {
	h.t.Helper()
	h.mw.view.showTab(T("Flow log"))
	v := h.mw.view.flowView()
	h.waitFor("the flow log", func() bool { return len(v.stepRows) == n })
	return v
}

// expandStep clicks the header of step n.
func expandStep(h *harness, v *flowLogView, n int) {
	h.t.Helper()
	for _, r := range v.stepRows {
		if r.step.N == n {
			test.Tap(r.root.Objects[0].(*tappable))
			h.q.drain()
			return
		}
	}
	h.t.Fatalf("no step %d", n)
}

// assertNoSecrets fails if any of withFlow's secrets shows.
func (h *harness) assertNoSecrets() {
	h.t.Helper()
	for _, s := range []string{secretVerifier, secretCode, secretRefresh, secretAccess, "af0ifjsldkj"} {
		h.assertNoText(s)
	}
}

func TestFlowLogShowsNumberedStepsWithoutSecretsUntilRevealed(t *testing.T) {
	h := newHarness(t, withFlow)
	v := showFlowLog(h, 2)
	h.waitText("2 steps",
		"#1", "authorize", "Front channel.", "in the browser",
		"#2", "token", "Back channel.",
		"POST http://127.0.0.1:8765/token", "200 OK · 45 ms")
	h.assertNoSecrets()

	expandStep(h, v, 2)
	h.waitText("Content-Type: application/x-www-form-urlencoded", "code=•••• (hidden)",
		"code_verifier=•••• (hidden)", "← 200 OK (45ms)", `"refresh_token": "•••• (hidden)"`, `"expires_in": 3600`)
	h.assertNoSecrets()

	h.tap("Copy step")
	copied := h.clipboard()
	if !strings.HasPrefix(copied, "#2 token — Exchange the one-time code") || !strings.Contains(copied, "code_verifier=•••• (hidden)") {
		t.Errorf("Copy step copied:\n%s", copied)
	}
	for _, s := range []string{secretVerifier, secretCode, secretRefresh, secretAccess} {
		if strings.Contains(copied, s) {
			t.Errorf("Copy step copied the secret %q", s)
		}
	}
	h.waitText("Copied step 2, secrets hidden.")

	// Revealing asks first; keeping them hidden changes nothing.
	test.Tap(v.reveal)
	h.q.drain()
	h.waitText("Reveal secrets?")
	h.tap("Keep hidden")
	if v.reveal.Checked || v.revealed {
		t.Error("Keep hidden left the check ticked")
	}
	h.assertNoSecrets()

	test.Tap(v.reveal)
	h.q.drain()
	h.tap("Reveal")
	h.waitText(secretVerifier, secretRefresh, "Secrets are shown in clear")
	h.tap("Copy step")
	if !strings.Contains(h.clipboard(), secretRefresh) {
		t.Errorf("revealed, Copy step copied:\n%s", h.clipboard())
	}

	// Hiding again needs no confirmation.
	test.Tap(v.reveal)
	h.q.drain()
	h.assertNoSecrets()
	h.assertNoText("Secrets are shown in clear")
}

func TestFlowLogUpdatesLiveAndClears(t *testing.T) {
	h := newHarness(t, withFlow)
	showFlowLog(h, 2)
	h.fb.addStep(auth.Step{Provider: "demo", Kind: "userinfo", Method: "GET", URL: "http://127.0.0.1:8765/userinfo",
		Explain: "Read who signed in from the userinfo endpoint", Status: 401, Duration: 3 * time.Millisecond})
	h.waitText("#3", "userinfo", "401 Unauthorized · 3 ms", "3 steps") // polled, no action needed

	h.tap("Clear")
	h.waitText("No steps yet.")
	h.assertNoText("#1")
	h.waitFor("the engine's log to be cleared", func() bool { return h.fb.called("ClearFlowLog demo") })
	h.settle()
	h.assertNoText("#1")
	// Polling stops when another tab is shown.
	h.mw.view.showTab("Session")
	if h.mw.view.flowView().stopPoll != nil {
		t.Error("the flow log still polls on the Session tab")
	}
}

func TestFlowHARIsRedactedUnlessRevealed(t *testing.T) {
	fb := newFakeBackend(func() time.Time { return t0 })
	withFlow(fb, t0)
	steps := fb.flow["demo"]

	data, err := flowHAR(steps, false)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Log struct {
			Version string
			Entries []struct {
				Comment string
				Request struct {
					Method, URL string
					PostData    *struct{ Text string }
				}
				Response struct {
					Status  int
					Content struct{ Text string }
				}
			}
		}
	}
	if err := json.Unmarshal(data, &doc); err != nil {
		t.Fatalf("not JSON: %v\n%s", err, data)
	}
	if doc.Log.Version != "1.2" || len(doc.Log.Entries) != 2 {
		t.Fatalf("HAR version %q with %d entries, want 1.2 with 2", doc.Log.Version, len(doc.Log.Entries))
	}
	tok := doc.Log.Entries[1]
	if tok.Request.Method != "POST" || tok.Response.Status != 200 || !strings.HasPrefix(tok.Comment, "#2 token") {
		t.Errorf("token entry: %+v", tok)
	}
	if tok.Request.PostData == nil || !strings.Contains(tok.Request.PostData.Text, "code_verifier=") {
		t.Errorf("the token request's body is missing: %+v", tok.Request.PostData)
	}
	for _, s := range []string{secretVerifier, secretCode, secretRefresh, secretAccess, "af0ifjsldkj"} {
		if strings.Contains(string(data), s) {
			t.Errorf("the redacted HAR holds the secret %q", s)
		}
	}

	data, err = flowHAR(steps, true)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), secretRefresh) || !strings.Contains(string(data), secretVerifier) {
		t.Error("the revealed HAR lacks the secrets")
	}
	if got := harSavedText(2, "/tmp/x.har", false); got != "Saved 2 steps to /tmp/x.har, secrets hidden." {
		t.Errorf("harSavedText = %q", got)
	}
}

func TestStepStatusAndDetail(t *testing.T) {
	for _, tc := range []struct {
		s    auth.Step
		text string
		imp  widget.Importance
	}{
		{auth.Step{Status: 200, Duration: 1500 * time.Millisecond}, "200 OK · 1.50 s", widget.SuccessImportance},
		{auth.Step{Status: 400, Duration: 12 * time.Millisecond}, "400 Bad Request · 12 ms", widget.DangerImportance},
		{auth.Step{Status: 599}, "599 · 0 ms", widget.DangerImportance},
		{auth.Step{Status: 400, Duration: 2 * time.Millisecond, ResponseBody: []byte(`{"error":"authorization_pending"}`)},
			"400 authorization_pending · 2 ms", widget.WarningImportance},
		{auth.Step{Status: 400, ResponseBody: []byte(`{"error":"invalid_grant","error_description":"x"}`)},
			"400 invalid_grant · 0 ms", widget.DangerImportance},
		{auth.Step{Status: 200, ResponseBody: []byte(`{"error":"not really"}`)}, "200 OK · 0 ms", widget.SuccessImportance},
		{auth.Step{Err: "dial tcp: connection refused"}, "failed", widget.DangerImportance},
		{auth.Step{}, "in the browser", widget.MediumImportance},
	} {
		if text, imp := stepStatus(tc.s); text != tc.text || imp != tc.imp {
			t.Errorf("stepStatus(%+v) = %q, %v; want %q, %v", tc.s, text, imp, tc.text, tc.imp)
		}
	}
	big := auth.Step{N: 1, Kind: "api", Method: "GET", URL: "http://x/", Status: 200,
		ResponseBody: []byte(strings.Repeat("é", maxStepText))}
	d := stepDetail(big)
	if got := displayURL("http://h/cb?code=%E2%80%A2%E2%80%A2+%28hidden%29&state=a%26b"); got != "http://h/cb?code=•• (hidden)&state=a&b" {
		t.Errorf("displayURL = %q", got)
	}
	if strings.HasPrefix(d, "#1") || !strings.HasSuffix(d, "Copy step and Export HAR have it all)") || len(d) > maxStepText+100 {
		t.Errorf("stepDetail of a big step: starts %q, ends %q, %d bytes", d[:20], d[len(d)-40:], len(d))
	}
}

func TestFlowLogFollowsNewStepsUnlessScrolledUp(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		for range 12 {
			withFlow(fb, now)
		}
	})
	v := showFlowLog(h, 24)
	h.waitFor("the end of the log", func() bool { return v.scroll.Offset.Y > 0 && v.atEnd() })
	h.fb.addStep(auth.Step{Provider: "demo", Kind: "refresh", Method: "POST", URL: "http://127.0.0.1:8765/token", Status: 200})
	h.waitFor("the new step in view", func() bool { return len(v.stepRows) == 25 && v.atEnd() })

	// Scrolled up, the view stays where the person put it.
	v.scroll.Scrolled(&fyne.ScrollEvent{Scrolled: fyne.NewDelta(0, 10000)})
	if v.follow || v.scroll.Offset.Y != 0 {
		t.Fatalf("scrolled to the top: follow %v, offset %v", v.follow, v.scroll.Offset)
	}
	h.fb.addStep(auth.Step{Provider: "demo", Kind: "refresh", Method: "POST", URL: "http://127.0.0.1:8765/token", Status: 200})
	h.waitFor("the step", func() bool { return len(v.stepRows) == 26 })
	if v.scroll.Offset.Y != 0 {
		t.Errorf("the log scrolled away from where the person was reading (offset %v)", v.scroll.Offset)
	}
}
