package ui

import (
	"net"
	"net/url"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// deviceWaitingText is what the device panel says while the code waits for
// approval.
const deviceWaitingText = "Waiting for approval on the other device…"

// qrSize is the QR code's size on screen.
const qrSize = 176

// devicePanel is what the provider view shows during a device sign-in
// (RFC 8628): the user code, large, the page to enter it at, a QR code
// of the page with the code filled in, a countdown to the code's expiry,
// "Open in browser" and Cancel.
type devicePanel struct {
	root     *fyne.Container
	activity *widget.Activity
	status   *widget.Label
	steps    *fyne.Container
	code     *canvas.Text
	uri      *widget.Label
	expiry   *widget.Label
	qr       *canvas.Image
	qrBox    *fyne.Container
	// stepAny and stepLocal are the first step's text: on any device, or,
	// for a verification page on this computer's loopback, here only.
	stepAny, stepLocal *widget.RichText
	copyCode           *widget.Button
	open               *widget.Button
	cancel             *widget.Button
	openErr            *widget.Label
	copied             *widget.Label
	shownCode          auth.DeviceCode
}

// newDevicePanel makes the panel; onCopy puts text on the clipboard,
// onOpen opens a URL, onCancel stops the sign-in.
func newDevicePanel(onCopy func(string), onOpen func(string), onCancel func()) *devicePanel {
	p := &devicePanel{}
	p.activity = widget.NewActivity()
	p.status = widget.NewLabelWithStyle(T("Asking the provider for a code…"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	p.code = canvas.NewText("", theme.Color(theme.ColorNameForeground))
	p.code.TextStyle = fyne.TextStyle{Monospace: true} // monospace has no bold face
	p.code.TextSize = theme.TextSize() * 2.75
	p.uri = widget.NewLabel("")
	p.uri.TextStyle.Monospace = true
	p.uri.Selectable = true
	p.uri.Wrapping = fyne.TextWrapBreak
	p.expiry = widget.NewLabel("")
	p.copied = widget.NewLabel("")
	p.copied.Importance = widget.SuccessImportance
	p.openErr = wrapLabel("")
	p.openErr.Importance = widget.WarningImportance
	p.openErr.Hide()
	p.copyCode = widget.NewButtonWithIcon(T("Copy code"), theme.ContentCopyIcon(), func() {
		onCopy(p.shownCode.UserCode)
		p.copied.SetText(T("Copied."))
	})
	p.open = widget.NewButtonWithIcon(T("Open in this computer's browser"), theme.ComputerIcon(), func() { onOpen(pageOf(p.shownCode)) })
	p.cancel = widget.NewButtonWithIcon(T("Cancel"), theme.CancelIcon(), onCancel)
	p.qr = canvas.NewImageFromResource(nil)
	p.qr.FillMode = canvas.ImageFillContain
	p.qr.ScaleMode = canvas.ImageScalePixels
	p.qr.SetMinSize(fyne.NewSquareSize(qrSize))
	qrHint := newSecondaryWrap(T("Or scan with a phone: the page opens with the code filled in."), theme.SizeNameCaptionText)
	p.qrBox = container.NewVBox(p.qr, container.New(minWidth(qrSize), qrHint))

	p.stepAny = newSecondary(T("1. On a phone or another computer, open"), "")
	p.stepLocal = newSecondaryWrap(T("1. On this computer, open (the address is this computer's own loopback: a phone or another computer cannot reach it)"), "")
	p.stepLocal.Hide()
	p.steps = container.NewVBox(
		p.stepAny,
		p.stepLocal,
		p.uri,
		newSecondary(T("2. Enter this code and approve:"), ""),
		container.NewHBox(container.NewPadded(p.code), container.NewCenter(p.copyCode), p.copied),
		p.expiry,
	)
	p.steps.Hide()
	p.qrBox.Hide()
	p.root = container.NewVBox(
		container.NewHBox(p.activity, p.status),
		container.NewBorder(nil, nil, nil, p.qrBox, p.steps),
		p.openErr,
		container.NewHBox(p.open, layout.NewSpacer(), p.cancel),
	)
	p.open.Disable()
	return p
}

// pageOf is where the person approves: the page with the code in it when
// the provider gave one.
func pageOf(c auth.DeviceCode) string {
	return nonEmpty(c.VerificationURIComplete, c.VerificationURI)
}

// update shows ds at now.
func (p *devicePanel) update(ds *deviceState, now time.Time) {
	setOptional(p.openErr, ds.openErr)
	if ds.code == nil {
		p.status.SetText(T("Asking the provider for a code…"))
		p.steps.Hide()
		p.qrBox.Hide()
		p.open.Disable()
		return
	}
	c := *ds.code
	p.status.SetText(T(deviceWaitingText))
	if c != p.shownCode {
		p.shownCode = c
		p.copied.SetText("")
		p.code.Text = c.UserCode
		p.uri.SetText(c.VerificationURI)
		local := loopbackPage(pageOf(c))
		p.stepAny.Hidden, p.stepLocal.Hidden = local, !local
		p.steps.Refresh()
		if res := qrResource(pageOf(c)); res != nil && !local {
			p.qr.Resource = res
			p.qr.Refresh()
			p.qrBox.Show()
		} else {
			p.qrBox.Hide()
		}
	}
	p.code.Color = theme.Color(theme.ColorNameForeground)
	p.code.Refresh()
	p.tick(now)
	p.steps.Show()
	p.open.Enable()
}

// tick updates the countdown to the code's expiry.
func (p *devicePanel) tick(now time.Time) {
	exp := p.shownCode.ExpiresAt
	switch {
	case exp.IsZero():
		p.expiry.Importance = widget.MediumImportance
		p.expiry.SetText(T("The provider did not say when the code expires."))
	case !now.Before(exp):
		p.expiry.Importance = widget.DangerImportance
		p.expiry.SetText(T("The code has expired."))
	default:
		p.expiry.Importance = widget.MediumImportance
		if exp.Sub(now) < time.Minute {
			p.expiry.Importance = widget.WarningImportance
		}
		p.expiry.SetText(T("The code expires {{.In}}, at {{.At}}.", "In", formatRemaining(exp.Sub(now)), "At", formatTime(exp, now)))
	}
}

// show starts the spinner; hide stops it.
func (p *devicePanel) show() { p.activity.Start() }

// hide stops the spinner.
func (p *devicePanel) hide() { p.activity.Stop() }

// loopbackPage reports whether the verification page raw is on this
// computer's loopback, where no phone can reach it: no QR code then.
func loopbackPage(raw string) bool {
	u, err := url.Parse(raw)
	if err != nil {
		return false
	}
	switch h := u.Hostname(); {
	case h == "localhost", strings.HasSuffix(h, ".localhost"):
		return true
	default:
		ip := net.ParseIP(h)
		return ip != nil && ip.IsLoopback()
	}
}
