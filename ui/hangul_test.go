package ui

import (
	"bytes"
	"image"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// parseFace parses a font resource as Fyne's painter does.
func parseFace(t *testing.T, r fyne.Resource) *font.Face {
	t.Helper()
	f, err := font.ParseTTF(bytes.NewReader(r.Content()))
	if err != nil {
		t.Fatalf("%s: %v", r.Name(), err)
	}
	return f
}

// TestHangulGlyphs fails when a character of the Korean window would be
// tofu: every rune of every Korean translation must be in the bundled
// Hangul face or in Fyne's own font of the same weight, and every modern
// Hangul syllable must be in the Hangul face (names are not limited to the
// window's words). No system font is consulted.
func TestHangulGlyphs(t *testing.T) {
	th := appTheme()
	ko := catalogue(t, "ko.json")
	for _, style := range []fyne.TextStyle{{}, {Bold: true}, {Italic: true}, {Monospace: true}} {
		hangul := parseFace(t, th.Font(style))
		var latin *font.Face
		switch {
		case style.Bold:
			latin = parseFace(t, theme.DefaultTextBoldFont())
		case style.Italic:
			latin = parseFace(t, theme.DefaultTextItalicFont())
		case style.Monospace:
			latin = parseFace(t, theme.DefaultTextMonospaceFont())
		default:
			latin = parseFace(t, theme.DefaultTextFont())
		}
		missing := map[rune]string{}
		for _, forms := range ko {
			for _, text := range forms {
				for _, r := range text {
					if r == '\n' {
						continue
					}
					if _, ok := hangul.NominalGlyph(r); ok {
						continue
					}
					if _, ok := latin.NominalGlyph(r); !ok {
						missing[r] = text
					}
				}
			}
		}
		for r, text := range missing {
			t.Errorf("style %+v: no glyph for %q (U+%04X), used in %q", style, r, r, text)
		}
		for r := rune(0xAC00); r <= 0xD7A3; r++ {
			if _, ok := hangul.NominalGlyph(r); !ok {
				t.Errorf("style %+v: the Hangul face lacks %q", style, r)
				break
			}
		}
		// The shaper keeps a space in the run it is in: a space between
		// two Hangul words is drawn with the Hangul face, which must have
		// one, as wide as Noto Sans's.
		sp, ok := hangul.NominalGlyph(' ')
		if !ok {
			t.Errorf("style %+v: the Hangul face has no space: spaces in Korean text would be tofu", style)
		} else if lsp, _ := latin.NominalGlyph(' '); !sameEm(hangul, hangul.HorizontalAdvance(sp), latin, latin.HorizontalAdvance(lsp)) {
			t.Errorf("style %+v: the Hangul space is %v of %d wide, Fyne's %v of %d", style,
				hangul.HorizontalAdvance(sp), hangul.Upem(), latin.HorizontalAdvance(lsp), latin.Upem())
		}
	}
}

// sameEm reports whether two lengths in font units are the same part of
// an em, to a thousandth.
func sameEm(fa *font.Face, a float32, fb *font.Face, b float32) bool {
	d := float64(a)/float64(fa.Upem()) - float64(b)/float64(fb.Upem())
	return d < 0.001 && d > -0.001
}

// TestHangulMetricsMatchLatin: the Hangul faces have the line metrics of
// Fyne's font of their style, so that a line starting with Hangul is not
// drawn lower, and a monospaced label keeps its height.
func TestHangulMetricsMatchLatin(t *testing.T) {
	for _, c := range []struct{ hangul, latin fyne.Resource }{
		{hangulRegular, theme.DefaultTextFont()},
		{hangulBold, theme.DefaultTextBoldFont()},
		{hangulMono(), theme.DefaultTextMonospaceFont()},
	} {
		hf, lf := parseFace(t, c.hangul), parseFace(t, c.latin)
		got, _ := hf.FontHExtents()
		want, _ := lf.FontHExtents()
		if !sameEm(hf, got.Ascender, lf, want.Ascender) || !sameEm(hf, got.Descender, lf, want.Descender) || !sameEm(hf, got.LineGap, lf, want.LineGap) {
			t.Errorf("%s: line metrics %+v of %d, want %s's %+v of %d", c.hangul.Name(), got, hf.Upem(), c.latin.Name(), want, lf.Upem())
		}
	}
}

// renderText draws text at size in style through the Hangul theme and
// returns the picture.
func renderText(t *testing.T, text string, size float32, style fyne.TextStyle) image.Image {
	t.Helper()
	a := test.NewTempApp(t)
	a.Settings().SetTheme(forcedVariant{Theme: appTheme(), variant: theme.VariantLight})
	txt := canvas.NewText(text, color.Black)
	txt.TextSize = size
	txt.TextStyle = style
	w := test.NewTempWindow(t, container.NewWithoutLayout(txt))
	w.SetPadded(false)
	w.Resize(fyne.NewSize(size*float32(len([]rune(text))+1)*1.2, size*2))
	txt.Move(fyne.NewPos(0, 0))
	txt.Resize(txt.MinSize())
	return w.Canvas().Capture()
}

// ink reports the dark pixels of img: their count, and the lowest row and
// the columns holding any, in the horizontal band [x0, x1).
func ink(img image.Image, x0, x1 int) (n, bottom int) {
	b := img.Bounds()
	bottom = -1
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := max(x0, b.Min.X); x < min(x1, b.Max.X); x++ {
			r, g, bl, _ := img.At(x, y).RGBA()
			if (r+g+bl)/3 < 0x8000 {
				n++
				bottom = y
			}
		}
	}
	return n, bottom
}

// TestHangulRenders draws Hangul through the real theme with Fyne's
// software painter and fails on tofu: a syllable drawn as the painter's
// replacement glyph. It also checks that bold Hangul is bold and that a
// line starting with Hangul keeps Latin's baseline.
func TestHangulRenders(t *testing.T) {
	const size = 64
	tofu := renderText(t, "\uFFFD", size, fyne.TextStyle{})
	// The check itself: a private-use character no font has is drawn as
	// the replacement glyph.
	if !sameImage(renderText(t, "\uE0FF", size, fyne.TextStyle{}), tofu) {
		t.Fatal("a character no font has does not render as the replacement glyph: the tofu check would not see tofu")
	}
	for _, r := range "카카오로그인홍길동똠햏뷁" {
		for _, style := range []fyne.TextStyle{{}, {Bold: true}} {
			if sameImage(renderText(t, string(r), size, style), tofu) {
				t.Errorf("%q (bold %v) renders as tofu", r, style.Bold)
			}
		}
	}

	// A space between Hangul words is blank, not a replacement glyph.
	if n, _ := ink(renderText(t, "가 ", size, fyne.TextStyle{}), size, 1<<20); n != 0 {
		t.Errorf("the space after a Hangul syllable has %d dark pixels: tofu", n)
	}

	regular, _ := ink(renderText(t, "한국어 이름", size, fyne.TextStyle{}), 0, 1<<20)
	bold, _ := ink(renderText(t, "한국어 이름", size, fyne.TextStyle{Bold: true}), 0, 1<<20)
	if float64(bold) < float64(regular)*1.25 {
		t.Errorf("bold Hangul has %d dark pixels, regular %d: not bold", bold, regular)
	}

	// "x" alone, and "x" after a Hangul syllable, at the right: the same
	// bottom row, or the Hangul-first line sits lower.
	_, alone := ink(renderText(t, "x", size, fyne.TextStyle{}), 0, 1<<20)
	img := renderText(t, "가x", size, fyne.TextStyle{})
	_, after := ink(img, size*21/20, 1<<20)
	if alone < 0 || after != alone {
		t.Errorf("x after Hangul ends on row %d, alone on row %d: the baseline moved", after, alone)
	}
}

// sameImage compares the ink of two pictures, wherever it sits: the
// painter draws a missing glyph as the replacement character, on its own
// baseline.
func sameImage(a, b image.Image) bool {
	ra, rb := inkBox(a), inkBox(b)
	if ra.Dx() != rb.Dx() || ra.Dy() != rb.Dy() {
		return false
	}
	for y := 0; y < ra.Dy(); y++ {
		for x := 0; x < ra.Dx(); x++ {
			if a.At(ra.Min.X+x, ra.Min.Y+y) != b.At(rb.Min.X+x, rb.Min.Y+y) {
				return false
			}
		}
	}
	return true
}

// inkBox is the smallest rectangle holding every pixel that is not white.
func inkBox(img image.Image) image.Rectangle {
	var box image.Rectangle
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, g, bl, _ := img.At(x, y).RGBA(); r&g&bl < 0xf000 {
				box = box.Union(image.Rect(x, y, x+1, y+1))
			}
		}
	}
	return box
}
