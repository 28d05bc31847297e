package loopback

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"oauthdesk/internal/resultpage"
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
	lb, err := Listen("127.0.0.1", 0, "/callback", "y")
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
	lb, err := Listen("localhost", 0, "/cb", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer lb.Close()
	if len(lb.lns) != 2 || !strings.HasPrefix(lb.lns[0].Addr().String(), "127.0.0.1:") || lb.lns[1].Addr().String() != fmt.Sprintf("[::1]:%d", lb.Port()) {
		t.Fatalf("listening on %v, want 127.0.0.1 and [::1] on one port", lb.lns)
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

// TestLoopbackWrongStateKeepsWaiting (issue 7 item 7): a redirect with a
// forged state gets an error page and is not taken as the callback; the
// real one still is.
func TestLoopbackWrongStateKeepsWaiting(t *testing.T) {
	lb, err := Listen("127.0.0.1", 0, "/callback", "real-state")
	if err != nil {
		t.Fatal(err)
	}
	defer lb.Close()
	base := fmt.Sprintf("http://127.0.0.1:%d/callback", lb.Port())
	for _, q := range []string{"?state=forged&code=x", "?code=x", "?state=real-state&state=real-state&code=x"} {
		if code, body := get(t, base+q, ""); code != http.StatusBadRequest || !strings.Contains(body, "still waiting") {
			t.Fatalf("%s: got %d, want 400 and a page saying oauthdesk is still waiting:\n%s", q, code, body)
		}
	}
	select {
	case <-lb.Callbacks():
		t.Fatal("a forged redirect was taken as the callback")
	default:
	}
	go get(t, base+"?state=real-state&code=x", "")
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cb, err := lb.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cb.Reply(Page{Kind: resultpage.Success, Provider: "ok"})
}

// TestStartURLOnce (issue 7 item 3): a start URL redirects to the
// authorization request once; opened again it is refused and the sign-in
// is told (Reused); an unknown token is refused without stopping it.
func TestStartURLOnce(t *testing.T) {
	lb, err := Listen("127.0.0.1", 0, "/callback", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer lb.Close()
	lb.SetTarget("https://op.example/authorize?state=s")
	start := lb.StartURL()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Head(start)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNoContent {
		t.Fatalf("HEAD: %d, want 204 (and the URL not used up)", resp.StatusCode)
	}
	resp, err = c.Get(start)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "https://op.example/authorize?state=s" {
		t.Fatalf("first visit: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _ := get(t, start, ""); code != http.StatusGone {
		t.Fatalf("second visit: %d, want 410", code)
	}
	select {
	case <-lb.Reused():
	default:
		t.Fatal("the sign-in was not told that its start URL was opened twice")
	}
	if code, _ := get(t, start[:len(start)-4]+"xxxx", ""); code != http.StatusGone {
		t.Fatalf("unknown start token: %d, want 410", code)
	}
	if len(lb.Reused()) != 0 {
		t.Fatal("an unknown start token stopped the sign-in")
	}
}

// TestLoopbackLocalhostIPv6Taken (issue 7 items 1 and 14): a localhost
// redirect on a fixed port whose [::1] half another program holds fails at
// once, naming it, and leaves nothing listening; with any port and a
// mixed-case host the listener binds both halves and answers to the
// lower-case Host browsers send.
func TestLoopbackLocalhostIPv6Taken(t *testing.T) {
	squat, err := net.Listen("tcp", "[::1]:0")
	if err != nil {
		t.Skip("no IPv6 loopback here:", err)
	}
	defer squat.Close()
	port := squat.Addr().(*net.TCPAddr).Port
	_, err = Listen("localhost", port, "/callback", "s")
	if !errors.Is(err, ErrPortInUse) || !strings.Contains(err.Error(), fmt.Sprintf("[::1]:%d", port)) {
		t.Fatalf("got %v, want ErrPortInUse naming [::1]:%d", err, port)
	}
	if c, err := net.Dial("tcp", fmt.Sprintf("127.0.0.1:%d", port)); err == nil {
		c.Close()
		t.Fatal("the 127.0.0.1 half was left listening")
	}
	lb, err := Listen("LocalHost", 0, "/callback", "s")
	if err != nil {
		t.Fatal(err)
	}
	defer lb.Close()
	if len(lb.lns) != 2 || !lb.hosts[fmt.Sprintf("localhost:%d", lb.Port())] {
		t.Fatalf("listeners %v, hosts %v", lb.lns, lb.hosts)
	}
}

// TestLingeringListenerEndsStartURLs: once the sign-in is over, a
// listener that lingers to answer reloads sends no start URL on to the
// authorization request, and no longer says it is waiting.
func TestLingeringListenerEndsStartURLs(t *testing.T) {
	lb, err := Listen("127.0.0.1", 0, "/callback", "s")
	if err != nil {
		t.Fatal(err)
	}
	lb.SetTarget("https://op.example/authorize?state=s")
	spare := lb.StartURL() // an "open again" never followed
	base := fmt.Sprintf("http://127.0.0.1:%d/callback", lb.Port())
	go func() {
		cb, err := lb.Wait(context.Background())
		if err == nil {
			cb.Reply(Page{Kind: resultpage.Success, Provider: "P"})
		}
	}()
	if code, _ := get(t, base+"?state=s&code=x", ""); code != http.StatusOK {
		t.Fatalf("the redirect: %d", code)
	}
	lb.Close()
	defer lb.shutdown()
	c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Get(spare)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusGone || resp.Header.Get("Location") != "" {
		t.Fatalf("a start URL after the sign-in: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, body := get(t, base+"?state=forged", ""); code != http.StatusBadRequest || strings.Contains(body, "still waiting") {
		t.Fatalf("a forged redirect after the sign-in: %d, says still waiting: %v", code, strings.Contains(body, "still waiting"))
	}
}
