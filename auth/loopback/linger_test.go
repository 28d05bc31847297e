package loopback

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"strings"
	"testing"
	"time"

	"oauthdesk/internal/resultpage"
)

// signIn takes one redirect on lb and answers it with a success page.
func signIn(t *testing.T, lb *Listener, base string) {
	t.Helper()
	done := make(chan struct{})
	go func() {
		defer close(done)
		get(t, base+"/cb?code=x&state=s", "")
	}()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	cb, err := lb.Wait(ctx)
	if err != nil {
		t.Fatal(err)
	}
	cb.Reply(Page{Kind: resultpage.Success, Provider: "P"})
	<-done
}

// TestLoopbackReloadAfterResult: once the sign-in is over, a reload of the
// result page (the same callback URL) gets a calm "already handled" page
// from a listener on a system-chosen port, not "can't be reached"; a
// fixed port is released at once for the next sign-in.
func TestLoopbackReloadAfterResult(t *testing.T) {
	lb, err := Listen("127.0.0.1", 0, "/cb", "s")
	if err != nil {
		t.Fatal(err)
	}
	base := fmt.Sprintf("http://127.0.0.1:%d", lb.Port())
	signIn(t, lb, base)
	lb.Close()
	code, body := get(t, base+"/cb?code=x&state=s", "")
	if code != http.StatusGone || !strings.Contains(body, "Sign-in already handled") {
		t.Errorf("reload after the result: %d\n%s", code, body)
	}
	lb.shutdown()

	// A fixed port: free again right after Close.
	probe, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	port := probe.Addr().(*net.TCPAddr).Port
	probe.Close()
	lb, err = Listen("127.0.0.1", port, "/cb", "s")
	if err != nil {
		t.Fatal(err)
	}
	signIn(t, lb, fmt.Sprintf("http://127.0.0.1:%d", port))
	lb.Close()
	again, err := Listen("127.0.0.1", port, "/cb", "s")
	if err != nil {
		t.Fatalf("the fixed port is still held after Close: %v", err)
	}
	again.Close()
}
