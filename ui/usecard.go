package ui

import (
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// copiedFor is how long a copy confirmation stays.
const copiedFor = 4 * time.Second

// useCard offers the access token for use elsewhere: as is, as an
// Authorization header, or as a curl command against the profile endpoint.
// Each copy is confirmed inline.
type useCard struct {
	root      *widget.Card
	copyTok   *widget.Button
	copyHdr   *widget.Button
	copyCurl  *widget.Button
	endpoint  *widget.RichText
	copied    *widget.Label
	do        func(func())
	clearTime *time.Timer
}

// newUseCard makes the card; onCopy copies the given kind.
func newUseCard(do func(func()), onCopy func(copyKind)) *useCard {
	c := &useCard{do: do}
	c.copyTok = widget.NewButtonWithIcon(T("Copy access token"), theme.ContentCopyIcon(), func() { onCopy(copyToken) })
	c.copyTok.Importance = widget.HighImportance
	c.copyHdr = widget.NewButtonWithIcon(T("Copy as Authorization header"), theme.ContentCopyIcon(), func() { onCopy(copyHeader) })
	c.copyCurl = widget.NewButtonWithIcon(T("Copy as curl command"), theme.ContentCopyIcon(), func() { onCopy(copyCurl) })
	c.endpoint = newSecondaryWrap("", theme.SizeNameCaptionText)
	c.copied = widget.NewLabel("")
	c.copied.Importance = widget.SuccessImportance
	c.root = section(T("Use the access token"), nil,
		container.NewHBox(c.copyTok, c.copyHdr, c.copyCurl),
		c.endpoint,
		c.copied,
	)
	return c
}

// update shows which endpoint the curl command reads.
func (c *useCard) update(s *session) {
	if ep := profileEndpoint(s); ep != "" {
		setSecondary(c.endpoint, T("The curl command reads {{.URL}}. An expired token is refreshed before it is copied.", "URL", ep))
		c.copyCurl.Enable()
	} else {
		setSecondary(c.endpoint, T("The provider has no profile endpoint for a curl command. An expired token is refreshed before it is copied."))
		c.copyCurl.Disable()
	}
	if c.copied.Text == "" {
		c.copied.Hide()
	}
}

// confirm says what was copied, for a few seconds.
func (c *useCard) confirm(what string) {
	c.copied.SetText(what)
	c.copied.Show()
	if c.clearTime != nil {
		c.clearTime.Stop()
	}
	c.clearTime = time.AfterFunc(copiedFor, func() {
		c.do(func() {
			if c.copied.Text == what {
				c.copied.SetText("")
				c.copied.Hide()
			}
		})
	})
}

// stop cancels the pending confirmation timer.
func (c *useCard) stop() {
	if c.clearTime != nil {
		c.clearTime.Stop()
	}
}
