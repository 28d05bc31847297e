package idp_test

import (
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"oauthdesk/idp"
)

// freeAddr returns a loopback address that was free a moment ago.
func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

func TestEnsureDemo(t *testing.T) {
	t.Parallel()
	addr := freeAddr(t)
	dir := t.TempDir()

	// Free port: starts one in this process.
	issuer, stop, err := idp.EnsureDemo(t.Context(), addr, dir)
	if err != nil {
		t.Fatalf("EnsureDemo on a free port: %v", err)
	}
	if issuer != "http://"+addr {
		t.Errorf("issuer %q", issuer)
	}

	// Ours already running: reuse, and stop does nothing.
	issuer2, stop2, err := idp.EnsureDemo(t.Context(), addr, dir)
	if err != nil || issuer2 != issuer {
		t.Fatalf("EnsureDemo with ours running: %q, %v", issuer2, err)
	}
	if err := stop2(); err != nil {
		t.Fatal(err)
	}
	if resp, err := http.Get(issuer + "/.well-known/openid-configuration"); err != nil {
		t.Fatalf("the provider stopped after the no-op stop: %v", err)
	} else {
		resp.Body.Close()
	}
	if err := stop(); err != nil {
		t.Fatalf("stop: %v", err)
	}
}

func TestEnsureDemoPortTaken(t *testing.T) {
	t.Parallel()
	other := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		http.Error(w, "not here", http.StatusNotFound)
	}))
	defer other.Close()
	addr := strings.TrimPrefix(other.URL, "http://")
	_, _, err := idp.EnsureDemo(t.Context(), addr, "")
	if !errors.Is(err, idp.ErrPortTaken) {
		t.Fatalf("err = %v, want ErrPortTaken", err)
	}
	if !strings.Contains(err.Error(), addr) || !strings.Contains(err.Error(), "not this user's oauthdesk demo provider") {
		t.Errorf("error %q should name the port and say it is not oauthdesk's", err)
	}
}
