package ui

import (
	"context"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"oauthdesk/auth"
)

// input is the form's text.
func (f *providerForm) input() formInput {
	return formInput{
		ID: f.id.Text, Name: f.name.Text,
		Issuer: f.issuer.Text, AuthURL: f.authURL.Text, TokenURL: f.tokenURL.Text, UserinfoURL: f.userinfoURL.Text,
		ClientID: f.clientID.Text, Scopes: f.scopes.Text, Params: f.params.Text,
		Grant: f.grantType(), HasSecret: f.secret.Text != "" || f.hasStoredSecret,
		RedirectHost: f.host.Text, RedirectPort: f.port.Text,
	}
}

// grantType is the picked grant.
func (f *providerForm) grantType() string {
	if f.machine() {
		return auth.GrantClientCredentials
	}
	return auth.GrantAuthorizationCode
}

// taken lists the IDs a new provider may not use; nil when editing.
func (f *providerForm) taken() map[string]bool {
	if f.editing != nil {
		return nil
	}
	ids := map[string]bool{}
	for _, p := range f.mw.providers {
		ids[p.ID] = true
	}
	return ids
}

// changed follows an edit: the redirect URI, and the errors once shown.
func (f *providerForm) changed() {
	if f.ready {
		f.edited = true
	}
	f.revalidate()
}

// revalidate re-renders what follows the fields, without counting as an
// edit (the stored secret's answer arriving, for one).
func (f *providerForm) revalidate() {
	f.updateRedirect()
	if f.tried {
		_, errs := f.build(f.taken())
		f.keepErrorSpace(errs)
	}
}

// showErrors puts each field's error under it and hides the others.
func (f *providerForm) showErrors(errs fieldErrors) {
	for field, l := range f.errs {
		setOptional(l, errs[field])
	}
}

// keepErrorSpace shows errs while the person types: an error that is fixed
// leaves its line blank rather than closing it, so that the fields below do
// not jump up under the cursor (and down again at the next typo). Save
// (showErrors) closes the blank lines.
func (f *providerForm) keepErrorSpace(errs fieldErrors) {
	for field, l := range f.errs {
		switch {
		case errs[field] != "":
			setOptional(l, errs[field])
		case l.Visible():
			l.SetText(" ")
		}
	}
}

// submit validates, checks the provider with the Backend, then saves it.
func (f *providerForm) submit() {
	f.tried = true
	p, errs := f.build(f.taken())
	f.showErrors(errs)
	if len(errs) > 0 {
		f.banner.show(errorInfo{Title: T("Check the form"), Message: T("Fix the fields with a message under them, then save again.")})
		for _, field := range fieldOrder {
			if errs[field] != "" {
				if e := f.entryFor(field); e != nil {
					f.mw.win.Canvas().Focus(e)
					f.scrollTo(e.(fyne.CanvasObject))
				}
				break
			}
		}
		return
	}
	f.banner.hide()
	f.saveProvider(p, true)
}

// saveUnchecked is Save anyway: it saves what the form holds without
// checking the provider, which cannot be reached now.
func (f *providerForm) saveUnchecked() {
	p, errs := f.build(f.taken())
	if len(errs) > 0 {
		f.submit() // show what to fix
		return
	}
	f.saveProvider(p, false)
}

// saveProvider checks p with the Backend when check is set, then saves it; a
// failure is shown below the Save button.
func (f *providerForm) saveProvider(p auth.Provider, check bool) {
	f.saveErr.hide()
	secret := f.secret.Text
	if check {
		f.setBusy(T("Checking the provider…"))
	} else {
		f.setBusy(T("Saving…"))
	}
	ctx := f.ctx
	go func() {
		cctx, cancel := context.WithTimeout(ctx, requestTimeout)
		defer cancel()
		op := T("The provider check failed")
		var err error
		if check {
			err = f.mw.b.CheckProvider(cctx, p)
		}
		if err == nil {
			op = T("Could not save the provider")
			err = f.mw.b.SaveProvider(p, secret)
		}
		f.mw.do(func() {
			if ctx.Err() != nil {
				return // the form was closed
			}
			f.setBusy("")
			if err != nil {
				f.saveErr.show(op, err, p)
				f.root.ScrollToOffset(fyne.NewPos(0, f.root.Content.MinSize().Height))
				return
			}
			f.mw.loadProviders(p.ID)
		})
	}()
}

// scrollTo scrolls the form so that o is near the top.
func (f *providerForm) scrollTo(o fyne.CanvasObject) {
	d := f.mw.app.Driver()
	y := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(f.root.Content).Y
	if y < f.root.Size().Height*0.6 {
		f.root.ScrollToTop() // the banner at the top stays in view
		return
	}
	f.root.ScrollToOffset(fyne.NewPos(0, y-theme.TextSize()*6))
}

// entryFor is the focusable widget of field.
func (f *providerForm) entryFor(field string) fyne.Focusable {
	switch field {
	case fieldID:
		return f.id
	case fieldName:
		return f.name
	case fieldIssuer:
		return f.issuer
	case fieldAuthURL:
		return f.authURL
	case fieldTokenURL:
		return f.tokenURL
	case fieldUserinfoURL:
		return f.userinfoURL
	case fieldClientID:
		return f.clientID
	case fieldSecret:
		return f.secret
	case fieldScopes:
		return f.scopes
	case fieldParams:
		return f.params
	case fieldResources:
		return f.resources
	case fieldHost:
		return f.host
	case fieldPort:
		return f.port
	}
	return nil
}

// setBusy shows what the form is waiting for; "" when idle.
func (f *providerForm) setBusy(what string) {
	f.busy.SetText(what)
	if what != "" {
		f.activity.Show()
		f.activity.Start()
		f.save.Disable()
	} else {
		f.activity.Stop()
		f.activity.Hide()
		f.save.Enable()
	}
}
