package auth

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"
)

func TestFlowLogRecordsEveryStepAndRedacts(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	var live []Step
	e.flow.OnStep = func(s Step) { live = append(live, s) }
	ctx := context.Background()
	ts, err := e.Login(ctx, "op", LoginOptions{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.Profile(ctx, "op"); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Refresh(ctx, "op"); err != nil {
		t.Fatal(err)
	}
	if err := e.Logout(ctx, "op"); err != nil {
		t.Fatal(err)
	}
	steps := e.FlowLog("op")
	var kinds []string
	for i, s := range steps {
		if s.N != i+1 {
			t.Fatalf("step %d is numbered %d", i+1, s.N)
		}
		if s.Explain == "" {
			t.Fatalf("step %d (%s) has no explanation", s.N, s.Kind)
		}
		kinds = append(kinds, s.Kind)
	}
	got := strings.Join(kinds, " ")
	for _, want := range []string{"discovery", "authorize", "callback", "token", "jwks", "userinfo", "refresh", "revoke"} {
		if !strings.Contains(got, want) {
			t.Fatalf("no %s step in %q", want, got)
		}
	}
	if len(live) != len(steps) {
		t.Fatalf("the listener saw %d steps, the log has %d", len(live), len(steps))
	}
	// Unredacted, the secrets are there (so "reveal" can show them)…
	var all strings.Builder
	for _, s := range steps {
		all.WriteString(s.Text())
	}
	if !strings.Contains(all.String(), ts.AccessToken) {
		t.Fatal("the raw log lacks the access token: reveal would show nothing")
	}
	// …redacted, none of them is.
	var red strings.Builder
	for _, s := range steps {
		red.WriteString(s.Redacted().Text())
	}
	secrets := []string{ts.AccessToken, ts.RefreshToken, ts.IDToken}
	for _, s := range steps {
		if s.Kind == "callback" || s.Kind == "authorize" {
			for _, p := range []string{"code", "state", "nonce", "code_challenge"} {
				if v := queryValue(s.URL, p); v != "" {
					secrets = append(secrets, v)
				}
			}
		}
		if s.Kind == "token" {
			for _, p := range []string{"code", "code_verifier"} {
				if v := formValue(s.RequestBody, p); v != "" {
					secrets = append(secrets, v)
				}
			}
		}
	}
	if len(secrets) < 8 {
		t.Fatalf("expected to find code, state, nonce, verifier…: %d secrets", len(secrets))
	}
	for _, sec := range secrets {
		if strings.Contains(red.String(), sec) {
			t.Fatalf("the redacted log shows a secret: %.12s…", sec)
		}
	}
	if !strings.Contains(red.String(), "→ POST") || !strings.Contains(red.String(), "← 200") {
		t.Fatalf("the log text lacks request/response lines:\n%s", red.String())
	}

	redactedSteps := make([]Step, len(steps))
	for i, s := range steps {
		redactedSteps[i] = s.Redacted()
	}
	har, err := HAR(redactedSteps)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Log struct {
			Version string `json:"version"`
			Entries []struct {
				Request struct {
					Method string `json:"method"`
				} `json:"request"`
			} `json:"entries"`
		} `json:"log"`
	}
	if err := json.Unmarshal(har, &doc); err != nil || doc.Log.Version != "1.2" || len(doc.Log.Entries) != len(steps) {
		t.Fatalf("HAR: %v %+v", err, doc.Log)
	}
	for _, sec := range secrets {
		if strings.Contains(string(har), sec) {
			t.Fatal("the HAR export of redacted steps shows a secret")
		}
	}
}

func queryValue(raw, k string) string {
	_, q, _ := strings.Cut(raw, "?")
	v := parseQuery(q)[k]
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func formValue(body []byte, k string) string {
	v := parseQuery(string(body))[k]
	if len(v) == 0 {
		return ""
	}
	return v[0]
}

func parseQuery(s string) map[string][]string {
	q, _ := url.ParseQuery(s)
	return q
}
