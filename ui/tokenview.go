package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// tokensCard shows the access token and the ID token: the text (masked
// until revealed) and, for a JWT, its decoded header and claims.
type tokensCard struct {
	root   *widget.Card
	reveal *widget.Button
	access *tokenView
	id     *tokenView
	shown  bool
}

// newTokensCard makes the card.
func newTokensCard() *tokensCard {
	c := &tokensCard{access: newTokenView(T("Access token"), false), id: newTokenView(T("ID token"), true)}
	c.access.unverified = true
	c.reveal = widget.NewButtonWithIcon(T("Show tokens"), theme.VisibilityIcon(), c.toggle)
	c.reveal.Importance = widget.LowImportance
	c.root = section(T("Tokens"), c.reveal, c.access.root, widget.NewSeparator(), c.id.root)
	return c
}

// toggle shows or masks the token text.
func (c *tokensCard) toggle() {
	c.shown = !c.shown
	if c.shown {
		c.reveal.SetText(T("Hide tokens"))
		c.reveal.SetIcon(theme.VisibilityOffIcon())
	} else {
		c.reveal.SetText(T("Show tokens"))
		c.reveal.SetIcon(theme.VisibilityIcon())
	}
	c.access.mask(!c.shown)
	c.id.mask(!c.shown)
}

// update shows the stored token set of s.
func (c *tokensCard) update(s *session, now time.Time) {
	var access, id string
	if s.tokens != nil {
		access, id = s.tokens.AccessToken, s.tokens.IDToken
	}
	c.access.set(access, !c.shown, now)
	c.id.set(id, !c.shown, now)
}

// tokenView is one token: its kind, its text and its decoded parts.
type tokenView struct {
	root   *fyne.Container
	kind   *widget.RichText
	text   *widget.Label
	parts  *widget.Accordion
	header *fyne.Container
	claims *fyne.Container
	// claimsOpen opens the claims when a token first appears.
	claimsOpen bool
	// unverified marks a JWT the client does not verify (the access
	// token, RFC 9068: the resource server checks it).
	unverified bool
	token      string
}

// newTokenView makes the view of one token titled title.
func newTokenView(title string, claimsOpen bool) *tokenView {
	v := &tokenView{claimsOpen: claimsOpen}
	v.kind = newSecondaryWrap("", "")
	v.text = wrapLabel("")
	v.text.Wrapping = fyne.TextWrapBreak
	v.text.TextStyle.Monospace = true
	v.header = container.New(layout.NewFormLayout())
	v.claims = container.New(layout.NewFormLayout())
	v.parts = widget.NewAccordion(
		widget.NewAccordionItem(T("Claims"), v.claims),
		widget.NewAccordionItem(T("Header"), v.header),
	)
	v.parts.MultiOpen = true
	name := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.root = container.NewVBox(container.NewBorder(nil, nil, name, nil, v.kind), v.text, v.parts)
	return v
}

// mask hides or shows the token text.
func (v *tokenView) mask(masked bool) {
	if v.token == "" {
		return
	}
	if masked {
		v.text.SetText(maskToken(v.token))
		v.text.Selectable = false
	} else {
		v.text.SetText(v.token)
		v.text.Selectable = true
	}
	v.text.Refresh()
}

// set shows tok; an empty tok says there is none.
func (v *tokenView) set(tok string, masked bool, now time.Time) {
	if tok == v.token && tok != "" {
		return
	}
	first := v.token == ""
	v.token = tok
	if tok == "" {
		setSecondary(v.kind, T("none"))
		v.text.Hide()
		v.parts.Hide()
		return
	}
	v.text.Show()
	v.mask(masked)
	d := decodeToken(tok, now)
	switch d.Kind {
	case kindOpaque:
		setSecondary(v.kind, T("opaque — not a JWT; only the provider can read it"))
		v.parts.Hide()
		return
	case kindJWE:
		setSecondary(v.kind, T("encrypted JWT (JWE, {{.Alg}}) — it cannot be read without the key", "Alg", orUnknown(d.Alg)))
		v.parts.Hide()
		return
	}
	kind := T("JWT, signed with {{.Alg}}", "Alg", orUnknown(d.Alg))
	if v.unverified {
		kind += " — " + T("not verified by the client (the API checks it)")
		if aud := claimValue(d.Claims, "aud"); aud != "" {
			kind += "; " + T("audience {{.Aud}}", "Aud", aud)
		}
	}
	if d.Err != nil {
		kind += " — " + d.Err.Error()
	}
	setSecondary(v.kind, kind)
	fillClaims(v.header, d.Header)
	fillClaims(v.claims, d.Claims)
	v.parts.Show()
	if first && v.claimsOpen {
		v.parts.Open(0)
	}
	v.parts.Refresh()
}

// orUnknown is s, or "an unknown algorithm" when s is empty.
func orUnknown(s string) string {
	if s == "" {
		return T("an unknown algorithm")
	}
	return s
}

// fillClaims puts claims into a two-column grid.
func fillClaims(grid *fyne.Container, claims []claim) {
	objs := make([]fyne.CanvasObject, 0, 2*len(claims))
	for _, c := range claims {
		k := newSecondary(c.Name, "")
		val := wrapLabel(c.Value)
		val.Wrapping = fyne.TextWrapBreak
		val.Selectable = true
		objs = append(objs, k, val)
	}
	grid.Objects = objs
	grid.Refresh()
}
