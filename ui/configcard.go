package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// configCard shows how a provider is configured: its endpoints, client,
// scopes and the redirect URI to register, with a copy button for it.
type configCard struct {
	root     *widget.Card
	grid     *fyne.Container
	redirect string
	copied   *widget.Label
	copyBtn  *widget.Button
	shown    string
}

// newConfigCard makes the card; onCopy puts text on the clipboard.
func newConfigCard(onCopy func(string)) *configCard {
	c := &configCard{grid: container.New(layout.NewFormLayout())}
	c.copied = widget.NewLabel("")
	c.copied.Importance = widget.SuccessImportance
	c.copyBtn = widget.NewButtonWithIcon(T("Copy redirect URI"), theme.ContentCopyIcon(), func() {
		onCopy(c.redirect)
		c.copied.SetText(T("Copied."))
	})
	c.copyBtn.Importance = widget.LowImportance
	c.root = section(T("Configuration"), nil, c.grid, container.NewHBox(c.copyBtn, c.copied))
	return c
}

// update shows p.
func (c *configCard) update(p auth.Provider) {
	discovered := ""
	if p.Issuer != "" {
		discovered = T("discovered from the issuer")
	}
	type row struct{ k, v string }
	rows := []row{
		{T("Issuer"), nonEmpty(p.Issuer, T("none (not OpenID Connect)"))},
		{T("Authorization URL"), nonEmpty(p.AuthURL, discovered, "—")},
		{T("Token URL"), nonEmpty(p.TokenURL, discovered, "—")},
	}
	switch {
	case p.UserinfoURL != "":
		rows = append(rows, row{T("Userinfo URL"), p.UserinfoURL})
	case p.ProfileURL != "":
		rows = append(rows, row{T("Profile URL"), p.ProfileURL})
	case discovered != "":
		rows = append(rows, row{T("Userinfo URL"), discovered})
	}
	rows = append(rows,
		row{T("Client ID"), nonEmpty(p.ClientID, "—")},
		row{T("Scopes requested"), nonEmpty(strings.Join(p.Scopes, " "), T("none"))},
	)
	if len(p.AuthParams) > 0 {
		rows = append(rows, row{T("Extra parameters"), strings.ReplaceAll(formatParams(p.AuthParams), "\n", "  ")})
	}
	if p.GrantType() != auth.GrantAuthorizationCode {
		rows = append(rows, row{T("Grant"), p.GrantType()})
	}
	// The Advanced settings, only those set (unset means auto or off).
	if len(p.Resources) > 0 {
		rows = append(rows, row{T("Resources"), strings.Join(p.Resources, "  ")})
	}
	if p.TokenEndpointAuthMethod != "" {
		rows = append(rows, row{T("Client authentication"), p.TokenEndpointAuthMethod})
	}
	if p.PAR != auth.SwitchUnset {
		rows = append(rows, row{T("PAR"), string(p.PAR)})
	}
	if p.DPoP != auth.SwitchUnset {
		rows = append(rows, row{T("DPoP"), string(p.DPoP)})
	}
	if p.RequestObject {
		rows = append(rows, row{T("Request object"), T("Yes")})
	}
	c.redirect = p.RedirectURI(0)
	if p.GrantType() == auth.GrantClientCredentials {
		// No browser comes back: there is no redirect to register.
		c.copyBtn.Hide()
	} else {
		rows = append(rows, row{T("Redirect URI"), c.redirect})
		c.copyBtn.Show()
	}

	var key strings.Builder
	for _, r := range rows {
		key.WriteString(r.k + "\x00" + r.v + "\x00")
	}
	if key.String() == c.shown {
		return
	}
	c.shown = key.String()
	c.copied.SetText("")
	objs := make([]fyne.CanvasObject, 0, 2*len(rows))
	for _, r := range rows {
		v := wrapLabel(r.v)
		v.Wrapping = fyne.TextWrapBreak
		v.Selectable = true
		objs = append(objs, keyLabel(r.k), v)
	}
	c.grid.Objects = objs
	c.grid.Refresh()
}
