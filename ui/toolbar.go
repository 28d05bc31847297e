package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// toolbar is the row of window-wide actions above the panes. Its buttons act
// on the selected provider and carry their labels, so that nothing has to
// be guessed from an icon.
type toolbar struct {
	mw                             *MainWindow
	bar                            fyne.CanvasObject
	add, refresh, copyTok, signOut *widget.Button
	// fromAPI is "Add from an API URL…" (ui/connect.go).
	fromAPI  *widget.Button
	language *languagePicker
	// status confirms a copy where it is seen even when the provider
	// view is scrolled.
	status *widget.Label
	// gen counts the notices said; a notice's expiry clears only itself.
	gen int
}

// newToolbar makes the toolbar of mw.
func newToolbar(mw *MainWindow) *toolbar {
	t := &toolbar{mw: mw}
	t.add = widget.NewButtonWithIcon(T("Add provider"), theme.ContentAddIcon(), func() { mw.leaveForm(func() { mw.showForm(nil) }, nil) })
	t.fromAPI = widget.NewButtonWithIcon(T("Add from an API URL…"), theme.SearchIcon(), func() { mw.leaveForm(func() { mw.showConnect("") }, nil) })
	t.refresh = widget.NewButtonWithIcon(T("Refresh"), theme.ViewRefreshIcon(), mw.refreshSelected)
	t.copyTok = widget.NewButtonWithIcon(T("Copy token"), theme.ContentCopyIcon(), func() { mw.copyAccessToken(mw.selected, copyToken) })
	t.signOut = widget.NewButtonWithIcon(T("Sign out"), theme.LogoutIcon(), func() { mw.confirmSignOut(mw.selected) })
	for _, b := range []*widget.Button{t.add, t.fromAPI, t.refresh, t.copyTok, t.signOut} {
		b.Importance = widget.LowImportance
	}
	t.status = widget.NewLabel("")
	t.status.Importance = widget.SuccessImportance
	t.language = newLanguagePicker(mw)
	t.bar = container.NewHBox(t.add, t.fromAPI, widget.NewSeparator(), t.refresh, t.copyTok, t.signOut, layout.NewSpacer(), t.status, t.language.root)
	t.update()
	return t
}

// update enables the buttons that apply to the selected provider.
func (t *toolbar) update() {
	s := t.mw.sessions[t.mw.selected]
	signedIn := s != nil && s.signedIn() && t.mw.form == nil
	// Refresh renews a token: with none there is nothing to renew (the
	// window re-reads signed-out sessions by itself every minute).
	enable(t.refresh, signedIn && s.login == nil && s.busy == "")
	enable(t.copyTok, signedIn)
	enable(t.signOut, signedIn && s.busy == "")
}

// flash shows text at the right of the toolbar for a few seconds.
func (t *toolbar) flash(text string) { t.say(text, widget.SuccessImportance, copiedFor) }

// say shows text in the toolbar's status place, coloured imp, for d. It is
// the window's one place for passing notices ("Refreshed.", "Copied…",
// "Sign-in canceled."): it sits in the toolbar's row, so nothing below it
// moves when one comes or goes, and every notice expires.
func (t *toolbar) say(text string, imp widget.Importance, d time.Duration) {
	t.gen++
	gen := t.gen
	t.status.Importance = imp
	t.status.SetText(text)
	t.mw.afterFunc(d, func() {
		t.mw.do(func() {
			if t.gen == gen {
				t.status.SetText("")
			}
		})
	})
}

// enable enables or disables a widget.
func enable(w fyne.Disableable, on bool) {
	if on {
		w.Enable()
	} else {
		w.Disable()
	}
}

// refreshSelected refreshes the selected provider's token, or re-reads its
// status when it is signed out.
func (mw *MainWindow) refreshSelected() {
	if mw.selected != "" {
		mw.refresh(mw.selected)
	}
}
