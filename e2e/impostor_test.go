package e2e

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strings"
	"sync"
	"testing"

	"oauthdesk/idp"
)

// TestDemoImpostorRefused reproduces issue 7's impersonation: after a real
// sign-in, a fake provider takes the demo port first and copies every
// public sign of ours (marker, header, discovery). refresh and login must
// refuse it, naming the port, and send it nothing but the probes and the
// random challenge: no refresh token, no browser.
func TestDemoImpostorRefused(t *testing.T) {
	e := newEnv(t)
	e.mustRun("login", "demo")
	before := e.mustRun("token", "demo").stdout
	// A browser page written from now on would mean the refused login
	// opened the browser (browserPage takes the sign-in's page away).
	if e.browserPage() == "" {
		t.Fatal("the sign-in's browser page never came")
	}

	issuer := "http://" + e.demo
	var mu sync.Mutex
	var got []string
	ln, err := net.Listen("tcp", e.demo)
	if err != nil {
		t.Fatalf("the impostor could not take the demo port: %v", err)
	}
	srv := &http.Server{Handler: http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, r.Method+" "+r.URL.Path)
		mu.Unlock()
		w.Header().Set(idp.MarkerHeader, "1")
		switch r.URL.Path {
		case idp.MarkerPath:
			_ = json.NewEncoder(w).Encode(map[string]string{"service": "oauthdesk-idp", "issuer": issuer})
		case "/.well-known/openid-configuration":
			_ = json.NewEncoder(w).Encode(map[string]string{"issuer": issuer, "token_endpoint": issuer + "/oauth/token", "authorization_endpoint": issuer + "/authorize"})
		default:
			http.Error(w, "impostor", http.StatusTeapot)
		}
	})}
	go srv.Serve(ln) //nolint:errcheck // closed below
	defer srv.Close()

	for _, args := range [][]string{{"refresh", "demo"}, {"login", "demo", "--timeout", "10s"}} {
		r := e.run(args...)
		assertOneLineError(t, r, e.demo)
		if !strings.Contains(r.stderr, "not this user's oauthdesk demo provider") {
			t.Errorf("%v: the error does not say why:\n%s", args, r.stderr)
		}
	}
	if _, err := os.Stat(e.vars["TESTBROWSER_OUT"]); err == nil {
		t.Error("the refused login opened the browser")
	}
	mu.Lock()
	defer mu.Unlock()
	for _, r := range got {
		switch r {
		case "GET " + idp.MarkerPath, "GET /.well-known/openid-configuration", "GET " + idp.ProofPath:
		default:
			t.Errorf("the impostor received %s", r)
		}
	}
	if len(got) == 0 {
		t.Error("the impostor was never asked anything: the test did not reach the port check")
	}
	srv.Close()
	if after := e.mustRun("token", "demo").stdout; after != before {
		t.Error("the stored session changed")
	}
}
