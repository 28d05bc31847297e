package ui

import (
	"errors"
	"net"
	"net/url"
	"syscall"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// saveError is the failure of a Save, shown right below the Save button
// where the person is looking, not at the top of the long form: what
// failed in a sentence, and for a provider that cannot be reached now,
// "Save anyway" (save without the check).
type saveError struct {
	root   *fyne.Container
	title  *widget.Label
	text   *widget.Label
	anyway *widget.Button
}

// newSaveError makes the hidden area; onAnyway saves without the check.
func newSaveError(onAnyway func()) *saveError {
	e := &saveError{}
	e.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	e.text = wrapLabel("")
	e.anyway = widget.NewButtonWithIcon(T("Save anyway"), theme.DocumentSaveIcon(), onAnyway)
	e.root = newNotice(theme.ColorNameError, theme.ErrorIcon(),
		container.NewVBox(e.title, e.text, container.NewHBox(e.anyway)))
	e.root.Hide()
	return e
}

// show explains err of op for the provider p; offline offers Save anyway.
func (e *saveError) show(op string, err error, p auth.Provider) {
	info := describeError(op, err)
	msg, offline := unreachable(err, p)
	if msg == "" {
		msg = info.Message
		if info.Advice != "" {
			msg += "\n" + info.Advice
		}
	}
	e.title.SetText(info.Title)
	e.text.SetText(msg)
	if offline {
		e.anyway.Show()
	} else {
		e.anyway.Hide()
	}
	e.root.Show()
}

// hide hides the area.
func (e *saveError) hide() { e.root.Hide() }

// unreachable says in a sentence why the provider could not be reached,
// and reports whether err is such a network failure (the provider may be
// offline now, so saving without the check makes sense); "" and false for
// any other error.
func unreachable(err error, p auth.Provider) (string, bool) {
	host := providerHost(p)
	var dns *net.DNSError
	switch {
	case errors.Is(err, syscall.ECONNREFUSED):
		return T("Nothing answers at {{.Host}}: the connection was refused. The provider may be down or not started yet.", "Host", host), true
	case errors.As(err, &dns):
		return T("The name {{.Host}} was not found (DNS). Check the address, or your network connection.", "Host", host), true
	case errors.Is(err, syscall.ENETUNREACH), errors.Is(err, syscall.EHOSTUNREACH):
		return T("{{.Host}} cannot be reached from this computer's network now.", "Host", host), true
	case isTimeout(err):
		return T("{{.Host}} did not answer in time. Check your network connection.", "Host", host), true
	}
	return "", false
}

// providerHost is the host oauthdesk checks p at: the issuer's, else the
// authorization endpoint's.
func providerHost(p auth.Provider) string {
	for _, raw := range []string{p.Issuer, p.AuthURL} {
		if u, err := url.Parse(raw); err == nil && u.Host != "" {
			return u.Host
		}
	}
	return T("the provider")
}
