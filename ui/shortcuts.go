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
)

// registerShortcuts binds the shortcuts on the window's canvas:
// Ctrl+R refresh, Ctrl+Shift+C copy the access token, Ctrl+N add a
// provider, Ctrl+L sign in.
func (mw *MainWindow) registerShortcuts() {
	c := mw.win.Canvas()
	c.AddShortcut(shortcutRefresh, func(fyne.Shortcut) { mw.refreshSelected() })
	c.AddShortcut(shortcutCopyToken, func(fyne.Shortcut) {
		if mw.selected != "" {
			mw.copyAccessToken(mw.selected, copyToken)
		}
	})
	c.AddShortcut(shortcutNew, func(fyne.Shortcut) { mw.showForm(nil) })
	c.AddShortcut(shortcutSignIn, func(fyne.Shortcut) {
		if mw.selected != "" && mw.form == nil {
			mw.signIn(mw.selected)
		}
	})
}
