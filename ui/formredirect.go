package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// redirectSection builds the loopback host and port and the redirect URI
// to register, with its copy button.
func (f *providerForm) redirectSection() *widget.Card {
	f.host = newKeySelectEntry([]string{"127.0.0.1", "[::1]", "localhost"})
	f.host.PlaceHolder = "127.0.0.1"
	f.host.OnChanged = func(string) { f.changed() }
	f.host.OnSubmitted = func(string) { f.submit() }
	f.errs[fieldHost] = errLabel()
	f.port = f.entry("0", fieldPort)

	f.redirect = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Monospace: true})
	f.redirect.Selectable = true
	f.redirectCopied = widget.NewLabel("")
	f.redirectCopied.Importance = widget.SuccessImportance
	copyRedirect := widget.NewButtonWithIcon(T("Copy"), theme.ContentCopyIcon(), func() {
		f.mw.app.Clipboard().SetContent(f.redirect.Text)
		f.redirectCopied.SetText(T("Copied."))
	})
	f.redirectNote = newSecondaryWrap("", "")
	return section(T("Redirect"), nil,
		formGrid(
			T("Host"), f.host, f.errs[fieldHost], "",
			T("Port"), f.port, f.errs[fieldPort], T("0 picks a free port for each sign-in."),
		),
		widget.NewLabelWithStyle(T("Register this redirect URI at the provider:"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
		container.NewBorder(nil, nil, nil, container.NewHBox(f.redirectCopied, copyRedirect), f.redirect),
		f.redirectNote,
	)
}

// updateRedirect shows the redirect URI the fields give.
func (f *providerForm) updateRedirect() {
	f.redirectCopied.SetText("")
	p := f.base
	p.RedirectHost = strings.TrimSpace(f.host.Text)
	port, msg := parsePort(f.port.Text)
	if msg != "" || (p.RedirectHost != "" && !isLoopbackHost(p.RedirectHost)) {
		f.redirect.SetText(T("(fix the host and port first)"))
		setSecondary(f.redirectNote, "")
		return
	}
	p.RedirectPort = port
	f.redirect.SetText(p.RedirectURI(0))
	if port == 0 {
		setSecondary(f.redirectNote, T("With port 0, oauthdesk listens on a free port for each sign-in and the URI has no port: "+
			"providers that follow RFC 8252 (Google, Microsoft, most OpenID providers) accept any port on a loopback address. "+
			"If yours wants the exact URI, set a fixed port."))
	} else {
		setSecondary(f.redirectNote, T("oauthdesk listens on port {{.Port}} during each sign-in; the port must be free then.", "Port", port))
	}
}
