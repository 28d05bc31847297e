package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// TestAttackRedactionGaps: -v hides secrets by the structure of a body,
// whatever its content: a form-encoded token response whose scope has a
// space (x/oauth2 accepts it), JSON with secrets inside arrays and under
// field names in another letter case. --reveal-secrets still shows them
// (the raw log keeps everything).
func TestAttackRedactionGaps(t *testing.T) {
	e := newEnv(t)
	op := newHostileOP(t, false)
	e.writeConfig(op.config("evil", ""))
	t.Cleanup(func() { e.run("logout", "evil") })

	at, rt := "AT-SECRET-form-"+randHex(6), "RT-SECRET-form-"+randHex(6)
	op.override("/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/x-www-form-urlencoded")
		fmt.Fprintf(w, "access_token=%s&refresh_token=%s&token_type=bearer&expires_in=3600&scope=read write <b>", at, rt)
	})
	r := e.mustRun("-v", "login", "evil")
	for _, s := range []string{at, rt} {
		if strings.Contains(r.stderr, s) {
			t.Fatalf("-v login shows a token from a form-encoded answer with a space:\n%s", r.stderr)
		}
	}
	if !strings.Contains(r.stderr, "#") || !strings.Contains(r.stderr, "token_type") {
		t.Fatalf("-v login no longer shows the token response:\n%s", r.stderr)
	}

	secret1, secret2, secret3 := "AT-SECRET-json-"+randHex(6), "RT-SECRET-json-"+randHex(6), "ID-SECRET-json-"+randHex(6)
	op.override("/introspect", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprintf(w, `{"active":true,"Access_Token":%q,"grants":[{"REFRESH_TOKEN":%q},[{"id_token":%q}]],"scope":"read"}`, secret1, secret2, secret3)
	})
	r = e.run("-v", "introspect", "evil")
	step, _, _ := strings.Cut(r.stderr, "oauthdesk:")
	for _, s := range []string{secret1, secret2, secret3} {
		if strings.Contains(step, s) {
			t.Fatalf("-v introspect shows a secret inside an array or under another letter case:\n%s", step)
		}
	}
	if !strings.Contains(step, "grants") {
		t.Fatalf("-v introspect no longer shows the answer:\n%s", step)
	}

	r = e.run("-v", "--reveal-secrets", "introspect", "evil")
	for _, s := range []string{secret1, secret2, secret3} {
		if !strings.Contains(r.stderr, s) {
			t.Fatalf("--reveal-secrets no longer shows %s:\n%s", s, r.stderr)
		}
	}
}
