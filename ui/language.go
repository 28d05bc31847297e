package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"

	"oauthdesk/auth"
)

// languagePicker is the toolbar's language setting: the system's language
// (the default), English or 한국어. Each language is named in itself, so
// that a person who cannot read the current one still finds theirs.
type languagePicker struct {
	mw     *MainWindow
	sel    *widget.Select
	root   fyne.CanvasObject
	prefs  []string
	labels []string
}

// newLanguagePicker makes the picker showing the saved preference.
func newLanguagePicker(mw *MainWindow) *languagePicker {
	lp := &languagePicker{mw: mw, prefs: []string{langSystem, langEN, langKO}}
	sys := pickLanguage(langSystem, systemLanguage())
	lp.labels = []string{
		T("System language ({{.Language}})", "Language", languageName(sys)),
		languageName(language.English),
		languageName(language.Korean),
	}
	lp.sel = widget.NewSelect(lp.labels, nil)
	cur := mw.app.Preferences().String(languagePref)
	for i, p := range lp.prefs {
		if p == cur {
			lp.sel.SetSelectedIndex(i)
		}
	}
	if lp.sel.SelectedIndex() < 0 {
		lp.sel.SetSelectedIndex(0)
	}
	lp.sel.OnChanged = func(string) {
		if i := lp.sel.SelectedIndex(); i >= 0 {
			// After this callback returns: the rebuild replaces the
			// select itself.
			pref := lp.prefs[i]
			go mw.do(func() { mw.setLanguagePreference(pref) })
		}
	}
	// A Select is as wide as its placeholder; make room for the longest
	// label, with the padding and the drop-down icon.
	w := float32(0)
	for _, l := range lp.labels {
		w = max(w, fyne.MeasureText(l, theme.TextSize(), fyne.TextStyle{}).Width)
	}
	lp.root = container.New(minWidth(w+theme.IconInlineSize()+theme.InnerPadding()*3), lp.sel)
	return lp
}

// setLanguagePreference keeps pref ("" for the system's language) and
// redraws the window in the language it gives.
func (mw *MainWindow) setLanguagePreference(pref string) {
	if mw.ctx.Err() != nil {
		return
	}
	mw.app.Preferences().SetString(languagePref, pref)
	// The form is read in the language its widgets were made in.
	var form *formState
	if mw.form != nil {
		form = mw.form.state()
	}
	before := currentLanguage()
	applyLanguagePreference(mw.app)
	if currentLanguage() != before {
		mw.relocalize(form)
	}
}

// relocalize rebuilds the window's widgets in the current language,
// keeping the sessions, the selection and what the provider form held
// (form, captured before the language changed; nil when it was closed).
func (mw *MainWindow) relocalize(form *formState) {
	mw.closeFormQuietly()
	if mw.view != nil {
		mw.view.stop()
		mw.view = nil
	}
	mw.win.SetContent(mw.build())
	mw.setProviders(mw.providers, mw.selected)
	if form != nil {
		mw.showForm(form.editing)
		if mw.form != nil {
			mw.form.restore(form)
		}
	}
}

// formState is what the person has put in the provider form.
type formState struct {
	editing          *auth.Provider
	base, lastPreset auth.Provider
	in               formInput
	secret           string
	tried            bool
}

// state captures the form's fields.
func (f *providerForm) state() *formState {
	return &formState{editing: f.editing, base: f.base, lastPreset: f.lastPreset,
		in: f.input(), secret: f.secret.Text, tried: f.tried}
}

// restore puts captured fields back.
func (f *providerForm) restore(st *formState) {
	in := st.in
	for e, v := range map[*keyEntry]string{
		f.id: in.ID, f.name: in.Name, f.issuer: in.Issuer, f.authURL: in.AuthURL, f.tokenURL: in.TokenURL,
		f.userinfoURL: in.UserinfoURL, f.clientID: in.ClientID, f.scopes: in.Scopes, f.params: in.Params,
		f.port: in.RedirectPort, f.secret: st.secret,
	} {
		e.SetText(v)
	}
	f.host.SetText(in.RedirectHost)
	if in.Grant == auth.GrantClientCredentials {
		f.grant.SetSelected(T(grantMachineOption))
	} else {
		f.grant.SetSelected(T(grantCodeOption))
	}
	f.base, f.lastPreset = st.base, st.lastPreset
	f.tried = st.tried
	f.changed()
}
