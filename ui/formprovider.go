package ui

import (
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// providerSection builds the preset picker, the ID and the name.
func (f *providerForm) providerSection() fyne.CanvasObject {
	f.preset = widget.NewSelect(nil, f.pickPreset)
	f.preset.PlaceHolder = T("Loading presets…")
	f.preset.Disable()
	f.id = f.entry(T("e.g. my-github"), fieldID)
	f.name = f.entry(T("e.g. GitHub (work)"), fieldName)
	return section(T("Provider"), nil, formGrid(
		T("Preset"), f.preset, nil, T("Fills in the endpoints and scopes of a well-known provider."),
		T("Provider ID"), f.id, f.errs[fieldID], T("Lowercase letters, digits, - and _; the command line uses it."),
		T("Name"), f.name, f.errs[fieldName], "",
	))
}

// endpointsSection builds the issuer and the endpoint URLs.
func (f *providerForm) endpointsSection() fyne.CanvasObject {
	f.issuer = f.entry(T("e.g. https://accounts.example.com"), fieldIssuer)
	f.authURL = f.entry(T("e.g. https://example.com/oauth/authorize"), fieldAuthURL)
	f.tokenURL = f.entry(T("e.g. https://example.com/oauth/token"), fieldTokenURL)
	f.userinfoURL = f.entry(T("optional"), fieldUserinfoURL)
	return section(T("Endpoints"), nil,
		newSecondaryWrap(T("Give the issuer of an OpenID Connect provider, or the URLs themselves."), ""),
		formGrid(
			T("Issuer"), f.issuer, f.errs[fieldIssuer], "",
			T("Authorization URL"), f.authURL, f.errs[fieldAuthURL], "",
			T("Token URL"), f.tokenURL, f.errs[fieldTokenURL], "",
			T("Userinfo URL"), f.userinfoURL, f.errs[fieldUserinfoURL], "",
		))
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
			options := []string{T(noPreset)}
			for _, p := range presets {
				if p.Quirks.Builtin {
					continue
				}
				f.presets = append(f.presets, p)
				options = append(options, p.DisplayName())
			}
			f.preset.PlaceHolder = T("Pick a provider")
			f.preset.Options = options
			if f.editing != nil {
				for _, p := range f.presets {
					if p.ID == f.editing.Preset {
						f.lastPreset = p
						f.preset.Selected = p.DisplayName()
					}
				}
				if f.preset.Selected == "" {
					f.preset.Selected = T(noPreset)
				}
			}
			if f.lastPreset.ID != "" {
				// The form was rebuilt in another language.
				f.preset.Selected = f.lastPreset.DisplayName()
			}
			f.preset.Enable()
			f.preset.Refresh()
		})
	}()
}

// pickPreset applies the preset named name.
func (f *providerForm) pickPreset(name string) {
	if name == T(noPreset) {
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
	replace := func(e *keyEntry, old, val string) {
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
