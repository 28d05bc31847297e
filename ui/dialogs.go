package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// hider is a dialog the window can close: dialog.Dialog, or a file dialog.
type hider interface {
	Show()
	Hide()
	SetOnClosed(func())
}

// showDialog shows d and remembers it, so that Esc closes it (Fyne's
// dialogs take no key themselves). Closing it by Esc answers "no".
func (mw *MainWindow) showDialog(d hider) {
	mw.dialog = d
	d.SetOnClosed(func() {
		if mw.dialog == d {
			mw.dialog = nil
		}
	})
	d.Show()
}

// dialogSize is a dialog's size in w: most of the window, so that a file
// dialog shows its folders and the whole file name.
func dialogSize(w fyne.Window) fyne.Size {
	s := w.Canvas().Size()
	return fyne.NewSize(max(s.Width*0.8, 640), max(s.Height*0.8, 440))
}

// confirmSignOut asks before the toolbar's Sign out revokes the tokens of
// provider id, as Remove asks: the button sits beside Refresh and Copy
// token, where a slip is easy.
func (mw *MainWindow) confirmSignOut(id string) {
	p, ok := mw.provider(id)
	if !ok {
		return
	}
	d := dialog.NewConfirm(T("Sign out?"),
		T("Sign out of {{.Name}}? oauthdesk revokes the tokens at the provider where it can and deletes them here.", "Name", p.DisplayName()),
		func(yes bool) {
			if yes {
				mw.signOut(id)
			}
		}, mw.win)
	d.SetConfirmText(T("Sign out"))
	d.SetDismissText(T("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	mw.showDialog(d)
}
