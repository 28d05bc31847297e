package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// pressShortcut presses s as the desktop driver delivers it: to the focused
// widget when that takes shortcuts (an entry does), else to the canvas
// (fyne internal/driver/glfw window.triggersShortcut). h.shortcut, which
// always goes to the canvas, cannot show a shortcut swallowed by a field.
func (h *harness) pressShortcut(s fyne.Shortcut) {
	c := h.mw.win.Canvas()
	if f, ok := c.Focused().(fyne.Shortcutable); ok {
		f.TypedShortcut(s)
	} else {
		c.(fyne.Shortcutable).TypedShortcut(s)
	}
	h.q.drain()
}

// pressKey types the key name as the desktop driver delivers it: to the
// focused widget, else to the canvas's key handler.
func (h *harness) pressKey(name fyne.KeyName) {
	c := h.mw.win.Canvas()
	ev := &fyne.KeyEvent{Name: name}
	if f := c.Focused(); f != nil {
		f.TypedKey(ev)
	} else if fn := c.OnTypedKey(); fn != nil {
		fn(ev)
	}
	h.q.drain()
}

func TestKeyboardShortcutsWorkWhileAFieldHasTheFocus(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) { fb.tokens["demo"] = demoTokens("demo", now) })
	h.waitText("Last refreshed")

	// Ctrl+3 / Ctrl+2 / Ctrl+1 pick the tabs.
	h.pressShortcut(shortcutTabs[2])
	if got := h.mw.view.tabs.SelectedIndex(); got != 2 {
		t.Fatalf("Ctrl+3 selected tab %d, want the API console (2)", got)
	}
	c := h.mw.view.console
	h.mw.win.Canvas().Focus(c.url)

	// Ctrl+R with the console's URL focused refreshes.
	h.pressShortcut(shortcutRefresh)
	h.waitFor("Ctrl+R to refresh", func() bool { return h.fb.called("Refresh demo") })
	// Ctrl+2 and Ctrl+1 from the focused URL field.
	h.pressShortcut(shortcutTabs[1])
	if got := h.mw.view.tabs.SelectedIndex(); got != 1 {
		t.Errorf("Ctrl+2 in the URL field selected tab %d, want the flow log (1)", got)
	}
	h.pressShortcut(shortcutTabs[0])
	if got := h.mw.view.tabs.SelectedIndex(); got != 0 {
		t.Errorf("Ctrl+1 selected tab %d, want Session (0)", got)
	}

	// Ctrl+N from a field, then Esc in the form's field leaves the
	// untouched form; Ctrl+L then signs in though the field had the focus.
	h.mw.win.Canvas().Focus(c.url)
	h.pressShortcut(shortcutNew)
	h.waitText("Add a provider")
	if h.mw.win.Canvas().Focused() != h.mw.form.id {
		t.Fatalf("the form's first field has no focus")
	}
	h.pressKey(fyne.KeyEscape)
	if h.mw.form != nil {
		t.Fatal("Esc in a field of the untouched form left it open")
	}
	if f := h.mw.win.Canvas().Focused(); f != nil {
		t.Errorf("a field of the closed form keeps the focus: %T", f)
	}
	h.pressShortcut(shortcutSignIn)
	h.waitFor("Ctrl+L to sign in", func() bool { return h.fb.called("Login demo") })
}

func TestFormSavesWithEnterAndCtrlS(t *testing.T) {
	h := newHarness(t, nil)
	f := openForm(h)
	// Enter in a one-line field saves (here: validates, as the form is empty).
	h.mw.win.Canvas().Focus(f.clientID)
	h.pressKey(fyne.KeyReturn)
	h.waitText("Check the form")
	f.banner.hide()
	h.assertNoText("Check the form")
	// Ctrl+S from the multi-line parameters field saves.
	h.mw.win.Canvas().Focus(f.params)
	h.pressShortcut(shortcutSave)
	h.waitText("Check the form")
	// Tab leaves the multi-line field instead of typing a tab.
	if f.params.AcceptsTab() {
		t.Error("the parameters field keeps Tab, so the keyboard cannot leave it")
	}
}

func TestEscClosesADialog(t *testing.T) {
	h := newHarness(t, withProviders)
	h.selectProvider("keycloak")
	h.tap("Remove")
	h.waitText("Remove Keycloak?")
	h.pressKey(fyne.KeyEscape)
	h.assertNoText("Remove Keycloak?")
	if h.fb.called("RemoveProvider keycloak") {
		t.Error("Esc removed the provider")
	}
	if h.mw.dialog != nil {
		t.Error("the window still counts a dialog as shown")
	}
}

func TestTabScrollsTheFocusedFieldIntoView(t *testing.T) {
	h := newHarness(t, nil)
	h.mw.win.Resize(fyne.NewSize(800, 600))
	f := openForm(h)
	h.settle()
	d := h.mw.app.Driver()
	inView := func(o fyne.CanvasObject) bool {
		top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(f.root).Y
		return top >= 0 && top+o.Size().Height <= f.root.Size().Height
	}
	if inView(f.port) {
		t.Fatal("the port field is in view from the start; the test shows nothing")
	}
	for range 40 { // Tab until the port field, as a person would
		if h.mw.win.Canvas().Focused() == f.port {
			break
		}
		h.mw.win.Canvas().FocusNext()
		h.mw.followFocus()
	}
	if h.mw.win.Canvas().Focused() != f.port {
		t.Fatal("Tab never reached the port field")
	}
	if !inView(f.port) {
		t.Errorf("the focused port field is out of view (scroll offset %v)", f.root.Offset)
	}
	h.mw.win.Canvas().Focus(f.id)
	h.mw.followFocus()
	if !inView(f.id) {
		t.Errorf("back at the first field, it is out of view (scroll offset %v)", f.root.Offset)
	}
}
