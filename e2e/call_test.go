package e2e

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
)

// TestCall: oauthdesk call against the demo provider's userinfo (the
// default URL), with -i, and against APIs that answer 404, binary bodies
// and an invalid_token challenge.
func TestCall(t *testing.T) {
	e := newEnv(t)
	e.mustRun("login", "demo")

	var prof map[string]any
	r := e.mustRun("call", "demo")
	if err := json.Unmarshal([]byte(r.stdout), &prof); err != nil {
		t.Fatalf("call demo: not JSON (%v):\n%s", err, r.stdout)
	}
	if prof["sub"] != "demo-user-0001" || prof["email"] != "demo@example.com" {
		t.Fatalf("call demo: %v", prof)
	}

	r = e.mustRun("call", "demo", "-i")
	head, body, ok := strings.Cut(r.stdout, "\n\n")
	if !ok || !strings.HasPrefix(head, "HTTP 200 OK\n") || !strings.Contains(head, "\nContent-Type: application/json") {
		t.Fatalf("call demo -i:\n%s", r.stdout)
	}
	if err := json.Unmarshal([]byte(body), &prof); err != nil || prof["sub"] != "demo-user-0001" {
		t.Fatalf("call demo -i body: %v\n%s", err, body)
	}

	// A 404: the body is printed, the exit status is 1 with one line.
	var mu sync.Mutex
	var auths []string
	pngBytes := []byte{0x89, 'P', 'N', 'G', 0x00, 0xff, 0xfe}
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		auths = append(auths, r.Header.Get("Authorization"))
		n := len(auths)
		mu.Unlock()
		switch r.URL.Path {
		case "/missing":
			w.WriteHeader(http.StatusNotFound)
			w.Write([]byte(`{"error":"no such thing"}`))
		case "/image":
			w.Header().Set("Content-Type", "image/png")
			w.Write(pngBytes)
		case "/expiring":
			if n == 1 {
				w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="expired"`)
				w.WriteHeader(http.StatusUnauthorized)
				return
			}
			w.Write([]byte("ok after refresh"))
		case "/echo":
			body := new(bytes.Buffer)
			body.ReadFrom(r.Body)
			w.Write([]byte(r.Method + " " + r.Header.Get("Content-Type") + " " + r.Header.Get("X-Trace") + " " + body.String()))
		}
	}))
	defer api.Close()

	r = e.run("call", "demo", api.URL+"/missing?key=secret-api-key")
	assertOneLineError(t, r, "HTTP 404")
	if r.stdout != `{"error":"no such thing"}` || strings.Contains(r.stderr, "secret-api-key") {
		t.Fatalf("404: stdout %q stderr %q", r.stdout, r.stderr)
	}

	// Not a terminal: binary bytes come out as they are.
	if r := e.mustRun("call", "demo", api.URL+"/image"); r.stdout != string(pngBytes) {
		t.Fatalf("binary body changed: %q", r.stdout)
	}

	// -X, -H, -d.
	if r := e.mustRun("call", "demo", api.URL+"/echo", "-X", "PUT", "-H", "X-Trace: 42", "-d", "a=1"); r.stdout != "PUT application/x-www-form-urlencoded 42 a=1" {
		t.Fatalf("echo: %q", r.stdout)
	}

	// invalid_token: refresh once, retry with the new token.
	mu.Lock()
	auths = nil
	mu.Unlock()
	r = e.mustRun("call", "demo", api.URL+"/expiring")
	mu.Lock()
	got := append([]string(nil), auths...)
	mu.Unlock()
	if r.stdout != "ok after refresh" || !strings.Contains(r.stderr, "refreshing it and trying again") {
		t.Fatalf("retry: stdout %q stderr %q", r.stdout, r.stderr)
	}
	if len(got) != 2 || got[0] == got[1] || !strings.HasPrefix(got[1], "Bearer ") {
		t.Fatalf("the retry did not use a refreshed token: %d calls", len(got))
	}

	// Plain http to a host that is not loopback: refused, nothing sent.
	assertOneLineError(t, e.run("call", "demo", "http://api.example.com/v1/me"), "plain http")
	assertOneLineError(t, e.run("call", "demo", "api.example.com/v1/me"), "not an absolute URL")
	if r := e.run("call", "demo", "-H", "nocolon"); r.code != 2 {
		t.Fatalf("a bad -H: exit %d, want 2\n%s", r.code, r.stderr)
	}
}
