package loopback

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"oauthdesk/internal/resultpage"
	"strings"
	"testing"
	"time"
)

// get sends a GET to the listener with an optional Host header. It may
// run on any goroutine: a failure is reported with t.Error.
func get(t *testing.T, rawURL, host string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, rawURL, nil)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	if host != "" {
		req.Host = host
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Error(err)
		return 0, ""
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func TestLoopbackRejectsForeignHostAndAcceptsOneCallback(t *testing.T) {
	lb, err := Listen("127.0.0.1", 0, "/callback")
	if err != nil {
		t.Fatal(err)
	}
	defer lb.Close()
	base := fmt.Sprintf("http://127.0.0.1:%d", lb.Port())

	// DNS rebinding: a page at evil.example resolved to 127.0.0.1.
	if code, _ := get(t, base+"/callback?code=x&state=y", fmt.Sprintf("evil.example:%d", lb.Port())); code != http.StatusMisdirectedRequest {
		t.Fatalf("foreign Host: got %d, want 421", code)
	}
	if code, _ := get(t, base+"/favicon.ico", ""); code != http.StatusNotFound {
		t.Fatalf("other path: got %d, want 404", code)
	}
	select {
	case <-lb.Callbacks():
		t.Fatal("a rejected request was taken as the callback")
	default:
	}

	// The real callback, answered with a hostile provider message.
	done := make(chan string, 1)
	go func() {
		_, body := get(t, base+"/callback?code=x&state=y", "")
		done <- body
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cb, err := lb.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if cb.Query.Get("code") != "x" {
		t.Fatalf("query: %v", cb.Query)
	}
	cb.Reply(Page{Kind: resultpage.Failed, Provider: "P", ErrorCode: "server_error", ErrorDescription: `<script>alert(1)</script>`})
	body := <-done
	if strings.Contains(body, "<script>alert") || !strings.Contains(body, "&lt;script&gt;") {
		t.Fatalf("the provider's text is not escaped in the page:\n%s", body)
	}
	if !strings.Contains(body, "Sign-in failed") {
		t.Fatalf("the page does not say the sign-in failed:\n%s", body)
	}

	// Only one callback per sign-in.
	if code, _ := get(t, base+"/callback?code=z&state=y", ""); code != http.StatusGone {
		t.Fatalf("second callback: got %d, want 410", code)
	}
}

func TestLoopbackLocalhostRedirectListensOnIP(t *testing.T) {
	lb, err := Listen("localhost", 0, "/cb")
	if err != nil {
		t.Fatal(err)
	}
	defer lb.Close()
	if got := lb.ln.Addr().String(); !strings.HasPrefix(got, "127.0.0.1:") {
		t.Fatalf("listening on %s, want the IP literal", got)
	}
	go get(t, fmt.Sprintf("http://127.0.0.1:%d/cb?state=s", lb.Port()), fmt.Sprintf("localhost:%d", lb.Port()))
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cb, err := lb.Wait(ctx)
	if err != nil {
		t.Fatalf("a callback with Host localhost was not accepted: %v", err)
	}
	cb.Reply(Page{Kind: resultpage.Success, Provider: "ok"})
}
