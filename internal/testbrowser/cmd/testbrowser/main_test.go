package main

import (
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/oauth2"

	"oauthdesk/idp"
)

// TestRun drives the command against a real provider and a loopback app.
func TestRun(t *testing.T) {
	srv, err := idp.Start(t.Context(), idp.Options{Addr: "127.0.0.1:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	got := make(chan url.Values, 2)
	app := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		got <- r.URL.Query()
		_, _ = w.Write([]byte("final page"))
	}))
	defer app.Close()

	authURL := func() string {
		cfg := oauth2.Config{
			ClientID: idp.DemoClientID, RedirectURL: app.URL + "/cb", Scopes: []string{"openid"},
			Endpoint: oauth2.Endpoint{AuthURL: srv.Issuer() + "/authorize"},
		}
		return cfg.AuthCodeURL("st", oauth2.S256ChallengeOption(oauth2.GenerateVerifier()))
	}
	out := filepath.Join(t.TempDir(), "page.html")
	os.Args = []string{"testbrowser", "--new-window", authURL()}
	t.Setenv("TESTBROWSER_OUT", out)
	t.Setenv("TESTBROWSER_USER", "alice")
	t.Setenv("TESTBROWSER_PASSWORD", "alice")
	if code := run(); code != 0 {
		t.Fatalf("exit code %d", code)
	}
	if q := <-got; q.Get("code") == "" || q.Get("state") != "st" {
		t.Errorf("app got %v", q)
	}
	if b, _ := os.ReadFile(out); string(b) != "final page" {
		t.Errorf("TESTBROWSER_OUT holds %q", b)
	}

	// Rejected credentials: the navigation cannot complete.
	os.Args = []string{"testbrowser", authURL()}
	t.Setenv("TESTBROWSER_PASSWORD", "wrong")
	if code := run(); code != 1 {
		t.Errorf("wrong password: exit code %d, want 1", code)
	}
	// Deny: an error page at the end still exits 0.
	os.Args = []string{"testbrowser", authURL()}
	t.Setenv("TESTBROWSER_PASSWORD", "alice")
	t.Setenv("TESTBROWSER_ACTION", "deny")
	if code := run(); code != 0 {
		t.Errorf("deny: exit code %d, want 0", code)
	}
	if q := <-got; q.Get("error") != "access_denied" {
		t.Errorf("app got %v", q)
	}
}
