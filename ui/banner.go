package ui

import (
	"net/url"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// errorBanner shows one failure inline: what failed, why, the provider's
// error fields, what to do, and a button to do it.
type errorBanner struct {
	root    *fyne.Container
	title   *widget.Label
	message *widget.Label
	details *widget.Label
	advice  *widget.Label
	link    *widget.Hyperlink
	action  *widget.Button
	dismiss *widget.Button

	// onAction runs the suggested action; onDismiss closes the banner.
	onAction  func(errorAction)
	onDismiss func()
	// onOpen opens the provider's error_uri through the engine's opener
	// (Backend.OpenURL, which gates what reaches a browser); nil opens
	// nothing. The hyperlink never opens a URL by itself.
	onOpen  func(string)
	current errorAction
}

// newErrorBanner makes a hidden banner.
func newErrorBanner(onAction func(errorAction), onDismiss func()) *errorBanner {
	b := &errorBanner{onAction: onAction, onDismiss: onDismiss}
	b.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.message = wrapLabel("")
	b.details = wrapLabel("")
	b.details.TextStyle.Monospace = true
	b.advice = wrapLabel("")
	b.link = widget.NewHyperlink(T("More about this error"), nil)
	b.action = widget.NewButton("", func() { b.onAction(b.current) })
	b.action.Importance = widget.HighImportance
	b.dismiss = widget.NewButtonWithIcon(T("Dismiss"), theme.CancelIcon(), func() { b.onDismiss() })
	b.dismiss.Importance = widget.LowImportance
	buttons := container.NewHBox(b.action, b.link, layout.NewSpacer(), b.dismiss)
	b.root = newNotice(theme.ColorNameError, theme.ErrorIcon(),
		container.NewVBox(b.title, b.message, b.details, b.advice, buttons))
	b.root.Hide()
	return b
}

// wrapLabel is a label that wraps at word boundaries.
func wrapLabel(text string) *widget.Label {
	l := widget.NewLabel(text)
	l.Wrapping = fyne.TextWrapWord
	return l
}

// show displays info.
func (b *errorBanner) show(info errorInfo) {
	b.title.SetText(info.Title)
	b.message.SetText(info.Message)
	setOptional(b.details, strings.Join(info.Details, "\n"))
	setOptional(b.advice, info.Advice)
	if u, err := url.Parse(info.URI); err == nil && info.URI != "" && openableLink(u) {
		uri := info.URI
		b.link.SetURL(u)
		b.link.OnTapped = func() {
			if b.onOpen != nil {
				b.onOpen(uri)
			}
		}
		b.link.Show()
	} else {
		b.link.Hide()
	}
	b.current = info.Action
	switch info.Action {
	case actionSignIn:
		b.action.SetText(T("Sign in again"))
		b.action.Show()
	case actionEdit:
		b.action.SetText(T("Edit provider"))
		b.action.Show()
	default:
		b.action.Hide()
	}
	b.root.Show()
}

// hide hides the banner.
func (b *errorBanner) hide() { b.root.Hide() }

// setOptional sets a label's text and hides it when the text is empty.
func setOptional(l *widget.Label, text string) {
	l.SetText(text)
	if text == "" {
		l.Hide()
	} else {
		l.Show()
	}
}

// openableLink reports whether a provider's link is worth showing: https,
// or http on this computer. The engine checks again before opening it.
func openableLink(u *url.URL) bool {
	switch u.Scheme {
	case "https":
		return u.Host != ""
	case "http":
		h := u.Hostname()
		return h == "localhost" || h == "127.0.0.1" || h == "::1"
	}
	return false
}
