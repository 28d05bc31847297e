package ui

import (
	"hash/fnv"
	"image/color"
	"strings"
	"unicode"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// markPalette are the theme's primary colors a mark can take; yellow and
// gray are left out because white text is hard to read on them.
var markPalette = []string{
	theme.ColorBlue, theme.ColorPurple, theme.ColorGreen,
	theme.ColorOrange, theme.ColorRed, theme.ColorBrown,
}

// letterMark is a letter in a colored circle: a provider's mark, and the
// avatar of an account without a picture. The color is derived from seed,
// so a provider keeps its color.
type letterMark struct {
	widget.BaseWidget
	name string
	seed string
	size float32
}

// newLetterMark makes a mark of size points for name.
func newLetterMark(name, seed string, size float32) *letterMark {
	m := &letterMark{name: name, seed: seed, size: size}
	m.ExtendBaseWidget(m)
	return m
}

// set changes the name and seed.
func (m *letterMark) set(name, seed string) {
	if m.name == name && m.seed == seed {
		return
	}
	m.name, m.seed = name, seed
	m.Refresh()
}

// initial is the mark's letter: the name's first letter or digit.
func initial(name string) string {
	for _, r := range name {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			return strings.ToUpper(string(r))
		}
	}
	if r, _ := utf8.DecodeRuneInString(name); r != utf8.RuneError {
		return string(r)
	}
	return "?"
}

// markColor picks a palette color for seed.
func markColor(seed string) color.Color {
	h := fnv.New32a()
	h.Write([]byte(seed))
	return theme.PrimaryColorNamed(markPalette[h.Sum32()%uint32(len(markPalette))])
}

// CreateRenderer draws the circle and the letter.
func (m *letterMark) CreateRenderer() fyne.WidgetRenderer {
	r := &markRenderer{m: m, circle: canvas.NewCircle(color.Transparent), letter: canvas.NewText("", color.White)}
	r.letter.TextStyle.Bold = true
	r.Refresh()
	return r
}

// markRenderer draws a letterMark.
type markRenderer struct {
	m      *letterMark
	circle *canvas.Circle
	letter *canvas.Text
}

// MinSize is the smallest size that shows the parts.
func (r *markRenderer) MinSize() fyne.Size { return fyne.NewSquareSize(r.m.size) }

// Objects are the parts drawn.
func (r *markRenderer) Objects() []fyne.CanvasObject {
	return []fyne.CanvasObject{r.circle, r.letter}
}

// Destroy releases nothing; the parts hold no resources.
func (r *markRenderer) Destroy() {}

// Layout centres a circle of the mark's size and the letter in it.
func (r *markRenderer) Layout(s fyne.Size) {
	d := min(s.Width, s.Height, r.m.size)
	pos := fyne.NewPos((s.Width-d)/2, (s.Height-d)/2)
	r.circle.Move(pos)
	r.circle.Resize(fyne.NewSquareSize(d))
	ts := r.letter.MinSize()
	r.letter.Move(fyne.NewPos(pos.X+(d-ts.Width)/2, pos.Y+(d-ts.Height)/2))
	r.letter.Resize(ts)
}

// Refresh applies the name, seed and size.
func (r *markRenderer) Refresh() {
	r.circle.FillColor = markColor(r.m.seed)
	r.letter.Text = initial(r.m.name)
	r.letter.TextSize = r.m.size * 0.5
	r.Layout(r.m.Size())
	r.circle.Refresh()
	r.letter.Refresh()
}
