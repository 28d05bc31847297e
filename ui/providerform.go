package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// noPreset is the preset picker's entry for a provider configured by hand.
const noPreset = "Custom (no preset)"

// The grant picker's entries.
const (
	grantCodeOption    = "Authorization code: a person signs in through the browser"
	grantMachineOption = "Client credentials: a machine-to-machine token, no browser"
)

// providerForm adds or edits a provider in the right pane. It validates as
// the person types (after the first Save), shows the redirect URI to
// register, checks the provider with the Backend (discovery) and saves it.
type providerForm struct {
	mw      *MainWindow
	root    *container.Scroll
	editing *auth.Provider
	// base is the provider the fields are laid over: the preset picked or
	// the provider being edited, carrying what the form does not show.
	base    auth.Provider
	presets []auth.Provider

	preset                                *widget.Select
	id, name, issuer, authURL, tokenURL   *widget.Entry
	userinfoURL, clientID, secret, scopes *widget.Entry
	params                                *widget.Entry
	grant                                 *widget.Select
	secretStored                          *fyne.Container
	secretStoredText                      *widget.Label
	clearSecret                           *widget.Button
	redirectBox                           *widget.Card
	host                                  *widget.SelectEntry
	port                                  *widget.Entry
	errs                                  map[string]*widget.Label
	redirect                              *widget.Label
	redirectNote                          *widget.RichText
	redirectCopied                        *widget.Label
	banner                                *errorBanner
	busy                                  *widget.Label
	activity                              *widget.Activity
	save, cancelBtn                       *widget.Button

	// tried is set by the first Save; from then on fields re-validate as
	// they change.
	tried bool
	// lastPreset is the preset applied last, to know which fields the
	// person has not changed since.
	lastPreset auth.Provider
	// hasStoredSecret is true when the keyring holds the edited provider's
	// client secret; secretKnown once the keyring has answered.
	hasStoredSecret bool
	secretKnown     bool

	ctx    context.Context
	cancel context.CancelFunc
}

// newProviderForm makes the form; edit is nil to add a provider.
func newProviderForm(mw *MainWindow, edit *auth.Provider) *providerForm {
	f := &providerForm{mw: mw, editing: edit, errs: map[string]*widget.Label{}}
	f.ctx, f.cancel = context.WithCancel(mw.ctx)
	if edit != nil {
		f.base = *edit
	}

	f.preset = widget.NewSelect(nil, f.pickPreset)
	f.preset.PlaceHolder = "Loading presets…"
	f.preset.Disable()
	f.id = f.entry("e.g. my-github", fieldID)
	f.name = f.entry("e.g. GitHub (work)", fieldName)
	f.issuer = f.entry("e.g. https://accounts.example.com", fieldIssuer)
	f.authURL = f.entry("e.g. https://example.com/oauth/authorize", fieldAuthURL)
	f.tokenURL = f.entry("e.g. https://example.com/oauth/token", fieldTokenURL)
	f.userinfoURL = f.entry("optional", fieldUserinfoURL)
	f.clientID = f.entry("as issued by the provider", fieldClientID)
	f.secret = widget.NewPasswordEntry()
	f.secret.OnChanged = func(string) { f.changed() }
	f.errs[fieldSecret] = errLabel()
	f.secretStoredText = widget.NewLabel("")
	f.secretStoredText.Importance = widget.SuccessImportance
	f.clearSecret = widget.NewButtonWithIcon("Clear stored secret", theme.DeleteIcon(), f.confirmClearSecret)
	f.clearSecret.Importance = widget.LowImportance
	f.secretStored = container.NewHBox(f.secretStoredText, f.clearSecret)
	f.secretStored.Hide()
	f.grant = widget.NewSelect([]string{grantCodeOption, grantMachineOption}, func(string) {
		f.updateGrant()
		f.changed()
	})
	f.grant.Selected = grantCodeOption
	f.scopes = f.entry("e.g. openid profile email", fieldScopes)
	f.params = widget.NewMultiLineEntry()
	f.params.PlaceHolder = "e.g. prompt=consent"
	f.params.SetMinRowsVisible(3)
	f.params.OnChanged = func(string) { f.changed() }
	f.errs[fieldParams] = errLabel()
	f.host = widget.NewSelectEntry([]string{"127.0.0.1", "[::1]", "localhost"})
	f.host.PlaceHolder = "127.0.0.1"
	f.host.OnChanged = func(string) { f.changed() }
	f.errs[fieldHost] = errLabel()
	f.port = f.entry("0", fieldPort)

	f.redirect = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	f.redirect.Selectable = true
	f.redirectCopied = widget.NewLabel("")
	f.redirectCopied.Importance = widget.SuccessImportance
	copyRedirect := widget.NewButtonWithIcon("Copy", theme.ContentCopyIcon(), func() {
		mw.app.Clipboard().SetContent(f.redirect.Text)
		f.redirectCopied.SetText("Copied.")
	})
	f.redirectNote = newSecondaryWrap("", "")

	f.banner = newErrorBanner(func(errorAction) {}, func() { f.banner.hide() })
	f.busy = widget.NewLabel("")
	f.activity = widget.NewActivity()
	f.activity.Hide()
	f.save = widget.NewButtonWithIcon("Save", theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.cancelBtn = widget.NewButton("Cancel", mw.closeForm)

	title := "Add a provider"
	if edit != nil {
		title = "Edit " + edit.DisplayName()
		f.id.Disable()
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText

	provider := section("Provider", nil, formGrid(
		"Preset", f.preset, nil, "Fills in the endpoints and scopes of a well-known provider.",
		"ID", f.id, f.errs[fieldID], "Lowercase letters, digits, - and _; the command line uses it.",
		"Name", f.name, f.errs[fieldName], "",
	))
	endpoints := section("Endpoints", nil,
		newSecondaryWrap("Give the issuer of an OpenID Connect provider, or the URLs themselves.", ""),
		formGrid(
			"Issuer", f.issuer, f.errs[fieldIssuer], "",
			"Authorization URL", f.authURL, f.errs[fieldAuthURL], "",
			"Token URL", f.tokenURL, f.errs[fieldTokenURL], "",
			"Userinfo URL", f.userinfoURL, f.errs[fieldUserinfoURL], "",
		))
	secretCol := container.NewVBox(f.secret, f.secretStored)
	client := section("Client", nil, formGrid(
		"Grant", f.grant, nil, "How oauthdesk gets tokens. Device sign-in needs no setting: it is offered next to Sign in.",
		"Client ID", f.clientID, f.errs[fieldClientID], "",
		"Client secret", secretCol, f.errs[fieldSecret], "Kept in the OS keyring, never in providers.toml.",
		"Scopes", f.scopes, f.errs[fieldScopes], "Separated by spaces.",
		"Extra parameters", f.params, f.errs[fieldParams], "Added to the authorization request, one key=value per line.",
	))
	f.redirectBox = section("Redirect", nil,
		formGrid(
			"Host", f.host, f.errs[fieldHost], "",
			"Port", f.port, f.errs[fieldPort], "0 picks a free port for each sign-in.",
		),
		widget.NewLabelWithStyle("Register this redirect URI at the provider:", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, container.NewHBox(f.redirectCopied, copyRedirect), f.redirect),
		f.redirectNote,
	)
	buttons := container.NewHBox(f.save, f.cancelBtn, f.activity, f.busy, layout.NewSpacer())
	body := container.NewVBox(heading, f.banner.root, provider, endpoints, client, f.redirectBox, buttons)
	f.root = container.NewVScroll(container.NewPadded(body))

	if edit != nil {
		f.fill(*edit)
		f.loadSecretStored()
	}
	f.updateGrant()
	f.updateRedirect()
	f.loadPresets()
	return f
}

// machine reports whether the client credentials grant is picked.
func (f *providerForm) machine() bool { return f.grant.Selected == grantMachineOption }

// updateGrant hides what the client credentials grant does not use: the
// redirect URI.
func (f *providerForm) updateGrant() {
	if f.redirectBox == nil {
		return
	}
	if f.machine() {
		f.redirectBox.Hide()
	} else {
		f.redirectBox.Show()
	}
	f.updateSecretPlaceholder()
}

// updateSecretPlaceholder says what leaving the secret empty does: keep
// the stored one, make a public client, or (client credentials) fail.
func (f *providerForm) updateSecretPlaceholder() {
	switch {
	case f.hasStoredSecret:
		f.secret.PlaceHolder = "Leave empty to keep the stored secret"
	case f.editing != nil && f.secretKnown && f.machine():
		f.secret.PlaceHolder = "No secret is stored; the client credentials grant needs one"
	case f.editing != nil && f.secretKnown:
		f.secret.PlaceHolder = "No secret is stored; leave empty for a public client"
	case f.editing != nil:
		f.secret.PlaceHolder = "Leave empty to keep the stored secret"
	case f.machine():
		f.secret.PlaceHolder = "Required: the client authenticates with it"
	default:
		f.secret.PlaceHolder = "Leave empty for a public client"
	}
	f.secret.Refresh()
}

// loadSecretStored asks whether the edited provider's secret is stored.
func (f *providerForm) loadSecretStored() {
	id := f.editing.ID
	go func() {
		stored, err := f.mw.b.ClientSecretStored(id)
		f.mw.do(func() {
			if f.ctx.Err() != nil {
				return
			}
			f.showSecretStored(stored, err)
		})
	}()
}

// showSecretStored says whether a secret is kept, or why that is unknown.
func (f *providerForm) showSecretStored(stored bool, err error) {
	f.hasStoredSecret = stored && err == nil
	f.secretKnown = err == nil
	f.updateSecretPlaceholder()
	switch {
	case err != nil:
		f.secretStoredText.Importance = widget.WarningImportance
		f.secretStoredText.SetText("Could not read the keyring: " + err.Error())
		f.clearSecret.Hide()
		f.secretStored.Show()
	case stored:
		f.secretStoredText.Importance = widget.SuccessImportance
		f.secretStoredText.SetText("A secret is stored in the keyring; leave the field empty to keep it.")
		f.clearSecret.Show()
		f.secretStored.Show()
	default:
		f.secretStored.Hide()
	}
	f.changed()
}

// confirmClearSecret asks, then deletes the stored client secret.
func (f *providerForm) confirmClearSecret() {
	id := f.editing.ID
	d := dialog.NewConfirm("Clear the stored secret?",
		"The client secret of "+f.editing.DisplayName()+" is deleted from the keyring.\n\n"+
			"Sign-ins then authenticate as a public client, until you enter a secret again.",
		func(yes bool) {
			if !yes {
				return
			}
			f.clearSecret.Disable()
			go func() {
				err := f.mw.b.SetClientSecret(id, "")
				f.mw.do(func() {
					if f.ctx.Err() != nil {
						return
					}
					f.clearSecret.Enable()
					if err != nil {
						f.banner.show(describeError("Could not clear the secret", err))
						return
					}
					f.showSecretStored(false, nil)
				})
			}()
		}, f.mw.win)
	d.SetConfirmText("Clear secret")
	d.SetDismissText("Keep it")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// entry makes a one-line entry with an error label for field.
func (f *providerForm) entry(placeholder, field string) *widget.Entry {
	e := widget.NewEntry()
	e.PlaceHolder = placeholder
	e.OnChanged = func(string) { f.changed() }
	f.errs[field] = errLabel()
	return e
}

// errLabel is a hidden label for a field's error.
func errLabel() *widget.Label {
	l := wrapLabel("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// formGrid lays out rows of label, field, error label (or nil) and hint
// (or "") in two columns.
func formGrid(rows ...any) *fyne.Container {
	var objs []fyne.CanvasObject
	for i := 0; i+3 < len(rows); i += 4 {
		label := container.New(minWidth(formLabelWidth), widget.NewLabel(rows[i].(string)))
		col := container.NewVBox(rows[i+1].(fyne.CanvasObject))
		if e, ok := rows[i+2].(*widget.Label); ok && e != nil {
			col.Add(e)
		}
		if hint := rows[i+3].(string); hint != "" {
			col.Add(newSecondaryWrap(hint, theme.SizeNameCaptionText))
		}
		objs = append(objs, label, col)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// formLabelWidth lines the fields of all the form's sections up.
const formLabelWidth = 150

// minWidth is a layout that stacks its objects and is at least w wide.
type minWidth float32

// MinSize is the objects' minimum, widened to the layout's width.
func (w minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	s.Width = max(s.Width, float32(w))
	return s
}

// Layout gives every object the whole space.
func (w minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}

// firstFocus is the field to focus when the form opens.
func (f *providerForm) firstFocus() fyne.Focusable {
	if f.editing != nil {
		return f.clientID
	}
	return f.id
}

// loadPresets fills the preset picker off the UI goroutine.
func (f *providerForm) loadPresets() {
	go func() {
		presets := f.mw.b.Presets()
		f.mw.do(func() {
			if f.ctx.Err() != nil {
				return
			}
			f.presets = nil
			options := []string{noPreset}
			for _, p := range presets {
				if p.Quirks.Builtin {
					continue
				}
				f.presets = append(f.presets, p)
				options = append(options, p.DisplayName())
			}
			f.preset.PlaceHolder = "Pick a provider"
			f.preset.Options = options
			if f.editing != nil {
				for _, p := range f.presets {
					if p.ID == f.editing.Preset {
						f.lastPreset = p
						f.preset.Selected = p.DisplayName()
					}
				}
				if f.preset.Selected == "" {
					f.preset.Selected = noPreset
				}
			}
			f.preset.Enable()
			f.preset.Refresh()
		})
	}()
}

// pickPreset applies the preset named name.
func (f *providerForm) pickPreset(name string) {
	if name == noPreset {
		if f.editing != nil {
			f.base = *f.editing
		} else {
			f.base = auth.Provider{}
		}
		f.base.Preset = ""
		f.lastPreset = auth.Provider{}
		f.changed()
		return
	}
	for _, p := range f.presets {
		if p.DisplayName() == name {
			f.applyPreset(p)
			return
		}
	}
}

// applyPreset fills the form from preset p, keeping what the person typed
// where the previous preset did not put it.
func (f *providerForm) applyPreset(p auth.Provider) {
	prev := f.lastPreset
	f.lastPreset = p
	keepID := ""
	if f.editing != nil {
		keepID = f.editing.ID
	}
	f.base = p
	f.base.ID = keepID
	if p.Preset == "" {
		f.base.Preset = p.ID
	}
	replace := func(e *widget.Entry, old, val string) {
		if e.Text == "" || e.Text == old {
			e.SetText(val)
		}
	}
	if f.editing == nil {
		replace(f.id, prev.ID, p.ID)
	}
	replace(f.name, prev.DisplayName(), p.DisplayName())
	f.issuer.SetText(p.Issuer)
	f.authURL.SetText(p.AuthURL)
	f.tokenURL.SetText(p.TokenURL)
	f.userinfoURL.SetText(p.UserinfoURL)
	replace(f.clientID, prev.ClientID, p.ClientID)
	f.scopes.SetText(strings.Join(p.Scopes, " "))
	f.params.SetText(formatParams(p.AuthParams))
	if p.RedirectHost != "" {
		f.host.SetText(p.RedirectHost)
	}
	if p.RedirectPort != 0 {
		f.port.SetText(strconv.Itoa(p.RedirectPort))
	}
	f.changed()
}

// fill puts a provider's values into the fields.
func (f *providerForm) fill(p auth.Provider) {
	f.id.SetText(p.ID)
	f.name.SetText(p.Name)
	f.issuer.SetText(p.Issuer)
	f.authURL.SetText(p.AuthURL)
	f.tokenURL.SetText(p.TokenURL)
	f.userinfoURL.SetText(p.UserinfoURL)
	f.clientID.SetText(p.ClientID)
	f.scopes.SetText(strings.Join(p.Scopes, " "))
	f.params.SetText(formatParams(p.AuthParams))
	f.host.SetText(p.RedirectHost)
	if p.RedirectPort != 0 {
		f.port.SetText(strconv.Itoa(p.RedirectPort))
	}
	if p.GrantType() == auth.GrantClientCredentials {
		f.grant.SetSelected(grantMachineOption)
	}
}

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
	f.updateRedirect()
	if f.tried {
		_, errs := f.input().provider(f.base, f.taken())
		f.showErrors(errs)
	}
}

// updateRedirect shows the redirect URI the fields give.
func (f *providerForm) updateRedirect() {
	f.redirectCopied.SetText("")
	p := f.base
	p.RedirectHost = strings.TrimSpace(f.host.Text)
	port, msg := parsePort(f.port.Text)
	if msg != "" || (p.RedirectHost != "" && !isLoopbackHost(p.RedirectHost)) {
		f.redirect.SetText("(fix the host and port first)")
		setSecondary(f.redirectNote, "")
		return
	}
	p.RedirectPort = port
	f.redirect.SetText(p.RedirectURI(0))
	if port == 0 {
		setSecondary(f.redirectNote, "With port 0, oauthdesk listens on a free port for each sign-in and the URI has no port: "+
			"providers that follow RFC 8252 (Google, Microsoft, most OpenID providers) accept any port on a loopback address. "+
			"If yours wants the exact URI, set a fixed port.")
	} else {
		setSecondary(f.redirectNote, "oauthdesk listens on port "+strconv.Itoa(port)+" during each sign-in; the port must be free then.")
	}
}

// showErrors puts each field's error under it and hides the others.
func (f *providerForm) showErrors(errs fieldErrors) {
	for field, l := range f.errs {
		setOptional(l, errs[field])
	}
}

// submit validates, checks the provider with the Backend, then saves it.
func (f *providerForm) submit() {
	f.tried = true
	p, errs := f.input().provider(f.base, f.taken())
	f.showErrors(errs)
	if len(errs) > 0 {
		f.banner.show(errorInfo{Title: "Check the form", Message: "Fix the fields marked in red, then save again."})
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
	secret := f.secret.Text
	f.setBusy("Checking the provider…")
	ctx := f.ctx
	go func() {
		cctx, cancel := context.WithTimeout(ctx, requestTimeout)
		defer cancel()
		op := "The provider check failed"
		err := f.mw.b.CheckProvider(cctx, p)
		if err == nil {
			op = "Could not save the provider"
			err = f.mw.b.SaveProvider(p, secret)
		}
		f.mw.do(func() {
			if ctx.Err() != nil {
				return // the form was closed
			}
			f.setBusy("")
			if err != nil {
				f.banner.show(describeError(op, err))
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
