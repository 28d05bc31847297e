package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// clientSection builds the grant picker, the client ID and secret, the
// scopes and the extra authorization parameters.
func (f *providerForm) clientSection() fyne.CanvasObject {
	f.clientID = f.entry(T("as issued by the provider"), fieldClientID)
	f.secret = newKeyPasswordEntry()
	f.secret.OnChanged = func(string) { f.changed() }
	f.errs[fieldSecret] = errLabel()
	f.secretStoredText = widget.NewLabel("")
	f.secretStoredText.Importance = widget.SuccessImportance
	f.clearSecret = widget.NewButtonWithIcon(T("Clear stored secret"), theme.DeleteIcon(), f.confirmClearSecret)
	f.clearSecret.Importance = widget.LowImportance
	f.secretStored = container.NewHBox(f.secretStoredText, f.clearSecret)
	f.secretStored.Hide()
	f.grant = widget.NewSelect([]string{T(grantCodeOption), T(grantMachineOption)}, func(string) {
		f.updateGrant()
		f.changed()
	})
	f.grant.Selected = T(grantCodeOption)
	f.scopes = f.entry(T("e.g. openid profile email"), fieldScopes)
	f.params = newKeyMultiLineEntry()
	f.params.PlaceHolder = T("e.g. prompt=consent")
	f.params.SetMinRowsVisible(3)
	f.params.OnChanged = func(string) { f.changed() }
	f.errs[fieldParams] = errLabel()

	secretCol := container.NewVBox(f.secret, f.secretStored)
	return section(T("Client"), nil, formGrid(
		T("Grant"), f.grant, nil, T("How oauthdesk gets tokens. Device sign-in needs no setting: it is offered next to Sign in."),
		T("Client ID"), f.clientID, f.errs[fieldClientID], "",
		T("Client secret"), secretCol, f.errs[fieldSecret], T("Kept in the OS keyring, never in providers.toml."),
		T("Scopes"), f.scopes, f.errs[fieldScopes], T("Separated by spaces."),
		T("Extra parameters"), f.params, f.errs[fieldParams], T("Added to the authorization request, one key=value per line."),
	))
}

// machine reports whether the client credentials grant is picked.
func (f *providerForm) machine() bool { return f.grant.Selected == T(grantMachineOption) }

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
		f.secret.PlaceHolder = T("Leave empty to keep the stored secret")
	case f.editing != nil && f.secretKnown && f.machine():
		f.secret.PlaceHolder = T("No secret is stored; the client credentials grant needs one")
	case f.editing != nil && f.secretKnown:
		f.secret.PlaceHolder = T("No secret is stored; leave empty for a public client")
	case f.editing != nil:
		f.secret.PlaceHolder = T("Leave empty to keep the stored secret")
	case f.machine():
		f.secret.PlaceHolder = T("Required: the client authenticates with it")
	default:
		f.secret.PlaceHolder = T("Leave empty for a public client")
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
		f.secretStoredText.SetText(T("Could not read the keyring: {{.Error}}", "Error", err.Error()))
		f.clearSecret.Hide()
		f.secretStored.Show()
	case stored:
		f.secretStoredText.Importance = widget.SuccessImportance
		f.secretStoredText.SetText(T("A secret is stored in the keyring; leave the field empty to keep it."))
		f.clearSecret.Show()
		f.secretStored.Show()
	default:
		f.secretStored.Hide()
	}
	f.revalidate()
}

// confirmClearSecret asks, then deletes the stored client secret.
func (f *providerForm) confirmClearSecret() {
	id := f.editing.ID
	d := dialog.NewConfirm(T("Clear the stored secret?"),
		T("The client secret of {{.Name}} is deleted from the keyring.\n\n"+
			"Sign-ins then authenticate as a public client, until you enter a secret again.", "Name", f.editing.DisplayName()),
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
						f.banner.show(describeError(T("Could not clear the secret"), err))
						return
					}
					f.showSecretStored(false, nil)
				})
			}()
		}, f.mw.win)
	d.SetConfirmText(T("Clear secret"))
	d.SetDismissText(T("Keep it"))
	d.SetConfirmImportance(widget.DangerImportance)
	f.mw.showDialog(d)
}
