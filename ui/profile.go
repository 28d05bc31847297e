package ui

import (
	"bytes"
	"encoding/json"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// avatarSize is the side of the profile picture.
const avatarSize = 64

// maxRawJSON caps the raw profile shown, in bytes.
const maxRawJSON = 32 << 10

// profileCard shows the profile: avatar (or a letter mark), name, email,
// where it came from, and the raw JSON in an expandable section.
type profileCard struct {
	root    *widget.Card
	avatar  *fyne.Container
	mark    *letterMark
	name    *widget.Label
	email   *widget.Label
	source  *widget.RichText
	status  *widget.Label
	raw     *widget.Label
	rawAcc  *widget.Accordion
	details *fyne.Container
	// shown is the profile and image last rendered, to skip rework.
	shownRaw    []byte
	shownAvatar []byte
}

// newProfileCard makes the card.
func newProfileCard() *profileCard {
	c := &profileCard{}
	c.mark = newLetterMark("", "", avatarSize)
	c.avatar = container.NewGridWrap(fyne.NewSquareSize(avatarSize), c.mark)
	c.name = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	c.name.Truncation = fyne.TextTruncateEllipsis
	c.email = widget.NewLabel("")
	c.email.Truncation = fyne.TextTruncateEllipsis
	c.email.Selectable = true
	c.source = newSecondary("", theme.SizeNameCaptionText)
	c.source.Truncation = fyne.TextTruncateEllipsis
	c.status = wrapLabel("")
	c.raw = wrapLabel("")
	c.raw.Wrapping = fyne.TextWrapBreak
	c.raw.TextStyle.Monospace = true
	c.raw.Selectable = true
	c.rawAcc = widget.NewAccordion(widget.NewAccordionItem(T("Raw JSON"), c.raw))
	c.details = container.NewVBox(
		container.NewBorder(nil, nil, container.NewCenter(c.avatar), nil,
			container.NewVBox(c.name, c.email, c.source)),
		c.rawAcc,
	)
	c.root = section(T("Profile"), nil, c.status, c.details)
	return c
}

// update shows the profile of s.
func (c *profileCard) update(s *session) {
	switch {
	case s.profileLoading && s.profile == nil:
		setOptional(c.status, T("Loading the profile…"))
		c.status.Importance = widget.LowImportance
		c.details.Hide()
		return
	case s.profileErr != nil:
		info := describeError("", s.profileErr)
		setOptional(c.status, T("Could not read the profile: {{.Error}}", "Error", info.Message))
		c.status.Importance = widget.DangerImportance
		c.status.Refresh()
		c.details.Hide()
		return
	case s.profile == nil:
		setOptional(c.status, T("No profile yet."))
		c.status.Importance = widget.LowImportance
		c.details.Hide()
		return
	}
	setOptional(c.status, "")
	p := s.profile
	name := p.Name
	if name == "" {
		name = s.account()
	}
	c.name.SetText(name)
	setOptional(c.email, p.Email)
	switch {
	case p.FromIDToken:
		setSecondary(c.source, T("from the ID token: userinfo refused the access token, which is restricted to another audience (RFC 8707)"))
	case p.SignedWith != "":
		setSecondary(c.source, T("from {{.Source}}, signed with {{.Alg}} and verified against the provider's keys", "Source", p.Source, "Alg", p.SignedWith))
	case p.Source != "":
		setSecondary(c.source, T("from {{.Source}}", "Source", p.Source))
	default:
		setSecondary(c.source, "")
	}
	c.mark.set(name, p.Subject+name)
	if !bytes.Equal(c.shownAvatar, s.avatar) || len(c.avatar.Objects) == 0 {
		c.shownAvatar = s.avatar
		if len(s.avatar) > 0 {
			img := canvas.NewImageFromReader(bytes.NewReader(s.avatar), "avatar")
			img.FillMode = canvas.ImageFillContain
			img.SetMinSize(fyne.NewSquareSize(avatarSize))
			c.avatar.Objects = []fyne.CanvasObject{img}
		} else {
			c.avatar.Objects = []fyne.CanvasObject{c.mark}
		}
		c.avatar.Refresh()
	}
	if !bytes.Equal(c.shownRaw, p.Raw) {
		c.shownRaw = p.Raw
		c.raw.SetText(prettyJSON(p.Raw))
	}
	c.details.Show()
}

// prettyJSON indents raw JSON, capped at maxRawJSON bytes.
func prettyJSON(raw []byte) string {
	if len(raw) == 0 {
		return T("(empty)")
	}
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		buf.Reset()
		buf.Write(raw)
	}
	if buf.Len() > maxRawJSON {
		return buf.String()[:maxRawJSON] + "\n… (" + T("cut") + ")"
	}
	return buf.String()
}
