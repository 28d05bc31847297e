package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
)

// The window's keyboard shortcuts. KeyModifierShortcutDefault is Ctrl, or
// Cmd on macOS.
var (
	shortcutRefresh   = &desktop.CustomShortcut{KeyName: fyne.KeyR, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutCopyToken = &desktop.CustomShortcut{KeyName: fyne.KeyC, Modifier: fyne.KeyModifierShortcutDefault | fyne.KeyModifierShift}
	shortcutNew       = &desktop.CustomShortcut{KeyName: fyne.KeyN, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSignIn    = &desktop.CustomShortcut{KeyName: fyne.KeyL, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutSave      = &desktop.CustomShortcut{KeyName: fyne.KeyS, Modifier: fyne.KeyModifierShortcutDefault}
	shortcutTabs      = []*desktop.CustomShortcut{
		{KeyName: fyne.Key1, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key2, Modifier: fyne.KeyModifierShortcutDefault},
		{KeyName: fyne.Key3, Modifier: fyne.KeyModifierShortcutDefault},
	}
)

// windowShortcuts are the names of the shortcuts above; a focused entry
// passes them on to the window (keyEntry).
var windowShortcuts = func() map[string]bool {
	m := map[string]bool{}
	for _, s := range append([]*desktop.CustomShortcut{shortcutRefresh, shortcutCopyToken, shortcutNew,
		shortcutSignIn, shortcutSave}, shortcutTabs...) {
		m[s.ShortcutName()] = true
	}
	return m
}()

// windowShortcut reports whether s is one of the window's shortcuts.
func windowShortcut(s fyne.Shortcut) bool {
	_, custom := s.(*desktop.CustomShortcut)
	return custom && windowShortcuts[s.ShortcutName()]
}

// registerShortcuts binds the shortcuts on the window's canvas:
// Ctrl+R refresh, Ctrl+Shift+C copy the access token, Ctrl+N add a
// provider, Ctrl+L sign in, Ctrl+S save the form, Ctrl+1/2/3 the Session,
// Flow log and API console tabs; Esc closes a dialog, else the form. They
// work whatever has the focus: the window's entries pass them on.
func (mw *MainWindow) registerShortcuts() {
	c := mw.win.Canvas()
	c.AddShortcut(shortcutRefresh, func(fyne.Shortcut) {
		if mw.form == nil {
			mw.refreshSelected()
		}
	})
	c.AddShortcut(shortcutCopyToken, func(fyne.Shortcut) {
		if mw.selected != "" && mw.form == nil {
			mw.copyAccessToken(mw.selected, copyToken)
		}
	})
	c.AddShortcut(shortcutNew, func(fyne.Shortcut) { mw.leaveForm(func() { mw.showForm(nil) }, nil) })
	c.AddShortcut(shortcutSignIn, func(fyne.Shortcut) {
		if mw.selected != "" && mw.form == nil {
			mw.signIn(mw.selected)
		}
	})
	c.AddShortcut(shortcutSave, func(fyne.Shortcut) {
		if mw.form != nil {
			mw.form.submit()
		}
	})
	for i, s := range shortcutTabs {
		c.AddShortcut(s, func(fyne.Shortcut) {
			if mw.form == nil && mw.view != nil && i < len(mw.view.tabs.Items) {
				mw.view.tabs.SelectIndex(i)
			}
		})
	}
	c.SetOnTypedKey(func(ev *fyne.KeyEvent) {
		if ev.Name == fyne.KeyEscape {
			mw.escape()
		}
	})
}

// escape closes the dialog shown, else leaves the form (asking first
// when it holds edits).
func (mw *MainWindow) escape() {
	if d := mw.dialog; d != nil {
		mw.dialog = nil
		d.Hide()
		return
	}
	if mw.form != nil {
		mw.cancelForm()
	}
}
