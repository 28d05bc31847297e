package ui

import (
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"
)

// The provider form asks before its edits are lost: Cancel, Esc, another
// provider picked in the list, or Ctrl+N while it holds changes or while
// it is checking the provider.

// unsaved reports whether leaving the form would lose something: an edit
// the person made, or a check or save under way.
func (f *providerForm) unsaved() bool { return f.edited || f.busy.Text != "" }

// leaveForm runs then once the form may go: at once when nothing would be
// lost (or no form is open), else after the person chose Discard. Keep
// editing runs stay instead.
func (mw *MainWindow) leaveForm(then, stay func()) {
	if mw.form == nil || !mw.form.unsaved() {
		then()
		return
	}
	msg := T("The provider form has changes that are not saved.")
	if mw.form.busy.Text != "" {
		msg = T("oauthdesk is still checking the provider; leaving stops it and drops the form.")
	}
	d := dialog.NewConfirm(T("Discard your changes?"), msg, func(discard bool) {
		if discard {
			then()
		} else if stay != nil {
			stay()
		}
	}, mw.win)
	d.SetConfirmText(T("Discard"))
	d.SetDismissText(T("Keep editing"))
	d.SetConfirmImportance(widget.DangerImportance)
	mw.showDialog(d)
}

// cancelForm is the form's Cancel (and Esc): it asks first when edits
// would be lost.
func (mw *MainWindow) cancelForm() { mw.leaveForm(mw.closeForm, nil) }
