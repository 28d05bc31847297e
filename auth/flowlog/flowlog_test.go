package flowlog_test

import (
	"bytes"
	"context"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"oauthdesk/auth/flowlog"
)

// tokenServer answers every request with a token response.
func tokenServer(t *testing.T) *httptest.Server {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"access_token":"at-SECRET","token_type":"Bearer","scope":"openid"}`)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestTransportRecordsLabelledRequestsAndRedacts(t *testing.T) {
	srv := tokenServer(t)
	var log flowlog.Log
	var live []flowlog.Step
	log.OnStep = func(s flowlog.Step) { live = append(live, s) }
	client := &http.Client{Transport: &flowlog.Transport{Next: http.DefaultTransport, Log: &log, Now: time.Now}}

	// An unlabelled request passes through unrecorded.
	resp, err := client.Get(srv.URL + "/plain")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if got := log.Steps("p"); len(got) != 0 {
		t.Fatalf("an unlabelled request was recorded: %+v", got)
	}

	ctx := flowlog.WithStep(context.Background(), "p", "token", "Exchange the code")
	form := url.Values{"code": {"code-SECRET"}, "client_secret": {"cs-SECRET"}, "grant_type": {"authorization_code"}}
	req, _ := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/token?state=st-SECRET", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Authorization", "Basic Y2xpZW50OmNzLVNFQ1JFVA==")
	resp, err = client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if !bytes.Contains(body, []byte("at-SECRET")) {
		t.Fatalf("the caller did not get the body: %s", body)
	}

	steps := log.Steps("p")
	if len(steps) != 1 || len(live) != 1 {
		t.Fatalf("got %d steps (%d told live), want 1", len(steps), len(live))
	}
	s := steps[0]
	if s.N != 1 || s.Kind != "token" || s.Status != http.StatusOK || !bytes.Contains(s.RequestBody, []byte("code-SECRET")) {
		t.Fatalf("the step is not what was sent: %+v", s)
	}
	red := s.Redacted()
	text := red.Text()
	har, err := flowlog.HAR([]flowlog.Step{red})
	if err != nil {
		t.Fatal(err)
	}
	for _, out := range []string{text, string(har)} {
		if strings.Contains(out, "SECRET") || strings.Contains(out, "Y2xpZW50") {
			t.Fatalf("a redacted rendering shows a secret:\n%s", out)
		}
	}
	if !strings.Contains(text, flowlog.Mask) || !strings.Contains(text, "grant_type=authorization_code") {
		t.Fatalf("the redacted text lost what is not secret, or shows no mask:\n%s", text)
	}
	log.Clear("p")
	if len(log.Steps("p")) != 0 {
		t.Fatal("Clear kept the steps")
	}
}

func TestStreamTransportPassesEverythingAndKeepsTheBeginning(t *testing.T) {
	big := bytes.Repeat([]byte("x"), flowlog.MaxBodyBytes+4096)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.Write(big) }))
	defer srv.Close()
	var log flowlog.Log
	client := &http.Client{Transport: &flowlog.StreamTransport{Next: http.DefaultTransport, Log: &log, Now: time.Now}}
	req, _ := http.NewRequestWithContext(flowlog.WithStep(context.Background(), "p", "api", "Call the API"), http.MethodGet, srv.URL, nil)
	resp, err := client.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	if n := len(log.Steps("p")); n != 0 {
		t.Fatalf("the step was logged before the body was read (%d steps)", n)
	}
	got, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if len(got) != len(big) {
		t.Fatalf("the caller got %d bytes, want %d", len(got), len(big))
	}
	steps := log.Steps("p")
	if len(steps) != 1 || len(steps[0].ResponseBody) != flowlog.MaxBodyBytes {
		t.Fatalf("want one step keeping %d bytes, got %d steps", flowlog.MaxBodyBytes, len(steps))
	}
}

func TestDisplayBody(t *testing.T) {
	if got := flowlog.DisplayBody([]byte("héllo")); got != "héllo" {
		t.Fatalf("text: %q", got)
	}
	if got := flowlog.DisplayBody([]byte{0xff, 0x00}); !strings.HasPrefix(got, "(binary, 2 bytes, base64)\n") {
		t.Fatalf("binary: %q", got)
	}
}
