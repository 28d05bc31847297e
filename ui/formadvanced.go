package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// fieldResources is the resources entry (RFC 8707).
const fieldResources = "resources"

// The pickers' "decide from discovery" entries; the others are the
// providers.toml values themselves.
const (
	authAutoOption   = "auto — the first method the server and the credentials allow"
	switchAutoOption = "auto — when the server offers it"
	switchOnOption   = "true — always"
	switchOffOption  = "false — never"
	dpopOffOption    = "off — bearer tokens"
)

// advancedSection builds the issue-10 settings — client authentication,
// PAR, DPoP, request objects, resource indicators — in a collapsed
// "Advanced" item, with what discovery says the server supports and what
// oauthdesk would choose, so that the person can see why auto chose what
// it chose.
func (f *providerForm) advancedSection() fyne.CanvasObject {
	f.authMethod = widget.NewSelect(append([]string{T(authAutoOption)}, auth.ClientAuthMethods...), func(string) { f.changed() })
	f.authMethod.Selected = T(authAutoOption)
	f.par = widget.NewSelect([]string{T(switchAutoOption), T(switchOnOption), T(switchOffOption)}, func(string) { f.changed() })
	f.par.Selected = T(switchAutoOption)
	f.dpop = widget.NewSelect([]string{T(dpopOffOption), T(switchAutoOption), T(switchOnOption)}, func(string) { f.changed() })
	f.dpop.Selected = T(dpopOffOption)
	f.requestObject = widget.NewCheck(T("Sign the authorization request as a request object (JAR, RFC 9101)"), func(bool) { f.changed() })
	f.resources = widget.NewMultiLineEntry()
	f.resources.PlaceHolder = T("e.g. https://api.example.com/")
	f.resources.SetMinRowsVisible(2)
	f.resources.OnChanged = func(string) { f.changed() }
	f.errs[fieldResources] = errLabel()

	f.support = wrapLabel(T("Press Check server to read what its discovery document offers."))
	f.supportBtn = widget.NewButtonWithIcon(T("Check server"), theme.SearchIcon(), f.checkSupport)
	f.supportBtn.Importance = widget.LowImportance
	supportBox := container.NewVBox(container.NewHBox(widget.NewLabelWithStyle(T("What the server supports"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}), f.supportBtn), f.support)

	grid := formGrid(
		T("Client authentication"), f.authMethod, nil, T("token_endpoint_auth_method. private_key_jwt signs with the key from: oauthdesk key ID --generate."),
		T("PAR"), f.par, nil, T("Pushed authorization requests (RFC 9126): the browser gets only a request_uri."),
		T("DPoP"), f.dpop, nil, T("Sender-constrained tokens (RFC 9449), with a new ES256 key per sign-in."),
		T("Request object"), f.requestObject, nil, "",
		T("Resources"), f.resources, f.errs[fieldResources], T("RFC 8707 resource indicators, one URI per line: sent on the authorization, token and refresh requests."),
	)
	item := widget.NewAccordionItem(T("Advanced: client authentication, PAR, DPoP, request objects, resources"), container.NewVBox(grid, widget.NewSeparator(), supportBox))
	f.advanced = widget.NewAccordion(item)
	// In a card like the other sections, so that its fields line up.
	return widget.NewCard("", "", f.advanced)
}

// fillAdvanced puts p's advanced settings into the fields.
func (f *providerForm) fillAdvanced(p auth.Provider) {
	if p.TokenEndpointAuthMethod != "" {
		f.authMethod.SetSelected(p.TokenEndpointAuthMethod)
	}
	switch p.PAR {
	case auth.SwitchOn:
		f.par.SetSelected(T(switchOnOption))
	case auth.SwitchOff:
		f.par.SetSelected(T(switchOffOption))
	}
	switch p.DPoP {
	case auth.SwitchOn:
		f.dpop.SetSelected(T(switchOnOption))
	case auth.SwitchAuto:
		f.dpop.SetSelected(T(switchAutoOption))
	}
	f.requestObject.SetChecked(p.RequestObject)
	f.resources.SetText(strings.Join(p.Resources, "\n"))
}

// applyAdvanced sets p's advanced settings from the fields; errs gets the
// resources' error.
func (f *providerForm) applyAdvanced(p *auth.Provider, errs fieldErrors) {
	p.TokenEndpointAuthMethod = ""
	if m := f.authMethod.Selected; m != T(authAutoOption) {
		p.TokenEndpointAuthMethod = m
	}
	p.PAR = auth.SwitchUnset
	switch f.par.Selected {
	case T(switchOnOption):
		p.PAR = auth.SwitchOn
	case T(switchOffOption):
		p.PAR = auth.SwitchOff
	}
	p.DPoP = auth.SwitchUnset
	switch f.dpop.Selected {
	case T(switchOnOption):
		p.DPoP = auth.SwitchOn
	case T(switchAutoOption):
		p.DPoP = auth.SwitchAuto
	}
	p.RequestObject = f.requestObject.Checked
	p.Resources = nil
	for _, line := range strings.Split(f.resources.Text, "\n") {
		if line = strings.TrimSpace(line); line == "" {
			continue
		}
		if err := auth.CheckResource(line); err != nil && errs[fieldResources] == "" {
			errs[fieldResources] = T("Not an absolute URI without #fragment: {{.Value}}", "Value", line)
		}
		p.Resources = append(p.Resources, line)
	}
}

// build validates the form and builds the provider, advanced settings
// included; see formInput.provider for taken.
func (f *providerForm) build(taken map[string]bool) (auth.Provider, fieldErrors) {
	p, errs := f.input().provider(f.base, taken)
	f.applyAdvanced(&p, errs)
	return p, errs
}

// checkSupport asks the Backend what the server supports for the provider
// as the form holds it, off the UI goroutine.
func (f *providerForm) checkSupport() {
	p, _ := f.build(nil)
	if p.Issuer == "" {
		f.support.SetText(T("No issuer: nothing to discover. auto then means client_secret_basic with a secret (none without), no PAR and no DPoP."))
		return
	}
	f.support.SetText(T("Reading the server's discovery document…"))
	secret := f.secret.Text
	ctx, cancel := context.WithTimeout(f.ctx, requestTimeout)
	go func() {
		defer cancel()
		s, err := f.mw.b.ServerSupport(ctx, p, secret)
		f.mw.do(func() {
			if f.ctx.Err() != nil {
				return // the form was closed
			}
			if err != nil {
				f.support.SetText(T("Discovery failed: {{.Error}}", "Error", err.Error()))
				return
			}
			f.support.SetText(describeSupport(s))
		})
	}()
}

// describeSupport says, per setting, what the server offers and what
// oauthdesk would choose and why.
func describeSupport(s *auth.ServerSupport) string {
	none := T("not advertised")
	list := func(v []string) string {
		if len(v) == 0 {
			return none
		}
		return strings.Join(v, ", ")
	}
	yes := func(b bool) string { return yesNo(b) }
	var b strings.Builder
	line := func(s string) { b.WriteString(s + "\n") }
	line(T("Discovery: {{.Kind}}, read from {{.URL}}", "Kind", auth.KindName(s.Kind), "URL", s.Source))
	line(T("Client authentication: the server supports {{.Methods}}.", "Methods", list(s.AuthMethods)))
	if s.AuthErr != "" {
		line("  → " + s.AuthErr)
	} else {
		line("  → " + T("oauthdesk uses {{.Method}} ({{.Why}})", "Method", s.AuthMethod, "Why", s.AuthWhy))
	}
	line(T("PAR: endpoint {{.Endpoint}}; required: {{.Required}}.", "Endpoint", orNone(s.PAREndpoint, none), "Required", yes(s.PARRequired)))
	switch {
	case s.PARErr != "":
		line("  → " + s.PARErr)
	case s.PAR:
		line("  → " + T("pushed ({{.Why}})", "Why", s.PARWhy))
	default:
		line("  → " + T("not pushed ({{.Why}})", "Why", orNone(s.PARWhy, T("no endpoint"))))
	}
	line(T("DPoP: proof algorithms {{.Algs}}.", "Algs", list(s.DPoPAlgs)))
	if s.DPoP {
		line("  → " + T("tokens are DPoP-bound ({{.Why}})", "Why", s.DPoPWhy))
	} else {
		line("  → " + T("bearer tokens (dpop is off, or auto and the server offers no ES256 proofs)"))
	}
	line(T("Request objects: algorithms {{.Algs}}; required: {{.Required}}.", "Algs", list(s.RequestObjectAlgs), "Required", yes(s.RequestObjectRequired)))
	line(T("ID token algorithms: {{.Algs}}.", "Algs", list(s.IDTokenAlgs)))
	return strings.TrimSuffix(b.String(), "\n")
}

// orNone is s, or none when s is empty.
func orNone(s, none string) string {
	if s == "" {
		return none
	}
	return s
}
