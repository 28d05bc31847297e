package ui

import (
	"context"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
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
	id, name, issuer, authURL, tokenURL   *keyEntry
	userinfoURL, clientID, secret, scopes *keyEntry
	params                                *keyEntry
	grant                                 *widget.Select
	secretStored                          *fyne.Container
	secretStoredText                      *widget.Label
	clearSecret                           *widget.Button
	redirectBox                           *widget.Card
	host                                  *keySelectEntry
	port                                  *keyEntry
	errs                                  map[string]*widget.Label
	redirect                              *widget.Label
	redirectNote                          *widget.RichText
	redirectCopied                        *widget.Label
	banner                                *errorBanner
	// saveErr is a failed Save's explanation, below the Save button.
	saveErr         *saveError
	busy            *widget.Label
	activity        *widget.Activity
	save, cancelBtn *widget.Button
	// The Advanced section (formadvanced.go).
	advanced              *widget.Accordion
	authMethod, par, dpop *widget.Select
	requestObject         *widget.Check
	resources             *widget.Entry
	support               *widget.Label
	supportBtn            *widget.Button

	// tried is set by the first Save; from then on fields re-validate as
	// they change.
	tried bool
	// ready is set once the form is built and filled; from then on an edit
	// sets edited, and leaving the form asks first.
	ready, edited bool
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

// newProviderForm makes the form; edit is nil to add a provider. Each
// section of the form builds its own widgets: providerSection (preset, ID,
// name), endpointsSection, clientSection (grant, client, secret, scopes,
// parameters) and redirectSection.
func newProviderForm(mw *MainWindow, edit *auth.Provider) *providerForm {
	f := &providerForm{mw: mw, editing: edit, errs: map[string]*widget.Label{}}
	f.ctx, f.cancel = context.WithCancel(mw.ctx)
	if edit != nil {
		f.base = *edit
	}

	provider := f.providerSection()
	endpoints := f.endpointsSection()
	client := f.clientSection()
	advanced := f.advancedSection()
	f.redirectBox = f.redirectSection()

	f.banner = newErrorBanner(func(errorAction) {}, func() { f.banner.hide() })
	f.banner.onOpen = mw.openLink
	f.busy = widget.NewLabel("")
	f.activity = widget.NewActivity()
	f.activity.Hide()
	f.save = widget.NewButtonWithIcon(T("Save"), theme.DocumentSaveIcon(), f.submit)
	f.save.Importance = widget.HighImportance
	f.cancelBtn = widget.NewButton(T("Cancel"), mw.cancelForm)

	title := T("Add a provider")
	if edit != nil {
		title = T("Edit {{.Name}}", "Name", edit.DisplayName())
		f.id.Disable()
	}
	heading := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	heading.SizeName = theme.SizeNameSubHeadingText

	buttons := container.NewHBox(f.save, f.cancelBtn, f.activity, f.busy, layout.NewSpacer())
	f.saveErr = newSaveError(func() { f.saveUnchecked() })
	body := container.NewVBox(heading, f.banner.root, provider, endpoints, client, advanced, f.redirectBox, buttons, f.saveErr.root)
	f.root = container.NewVScroll(container.NewPadded(body))

	if edit != nil {
		f.fill(*edit)
		f.loadSecretStored()
	}
	f.updateGrant()
	f.updateRedirect()
	f.loadPresets()
	f.ready = true
	return f
}

// firstFocus is the field to focus when the form opens.
func (f *providerForm) firstFocus() fyne.Focusable {
	if f.editing != nil {
		return f.clientID
	}
	return f.id
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
		f.grant.SetSelected(T(grantMachineOption))
	}
	f.fillAdvanced(p)
}
