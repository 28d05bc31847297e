package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

func TestUnsavedFormEditsAskBeforeTheyAreLost(t *testing.T) {
	h := newHarness(t, withProviders)
	h.selectProvider("keycloak")
	f := openForm(h)
	test.Type(f.name, "My IdP")

	// Another provider picked in the list: asked, and Keep editing stays.
	h.selectProvider("demo")
	h.waitText("Discard your changes?", "The provider form has changes that are not saved.")
	if h.mw.form != f {
		t.Fatal("picking another provider dropped the edited form")
	}
	h.tap("Keep editing")
	if h.mw.form != f || f.name.Text != "My IdP" {
		t.Fatalf("Keep editing lost the form (form %v, name %q)", h.mw.form != nil, f.name.Text)
	}
	if h.mw.selected != "keycloak" {
		t.Errorf("selection moved to %q", h.mw.selected)
	}

	// Esc asks too; Esc again keeps editing.
	h.mw.win.Canvas().Focus(f.name)
	h.pressKey(fyne.KeyEscape)
	h.waitText("Discard your changes?")
	h.pressKey(fyne.KeyEscape)
	h.assertNoText("Discard your changes?")
	if h.mw.form != f {
		t.Fatal("Esc on the question dropped the form")
	}

	// Ctrl+N asks; Cancel then Discard leaves.
	h.pressShortcut(shortcutNew)
	h.waitText("Discard your changes?")
	h.tap("Keep editing")
	h.tap("Cancel")
	h.waitText("Discard your changes?")
	h.tap("Discard")
	if h.mw.form != nil {
		t.Fatal("Discard left the form open")
	}
	h.waitText("Keycloak")
}

func TestFormBeingCheckedAsksBeforeLeaving(t *testing.T) {
	h := newHarness(t, nil)
	f := openForm(h)
	f.setBusy(T("Checking the provider…"))
	h.shortcut(shortcutNew)
	h.waitText("oauthdesk is still checking the provider")
}
