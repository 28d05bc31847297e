package e2e

import (
	"net/http"
	"strings"
	"testing"
)

// TestAttackRedirectsCarryNoCredentials: a hostile provider answers a
// request that carries credentials with a redirect to another origin (a
// second real listener). Token-endpoint-style POSTs (code exchange,
// refresh, client credentials, device authorization, device polling,
// revoke, introspect) must never follow a redirect, and a GET with the
// bearer token (userinfo) follows only within the same origin: nothing
// may arrive at the other listener.
func TestAttackRedirectsCarryNoCredentials(t *testing.T) {
	for _, tc := range []struct {
		name string
		// path is the endpoint that redirects; status the redirect's code.
		path   string
		status int
		// loginFirst signs in before the endpoint starts redirecting.
		loginFirst bool
		// extra is added to the provider's config.
		extra string
		// args run the command that reaches the endpoint.
		args []string
	}{
		{name: "code exchange", path: "/token", status: http.StatusTemporaryRedirect, args: []string{"login", "evil"}},
		{name: "refresh", path: "/token", status: http.StatusTemporaryRedirect, loginFirst: true, args: []string{"refresh", "evil"}},
		{name: "refresh 308", path: "/token", status: http.StatusPermanentRedirect, loginFirst: true, args: []string{"refresh", "evil"}},
		{name: "client credentials", path: "/token", status: http.StatusTemporaryRedirect, extra: "grant = \"client_credentials\"\n", args: []string{"login", "evil"}},
		{name: "device authorization", path: "/device", status: http.StatusTemporaryRedirect, args: []string{"login", "evil", "--device", "--timeout", "10s"}},
		{name: "revoke", path: "/revoke", status: http.StatusTemporaryRedirect, loginFirst: true, args: []string{"logout", "evil"}},
		{name: "introspect", path: "/introspect", status: http.StatusTemporaryRedirect, loginFirst: true, args: []string{"introspect", "evil"}},
		{name: "userinfo", path: "/userinfo", status: http.StatusTemporaryRedirect, loginFirst: true, args: []string{"profile", "evil"}},
		{name: "userinfo 302", path: "/userinfo", status: http.StatusFound, loginFirst: true, args: []string{"profile", "evil"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			op := newHostileOP(t, false)
			other := newCollector(t)
			e.writeConfig(op.config("evil", "client_secret = \"CLIENT-SECRET-xyz\"\n"+tc.extra))
			t.Cleanup(func() { e.run("logout", "evil") })
			if tc.loginFirst {
				e.mustRun("login", "evil")
			}
			op.redirect(tc.path, tc.status, other.srv.URL+"/steal")
			r := e.run(tc.args...)
			if got := other.requests(); len(got) > 0 {
				t.Fatalf("oauthdesk %s followed the redirect to another origin; it received:\n%s", strings.Join(tc.args, " "), strings.Join(got, "\n---\n"))
			}
			if tc.name != "revoke" && r.code == 0 {
				t.Fatalf("oauthdesk %s succeeded against a redirecting endpoint:\n%s\n%s", strings.Join(tc.args, " "), r.stdout, r.stderr)
			}
			if tc.name != "revoke" {
				assertOneLineError(t, r, "redirect")
			}
			for _, s := range append(op.secrets(), "CLIENT-SECRET-xyz") {
				if strings.Contains(r.stdout+r.stderr, s) {
					t.Fatalf("a secret is in the output:\n%s\n%s", r.stdout, r.stderr)
				}
			}
		})
	}
}

// TestRedirectSameOriginStillWorks: a GET with the bearer token still
// follows a redirect within the provider's own origin.
func TestRedirectSameOriginStillWorks(t *testing.T) {
	e := newEnv(t)
	op := newHostileOP(t, false)
	e.writeConfig(op.config("evil", ""))
	t.Cleanup(func() { e.run("logout", "evil") })
	e.mustRun("login", "evil")
	op.redirect("/userinfo", http.StatusFound, op.url()+"/v2/userinfo")
	op.override("/v2/userinfo", func(w http.ResponseWriter, r *http.Request) {
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer AT-SECRET-") {
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		writeJSONBody(w, map[string]any{"sub": "user-1", "name": "Moved User"})
	})
	if r := e.mustRun("profile", "evil"); !strings.Contains(r.stdout, "Moved User") {
		t.Fatalf("profile after a same-origin redirect:\n%s\n%s", r.stdout, r.stderr)
	}
}
