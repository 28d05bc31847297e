package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// colorName is the theme color of a badge state.
func (st sessionState) colorName() fyne.ThemeColorName {
	switch st {
	case stateSignedIn:
		return theme.ColorNameSuccess
	case stateExpiresSoon, stateExpired:
		return theme.ColorNameWarning
	case stateError:
		return theme.ColorNameError
	case stateSigningIn:
		return theme.ColorNamePrimary
	}
	return theme.ColorNameDisabled
}

// statusBadge is a colored dot and the state's name, such as "● signed in".
type statusBadge struct {
	widget.BaseWidget
	state sessionState
	// text, when set, replaces the state's name.
	text string
}

// newStatusBadge makes a badge showing st.
func newStatusBadge(st sessionState) *statusBadge {
	b := &statusBadge{state: st}
	b.ExtendBaseWidget(b)
	return b
}

// withText makes the badge say text instead of the state's name.
func (b *statusBadge) withText(text string) *statusBadge {
	b.text = text
	b.Refresh()
	return b
}

// setState changes the state shown.
func (b *statusBadge) setState(st sessionState) {
	if b.state == st {
		return
	}
	b.state = st
	b.Refresh()
}

// CreateRenderer draws the dot and the text.
func (b *statusBadge) CreateRenderer() fyne.WidgetRenderer {
	r := &badgeRenderer{b: b, dot: canvas.NewCircle(color.Transparent), text: canvas.NewText("", color.Black)}
	r.Refresh()
	return r
}

// badgeRenderer draws a statusBadge.
type badgeRenderer struct {
	b    *statusBadge
	dot  *canvas.Circle
	text *canvas.Text
}

// Objects are the parts drawn.
func (r *badgeRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.dot, r.text} }

// Destroy releases nothing; the parts hold no resources.
func (r *badgeRenderer) Destroy() {}

// dotSize is the dot's diameter.
func (r *badgeRenderer) dotSize() float32 { return r.text.TextSize * 0.6 }

// MinSize fits the dot, a gap and the text.
func (r *badgeRenderer) MinSize() fyne.Size {
	ts := r.text.MinSize()
	return fyne.NewSize(r.dotSize()+theme.Padding()*1.5+ts.Width, ts.Height)
}

// Layout puts the dot left of the text, both centred vertically.
func (r *badgeRenderer) Layout(s fyne.Size) {
	d := r.dotSize()
	r.dot.Move(fyne.NewPos(0, (s.Height-d)/2))
	r.dot.Resize(fyne.NewSquareSize(d))
	ts := r.text.MinSize()
	r.text.Move(fyne.NewPos(d+theme.Padding()*1.5, (s.Height-ts.Height)/2))
	r.text.Resize(ts)
}

// Refresh re-reads the state and the theme.
func (r *badgeRenderer) Refresh() {
	st := r.b.state
	r.dot.FillColor = theme.Color(st.colorName())
	r.text.Text = st.label()
	if r.b.text != "" {
		r.text.Text = r.b.text
	}
	r.text.Color = theme.Color(theme.ColorNameForeground)
	r.text.TextSize = theme.CaptionTextSize()
	r.Layout(r.b.Size())
	r.dot.Refresh()
	r.text.Refresh()
}
