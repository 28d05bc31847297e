package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// scopesCard shows the granted scopes as chips, and the requested scopes
// the provider did not grant as marked chips.
type scopesCard struct {
	root  *widget.Card
	chips *fyne.Container
	note  *widget.RichText
}

// newScopesCard makes the card; relayout is called when the chips wrap
// onto a different number of rows.
func newScopesCard(relayout func()) *scopesCard {
	c := &scopesCard{}
	c.chips = container.New(&flowLayout{onWrap: relayout})
	c.note = newSecondaryWrap("", "")
	c.root = section(T("Scopes"), nil, c.chips, c.note)
	return c
}

// update shows the scopes of s.
func (c *scopesCard) update(s *session) {
	st := s.status
	granted := map[string]bool{}
	var objs []fyne.CanvasObject
	for _, sc := range st.Scopes {
		granted[sc] = true
		objs = append(objs, newScopeChip(sc, true))
	}
	var missing []string
	for _, sc := range st.RequestedScopes {
		if !granted[sc] {
			missing = append(missing, sc)
			objs = append(objs, newScopeChip(sc, false))
		}
	}
	if !sameChips(c.chips.Objects, objs) {
		c.chips.Objects = objs
		c.chips.Refresh()
	}

	var note string
	switch {
	case len(st.Scopes) == 0 && len(missing) == 0:
		note = T("The provider reported no scopes.")
	case st.ScopesRequested:
		note = T("(as requested; the provider did not confirm)")
	}
	if len(missing) > 0 {
		if note != "" {
			note += " "
		}
		note += TN("{{.Count}} requested scopes were not granted (marked).", len(missing))
	}
	setSecondary(c.note, note)
}

// sameChips reports whether two chip lists show the same scopes.
func sameChips(a, b []fyne.CanvasObject) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		x, y := a[i].(*scopeChip), b[i].(*scopeChip)
		if x.scope != y.scope || x.granted != y.granted {
			return false
		}
	}
	return true
}

// scopeChip is one scope in a rounded box; a requested scope that was not
// granted is outlined in the error color and says so.
type scopeChip struct {
	widget.BaseWidget
	scope   string
	granted bool
}

// newScopeChip makes a chip for scope.
func newScopeChip(scope string, granted bool) *scopeChip {
	c := &scopeChip{scope: scope, granted: granted}
	c.ExtendBaseWidget(c)
	return c
}

// text is the chip's label.
func (c *scopeChip) text() string {
	if c.granted {
		return c.scope
	}
	return c.scope + "  — " + T("not granted")
}

// CreateRenderer draws the box and the text.
func (c *scopeChip) CreateRenderer() fyne.WidgetRenderer {
	r := &chipRenderer{c: c, bg: canvas.NewRectangle(color.Transparent), text: canvas.NewText(c.text(), color.Black)}
	r.Refresh()
	return r
}

// chipRenderer draws a scopeChip.
type chipRenderer struct {
	c    *scopeChip
	bg   *canvas.Rectangle
	text *canvas.Text
}

// Objects are the parts drawn.
func (r *chipRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.bg, r.text} }

// Destroy releases nothing; the parts hold no resources.
func (r *chipRenderer) Destroy() {}

// inset is the space around the text.
func (r *chipRenderer) inset() fyne.Size {
	p := theme.Padding()
	return fyne.NewSize(p*3, p*1.5)
}

// MinSize is the text plus the inset.
func (r *chipRenderer) MinSize() fyne.Size {
	return r.text.MinSize().Add(r.inset().Add(r.inset()))
}

// Layout fills the box and centres the text.
func (r *chipRenderer) Layout(s fyne.Size) {
	r.bg.Resize(s)
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos((s.Width-ts.Width)/2, (s.Height-ts.Height)/2))
	r.text.Resize(ts)
}

// Refresh re-reads the theme.
func (r *chipRenderer) Refresh() {
	r.text.Text = r.c.text()
	// Not monospace: Fyne's monospace font loses its underscores below
	// the normal text size, and scopes are full of them.
	r.text.TextSize = theme.TextSize()
	r.bg.CornerRadius = r.MinSize().Height / 2
	if r.c.granted {
		r.bg.FillColor = withAlpha(theme.Color(theme.ColorNamePrimary), 0x38)
		r.bg.StrokeWidth = 0
		r.text.Color = theme.Color(theme.ColorNameForeground)
	} else {
		r.bg.FillColor = color.Transparent
		r.bg.StrokeColor = theme.Color(theme.ColorNameError)
		r.bg.StrokeWidth = 1.5
		r.text.Color = theme.Color(theme.ColorNameError)
	}
	r.Layout(r.c.Size())
	r.bg.Refresh()
	r.text.Refresh()
}
