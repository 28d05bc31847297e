package ui

import (
	"encoding/base64"
	"strings"
	"testing"

	"fyne.io/fyne/v2/test"

	"oauthdesk/auth"
)

// TestStatusCardShowsDPoPBinding: a DPoP-bound session shows the key's
// thumbprint and whether a JWT access token's cnf.jkt names it.
func TestStatusCardShowsDPoPBinding(t *testing.T) {
	test.NewTempApp(t)
	c := newStatusCard(func() {}, func() {}, func() {}, func(bool) {})
	jwt := func(claims string) string {
		enc := base64.RawURLEncoding.EncodeToString
		return enc([]byte(`{"alg":"ES256","typ":"at+jwt"}`)) + "." + enc([]byte(claims)) + ".c2ln"
	}
	key := []byte(`{"kty":"EC"}`)
	for _, tc := range []struct {
		tokens *auth.TokenSet
		want   string
	}{
		{&auth.TokenSet{AccessToken: "opaque", TokenType: "Bearer"}, "Bearer — not bound"},
		{&auth.TokenSet{AccessToken: jwt(`{"cnf":{"jkt":"abc"}}`), TokenType: "DPoP", DPoPKey: key, DPoPJKT: "abc"}, "cnf.jkt names this key"},
		{&auth.TokenSet{AccessToken: jwt(`{"cnf":{"jkt":"xyz"}}`), TokenType: "DPoP", DPoPKey: key, DPoPJKT: "abc"}, "names another key: xyz"},
		{&auth.TokenSet{AccessToken: "opaque", TokenType: "DPoP", DPoPKey: key, DPoPJKT: "abc"}, "only the server can check"},
	} {
		c.showBinding(&session{tokens: tc.tokens})
		if !strings.Contains(c.binding.Text, tc.want) {
			t.Errorf("binding %q, want %q", c.binding.Text, tc.want)
		}
	}
}

// TestCopyForDPoP: the Authorization header and the curl command of a
// DPoP-bound token use the DPoP scheme and a fresh proof.
func TestCopyForDPoP(t *testing.T) {
	ts := &auth.TokenSet{AccessToken: "tok", TokenType: "DPoP", DPoPKey: []byte(`{}`)}
	if got := authHeader(ts); got != "Authorization: DPoP tok" {
		t.Errorf("header %q", got)
	}
	got := curlCommandFor("peer", ts, "https://op/me")
	if !strings.Contains(got, `DPoP: $(oauthdesk proof peer GET https://op/me)`) || !strings.Contains(got, `Authorization: DPoP $(oauthdesk token peer)`) || strings.Contains(got, "tok\"") {
		t.Errorf("curl:\n%s", got)
	}
	bearer := &auth.TokenSet{AccessToken: "tok", TokenType: "Bearer"}
	if got := authHeader(bearer); got != "Authorization: Bearer tok" {
		t.Errorf("bearer header %q", got)
	}
}
