package e2e

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// TestCallTokenInQuery: oauthdesk call --token-in query sends the access
// token as the access_token query parameter (RFC 6750 §2.3) with
// Cache-Control: no-store and no Authorization header, keeps the rest of
// the URL as written, warns on stderr, and hides the token in -v output
// and error lines. The demo provider's userinfo accepts it too. The header
// stays the default.
func TestCallTokenInQuery(t *testing.T) {
	e := newEnv(t)
	e.mustRun("login", "demo")
	token := strings.TrimSpace(e.mustRun("token", "demo").stdout)
	if token == "" {
		t.Fatal("no access token")
	}

	// The demo provider's userinfo, a real resource server.
	r := e.mustRun("call", "demo", "--token-in", "query")
	var prof map[string]any
	if err := json.Unmarshal([]byte(r.stdout), &prof); err != nil || prof["sub"] != "demo-user-0001" {
		t.Fatalf("call demo --token-in query: %v\n%s\n%s", err, r.stdout, r.stderr)
	}
	if !strings.Contains(r.stderr, "access_token") || !strings.Contains(r.stderr, "logs") || !strings.Contains(r.stderr, "Authorization header is safer") {
		t.Fatalf("no warning on stderr: %q", r.stderr)
	}

	type seen struct{ rawQuery, auth, cache string }
	var mu sync.Mutex
	var got []seen
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		got = append(got, seen{r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Get("Cache-Control")})
		mu.Unlock()
		if r.URL.Path == "/missing" {
			w.WriteHeader(http.StatusNotFound)
		}
		w.Write([]byte("ok"))
	}))
	defer api.Close()
	last := func() seen {
		mu.Lock()
		defer mu.Unlock()
		return got[len(got)-1]
	}

	// The parameter is added after the person's own, which stay as written.
	r = e.mustRun("-v", "call", "demo", api.URL+"/items?b=2&a=1", "--token-in", "query")
	s := last()
	if s.rawQuery != "b=2&a=1&access_token="+url.QueryEscape(token) || s.auth != "" || s.cache != "no-store" {
		// Not the values: they hold the token.
		t.Fatalf("query call: query as expected %v, an Authorization header %v, Cache-Control %q",
			s.rawQuery == "b=2&a=1&access_token="+url.QueryEscape(token), s.auth != "", s.cache)
	}
	if strings.Contains(r.stderr, token) || strings.Contains(r.stdout, token) {
		t.Fatalf("the token shows in the -v output:\n%s", r.stderr)
	}
	if !strings.Contains(r.stderr, "access_token=") {
		t.Fatalf("-v does not show the (masked) parameter:\n%s", r.stderr)
	}

	// An error line names the URL without the token.
	r = e.run("call", "demo", api.URL+"/missing", "--token-in", "query")
	assertOneLineError(t, r, "HTTP 404")
	if strings.Contains(r.stderr, token) {
		t.Fatalf("the error line shows the token: %q", r.stderr)
	}

	// The default is the header.
	e.mustRun("call", "demo", api.URL+"/items")
	if s := last(); s.auth != "Bearer "+token || strings.Contains(s.rawQuery, "access_token") {
		t.Fatalf("default call: the Bearer header %v, a query token %v", s.auth == "Bearer "+token, strings.Contains(s.rawQuery, "access_token"))
	}

	// A URL that has the parameter already, and an unknown placement.
	assertOneLineError(t, e.run("call", "demo", api.URL+"/items?access_token=x", "--token-in", "query"), "access_token parameter already")
	if r := e.run("call", "demo", "--token-in", "cookie"); r.code != 2 || !strings.Contains(r.stderr, "header or query") {
		t.Fatalf("--token-in cookie: exit %d\n%s", r.code, r.stderr)
	}
}
