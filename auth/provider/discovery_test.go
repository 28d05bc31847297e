package provider

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"oauthdesk/auth/internal/protocol"
)

// asServer is a real HTTP server on 127.0.0.1 publishing documents by path.
func asServer(t *testing.T, docs func(base string) map[string]any) (*httptest.Server, *[]string) {
	t.Helper()
	var seen []string
	var base string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		seen = append(seen, r.URL.Path)
		doc, ok := docs(base)[r.URL.Path]
		if !ok {
			http.NotFound(w, r)
			return
		}
		if s, ok := doc.(string); ok {
			w.Header().Set("Content-Type", "text/html")
			w.Write([]byte(s))
			return
		}
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(doc)
	}))
	base = srv.URL
	t.Cleanup(srv.Close)
	return srv, &seen
}

func meta(issuer string) map[string]any {
	return map[string]any{"issuer": issuer, "authorization_endpoint": issuer + "/authorize", "token_endpoint": issuer + "/token"}
}

func TestOAuthMetadataURL(t *testing.T) {
	for in, want := range map[string]string{
		"https://as.example":            "https://as.example/.well-known/oauth-authorization-server",
		"https://as.example/":           "https://as.example/.well-known/oauth-authorization-server",
		"https://as.example/tenant1":    "https://as.example/.well-known/oauth-authorization-server/tenant1",
		"https://as.example/a/b/":       "https://as.example/.well-known/oauth-authorization-server/a/b",
		"http://127.0.0.1:8080/t%2Fx/y": "http://127.0.0.1:8080/.well-known/oauth-authorization-server/t%2Fx/y",
	} {
		got, err := OAuthMetadataURL(in)
		if err != nil || got != want {
			t.Errorf("OAuthMetadataURL(%q) = %q, %v; want %q", in, got, err, want)
		}
	}
	if _, err := OAuthMetadataURL("not a url"); err == nil {
		t.Error("no error for a non-URL issuer")
	}
}

// TestDiscoverFallsBackToRFC8414: no OpenID configuration (404) → the
// path-inserted RFC 8414 document, Kind KindOAuth.
func TestDiscoverFallsBackToRFC8414(t *testing.T) {
	srv, seen := asServer(t, func(base string) map[string]any {
		return map[string]any{"/.well-known/oauth-authorization-server/tenant1": meta(base + "/tenant1")}
	})
	md, err := Discover(context.Background(), srv.Client(), srv.URL+"/tenant1", false)
	if err != nil {
		t.Fatal(err)
	}
	if md.Kind != KindOAuth || md.Source != srv.URL+"/.well-known/oauth-authorization-server/tenant1" || md.TokenEndpoint != srv.URL+"/tenant1/token" {
		t.Fatalf("%+v", md)
	}
	if strings.Join(*seen, " ") != "/tenant1/.well-known/openid-configuration /.well-known/oauth-authorization-server/tenant1" {
		t.Fatalf("requests %v", *seen)
	}
}

// TestDiscoverPrefersOIDC: both published → the OpenID configuration, and
// RFC 8414 is not asked.
func TestDiscoverPrefersOIDC(t *testing.T) {
	srv, seen := asServer(t, func(base string) map[string]any {
		return map[string]any{"/.well-known/openid-configuration": meta(base), "/.well-known/oauth-authorization-server": meta(base)}
	})
	md, err := Discover(context.Background(), srv.Client(), srv.URL, false)
	if err != nil || md.Kind != KindOIDC || len(*seen) != 1 {
		t.Fatalf("%+v %v %v", md, err, *seen)
	}
}

// TestDiscoverRFC8414IssuerMismatch: RFC 8414 metadata naming another
// issuer is refused (§3.3), even a prefix of the configured one.
func TestDiscoverRFC8414IssuerMismatch(t *testing.T) {
	srv, _ := asServer(t, func(base string) map[string]any {
		return map[string]any{"/.well-known/oauth-authorization-server/tenant1": meta(base)}
	})
	_, err := Discover(context.Background(), srv.Client(), srv.URL+"/tenant1", false)
	if !errors.Is(err, protocol.ErrIssuerMismatch) || !strings.Contains(err.Error(), "RFC 8414 §3.3") {
		t.Fatalf("err = %v", err)
	}
}

// TestDiscoverNeither: neither document (a 404 and an HTML page) →
// ErrNoDiscovery naming both URLs.
func TestDiscoverNeither(t *testing.T) {
	srv, _ := asServer(t, func(base string) map[string]any {
		return map[string]any{"/.well-known/oauth-authorization-server/x": "<html>app</html>"}
	})
	_, err := Discover(context.Background(), srv.Client(), srv.URL+"/x", false)
	if !errors.Is(err, ErrNoDiscovery) || !errors.Is(err, ErrNotPublished) {
		t.Fatalf("err = %v", err)
	}
	for _, want := range []string{"/x/.well-known/openid-configuration answered HTTP 404", "/.well-known/oauth-authorization-server/x answered with an HTML page"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%v does not say %q", err, want)
		}
	}
}

// TestDiscoverOIDCBrokenIsNotRetried: an OpenID configuration that is
// there but wrong (another issuer) is an error, not a reason to try RFC 8414.
func TestDiscoverOIDCBrokenIsNotRetried(t *testing.T) {
	srv, seen := asServer(t, func(base string) map[string]any {
		return map[string]any{"/.well-known/openid-configuration": meta("https://evil.example"), "/.well-known/oauth-authorization-server": meta(base)}
	})
	_, err := Discover(context.Background(), srv.Client(), srv.URL, false)
	if !errors.Is(err, protocol.ErrIssuerMismatch) || len(*seen) != 1 {
		t.Fatalf("err = %v, requests %v", err, *seen)
	}
}

func TestCheckResource(t *testing.T) {
	for _, ok := range []string{"https://api.example/", "urn:example:api", "https://api.example/v1?x=1"} {
		if err := CheckResource(ok); err != nil {
			t.Errorf("CheckResource(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "api", "/relative", "https://api.example/#frag", "https://api example/"} {
		if err := CheckResource(bad); err == nil {
			t.Errorf("CheckResource(%q) accepted", bad)
		}
	}
}
