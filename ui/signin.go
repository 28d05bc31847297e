package ui

import (
	"net/url"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// waitingText is what the sign-in panel says while the browser is out.
const waitingText = "Waiting for you in the browser…"

// signInPanel is what the provider view shows while a sign-in waits: a
// spinner, the authorize URL with a copy button, "Open again" and Cancel.
type signInPanel struct {
	root       *fyne.Container
	activity   *widget.Activity
	status     *widget.Label
	urlText    *widget.Label
	browserErr *widget.Label
	copyURL    *widget.Button
	openAgain  *widget.Button
	cancel     *widget.Button
	copied     *widget.Label
	hint       fyne.CanvasObject
	links      fyne.CanvasObject
	// check is what to check at the provider, shown once the wait is long.
	check *widget.Label

	authURL string
}

// newSignInPanel makes the panel; onCopy, onOpen and onCancel are its
// buttons.
func newSignInPanel(onCopy, onOpen func(string), onCancel func()) *signInPanel {
	p := &signInPanel{}
	p.activity = widget.NewActivity()
	p.status = widget.NewLabelWithStyle(T(waitingText), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.urlText = wrapLabel("")
	p.urlText.Wrapping = fyne.TextWrapBreak
	p.urlText.TextStyle.Monospace = true
	p.urlText.Selectable = true
	p.browserErr = wrapLabel("")
	p.browserErr.Importance = widget.WarningImportance
	p.copied = widget.NewLabel("")
	p.copied.Importance = widget.SuccessImportance
	p.copyURL = widget.NewButtonWithIcon(T("Copy URL"), theme.ContentCopyIcon(), func() {
		onCopy(p.authURL)
		p.copied.SetText(T("Copied."))
	})
	p.openAgain = widget.NewButtonWithIcon(T("Open again"), theme.ComputerIcon(), func() { onOpen(p.authURL) })
	p.cancel = widget.NewButtonWithIcon(T("Cancel"), theme.CancelIcon(), onCancel)
	p.hint = newSecondaryWrap(T("Sign in and approve the request in your browser; this window updates by itself. "+
		"If no browser opened, open the address below yourself."), "")
	p.links = container.NewHBox(p.copyURL, p.openAgain, p.copied)
	p.check = wrapLabel("")
	p.check.Importance = widget.WarningImportance
	p.check.Selectable = true
	p.check.Hide()
	p.root = container.NewVBox(
		container.NewHBox(p.activity, p.status),
		p.hint,
		p.check,
		p.browserErr,
		p.urlText,
		container.NewHBox(p.links, layout.NewSpacer(), p.cancel),
	)
	p.root.Hide()
	return p
}

// update shows the state of ls.
func (p *signInPanel) update(ls *loginState) {
	if p.authURL != ls.authURL {
		p.copied.SetText("")
	}
	p.authURL = ls.authURL
	if ls.machine {
		// The client credentials grant: no browser, nothing to open.
		p.status.SetText(T("Asking the provider for a token…"))
		p.hint.Hide()
		p.urlText.Hide()
		p.links.Hide()
		setOptional(p.browserErr, "")
		return
	}
	p.hint.Show()
	p.links.Show()
	if ls.authURL == "" {
		p.status.SetText(T("Starting the sign-in…"))
		p.urlText.SetText("")
		p.urlText.Hide()
		p.copyURL.Disable()
		p.openAgain.Disable()
	} else {
		p.status.SetText(T(waitingText))
		p.urlText.SetText(ls.authURL)
		p.urlText.Show()
		p.copyURL.Enable()
		p.openAgain.Enable()
	}
	setOptional(p.check, ls.hint)
	if ls.browserErr != nil {
		setOptional(p.browserErr, T("No browser could be opened ({{.Error}}). Copy the address below into a browser.", "Error", ls.browserErr.Error()))
	} else {
		setOptional(p.browserErr, "")
	}
}

// show shows the panel and starts its spinner.
func (p *signInPanel) show() {
	if !p.root.Visible() {
		p.root.Show()
		p.activity.Start()
	}
}

// hide hides the panel and stops its spinner.
func (p *signInPanel) hide() {
	if p.root.Visible() {
		p.activity.Stop()
		p.root.Hide()
	}
}

// openLink opens a provider's link (an error_uri) through the engine,
// which refuses anything but https or http on this computer.
func (mw *MainWindow) openLink(raw string) {
	go func() { _ = mw.b.OpenURL(raw) }()
}

// openURL opens the authorize URL of provider id's sign-in in the browser,
// through the engine, which honours $BROWSER as the first opening did.
func (mw *MainWindow) openURL(id, raw string) {
	if u, err := url.Parse(raw); err != nil || raw == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return
	}
	go func() {
		err := mw.b.OpenURL(raw)
		mw.do(func() {
			if s := mw.sessions[id]; s != nil && s.login != nil {
				s.login.browserErr = err
				mw.changed(id)
			}
		})
	}()
}
