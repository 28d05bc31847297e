package testbrowser

import (
	"net/http"
	"testing"
)

func TestParseForms(t *testing.T) {
	doc := `<!DOCTYPE html><html><body>
<form method="get" action="/search"><input name="q" value="x"></form>
<form method="POST" action="/login?a=1&amp;b=2">
<input type="hidden" name="id" value="a&quot;b&lt;c">
<input type="text" name="username" value="">
<input type="password" name="password">
<input type="checkbox" name="remember">
<input type="checkbox" name="terms" value="yes" checked>
<button type="submit">Sign in</button>
</form>
<form method="post" action="/consent"><input type="hidden" name="id" value="42">
<button type="submit" name="action" value="deny">Deny</button>
<button name="action" value="allow">Allow</button></form>
</body></html>`
	forms := parseForms(doc)
	if len(forms) != 3 {
		t.Fatalf("got %d forms, want 3", len(forms))
	}
	login := forms[1]
	if login.method != http.MethodPost || login.action != "/login?a=1&b=2" || !login.hasPassword() {
		t.Errorf("login form %+v", login)
	}
	login.set("username", "demo")
	login.set("password", "pw")
	v := login.values(nil)
	if v.Get("id") != `a"b<c` || v.Get("username") != "demo" || v.Get("password") != "pw" || v.Has("remember") || v.Get("terms") != "yes" {
		t.Errorf("login values %v", v)
	}
	consent := forms[2]
	btn := consent.button("action", "allow")
	if consent.hasPassword() || btn == nil {
		t.Fatalf("consent form %+v", consent)
	}
	if v := consent.values(btn); v.Get("action") != "allow" || v.Get("id") != "42" || len(v["action"]) != 1 {
		t.Errorf("consent values %v", v)
	}
	if forms[0].method != http.MethodGet || forms[0].hasPassword() || forms[0].button("action", "") != nil {
		t.Errorf("search form %+v", forms[0])
	}
}
