package idp_test

import (
	"fmt"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"oauthdesk/idp"
)

// TestLoopbackHosts signs in with the app listening on [::1] and reached as
// localhost, as RFC 8252 §7.3 allows. Each case is skipped, saying why, on
// a machine without it: no IPv6 loopback, or no `localhost` name (a bare
// debootstrap root has no /etc/hosts, and DNS does not answer for it).
func TestLoopbackHosts(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	for _, tc := range []struct{ listen, host string }{
		{"[::1]:0", "[::1]"},
		{"127.0.0.1:0", "localhost"},
	} {
		t.Run(tc.host, func(t *testing.T) {
			if tc.host == "localhost" {
				if reason := localhostMissing(t); reason != "" {
					t.Skip(reason)
				}
			}
			ln, err := net.Listen("tcp", tc.listen)
			if err != nil {
				t.Skipf("cannot listen on %s (no such loopback here?): %v", tc.listen, err)
			}
			a := &app{got: make(chan url.Values, 1)}
			a.srv = httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				a.got <- r.URL.Query()
				_, _ = w.Write([]byte("app: signed in"))
			}))
			a.srv.Listener.Close()
			a.srv.Listener = ln
			a.srv.Start()
			t.Cleanup(a.srv.Close)
			_, port, _ := net.SplitHostPort(ln.Addr().String())
			redirect := "http://" + tc.host + ":" + port + "/deep/path/callback"
			c := newClient(t, srv, idp.DemoClientID, "", redirect)
			tok, _ := c.signIn(t, a, idp.DemoUsername, idp.DemoPassword)
			if !strings.Contains(tok.Extra("scope").(string), "openid") {
				t.Errorf("%s: scope %v", tc.host, tok.Extra("scope"))
			}
		})
	}
}

// localhostMissing says why the name localhost cannot be used to reach
// 127.0.0.1 here, or returns "" when it can.
func localhostMissing(t *testing.T) string {
	addrs, err := net.DefaultResolver.LookupHost(t.Context(), "localhost")
	if err != nil {
		return fmt.Sprintf("localhost does not resolve on this machine (no localhost line in /etc/hosts?): %v", err)
	}
	for _, a := range addrs {
		if a == "127.0.0.1" {
			return ""
		}
	}
	return fmt.Sprintf("localhost resolves to %v here, not to 127.0.0.1", addrs)
}

// TestIPv6Issuer runs the provider itself on [::1].
func TestIPv6Issuer(t *testing.T) {
	t.Parallel()
	if ln, err := net.Listen("tcp", "[::1]:0"); err != nil {
		t.Skipf("no IPv6 loopback: %v", err)
	} else {
		ln.Close()
	}
	srv, err := idp.Start(t.Context(), idp.Options{Addr: "[::1]:0"})
	if err != nil {
		t.Fatal(err)
	}
	defer srv.Close()
	if !strings.HasPrefix(srv.Issuer(), "http://[::1]:") {
		t.Errorf("issuer %q", srv.Issuer())
	}
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	c.signIn(t, a, "alice", "alice")
}
