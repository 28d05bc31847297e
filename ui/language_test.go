package ui

import (
	"testing"

	"golang.org/x/text/language"
)

// TestLanguageSwitchKeepsTheForm: picking 한국어 in the toolbar redraws the
// window in Korean at once, remembers the choice, and keeps what the
// person typed in the provider form; picking the system's language goes
// back to English.
func TestLanguageSwitchKeepsTheForm(t *testing.T) {
	t.Cleanup(func() { setLanguage(language.English) })
	h := newHarness(t, nil)
	h.tap("Add provider")
	f := h.mw.form
	f.id.SetText("my-kakao")
	f.clientID.SetText("rest-api-key-123")
	f.secret.SetText("s3cret")
	f.grant.SetSelected(T(grantMachineOption))
	h.q.drain()

	h.mw.toolbar.language.sel.SetSelected("한국어")
	h.waitFor("the window in Korean", func() bool { return korean() && h.mw.form != nil && h.mw.form != f })
	h.waitText("제공자 추가", "클라이언트 시크릿", "로그아웃")
	if got := h.app.Preferences().String(languagePref); got != langKO {
		t.Fatalf("language preference %q, want ko", got)
	}
	nf := h.mw.form
	if nf.id.Text != "my-kakao" || nf.clientID.Text != "rest-api-key-123" || nf.secret.Text != "s3cret" || !nf.machine() {
		t.Fatalf("the form lost what was typed: id %q client %q secret kept %v machine %v",
			nf.id.Text, nf.clientID.Text, nf.secret.Text == "s3cret", nf.machine())
	}
	if h.mw.toolbar.language.sel.Selected != "한국어" {
		t.Fatalf("the rebuilt picker shows %q", h.mw.toolbar.language.sel.Selected)
	}

	h.mw.toolbar.language.sel.SetSelectedIndex(0)
	h.waitFor("the window in English", func() bool { return !korean() })
	h.waitText("Add a provider", "Client secret")
	if got := h.app.Preferences().String(languagePref); got != langSystem {
		t.Fatalf("language preference %q, want the system's", got)
	}
}
