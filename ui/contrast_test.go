package ui

import (
	"fmt"
	"image/color"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// colourPair is a theme colour the window draws (text, or a field's
// border) on the background it is drawn on.
type colourPair struct {
	fg, bg fyne.ThemeColorName
	// tint is the notice tint (alpha 0–255 of the colour tintOf) laid on
	// the background first; 0 for none.
	tintOf    fyne.ThemeColorName
	tintAlpha uint8
	// min is the WCAG AA ratio: 4.5 for text, 3 for borders and large text.
	min float64
}

// usedPairs are the colour pairs the window uses: label importances on the
// background and on their notices, placeholders and secondary text in and
// out of fields, the field border, buttons, links and selection. Disabled
// controls are exempt (WCAG 1.4.3); the focus ring of a field is the
// primary colour, measured here as text.
var usedPairs = func() []colourPair {
	bg, in := theme.ColorNameBackground, theme.ColorNameInputBackground
	var ps []colourPair
	for _, fg := range []fyne.ThemeColorName{theme.ColorNameForeground, theme.ColorNameSuccess,
		theme.ColorNameWarning, theme.ColorNameError, theme.ColorNamePrimary, theme.ColorNameHyperlink,
		theme.ColorNamePlaceHolder} {
		ps = append(ps, colourPair{fg: fg, bg: bg, min: 4.5}, colourPair{fg: fg, bg: in, min: 4.5})
	}
	// Text in the tinted notices (newNotice: the colour at 0x30).
	for _, n := range []fyne.ThemeColorName{theme.ColorNameSuccess, theme.ColorNameWarning,
		theme.ColorNameError, theme.ColorNamePrimary} {
		ps = append(ps,
			colourPair{fg: theme.ColorNameForeground, bg: bg, tintOf: n, tintAlpha: 0x30, min: 4.5},
			colourPair{fg: n, bg: bg, tintOf: n, tintAlpha: 0x30, min: 4.5},
			colourPair{fg: theme.ColorNamePlaceHolder, bg: bg, tintOf: n, tintAlpha: 0x30, min: 4.5})
	}
	return append(ps,
		colourPair{fg: theme.ColorNameInputBorder, bg: bg, min: 3},
		colourPair{fg: theme.ColorNameInputBorder, bg: in, min: 3},
		colourPair{fg: theme.ColorNameForegroundOnPrimary, bg: theme.ColorNamePrimary, min: 4.5},
		colourPair{fg: theme.ColorNameForegroundOnError, bg: theme.ColorNameError, min: 4.5},
		colourPair{fg: theme.ColorNameForegroundOnSuccess, bg: theme.ColorNameSuccess, min: 4.5},
		colourPair{fg: theme.ColorNameForegroundOnWarning, bg: theme.ColorNameWarning, min: 4.5},
		colourPair{fg: theme.ColorNameForeground, bg: theme.ColorNameButton, min: 4.5},
		colourPair{fg: theme.ColorNameForeground, bg: theme.ColorNameSelection, min: 4.5},
		colourPair{fg: theme.ColorNameForeground, bg: theme.ColorNameHeaderBackground, min: 4.5},
	)
}()

// pairRatio is the ratio of p in t's variant v.
func pairRatio(t fyne.Theme, v fyne.ThemeVariant, p colourPair) (float64, color.Color, color.Color) {
	bg := over(t.Color(p.bg, v), t.Color(theme.ColorNameBackground, v))
	if p.tintOf != "" {
		bg = over(withAlpha(t.Color(p.tintOf, v), p.tintAlpha), bg)
	}
	fg := over(t.Color(p.fg, v), bg)
	return contrastRatio(fg, bg), fg, bg
}

func hex(c color.Color) string {
	n := color.NRGBAModel.Convert(c).(color.NRGBA)
	return fmt.Sprintf("#%02X%02X%02X", n.R, n.G, n.B)
}

func TestThemeContrastMeetsWCAGAA(t *testing.T) {
	for _, v := range []struct {
		name string
		v    fyne.ThemeVariant
	}{{"light", theme.VariantLight}, {"dark", theme.VariantDark}} {
		for _, p := range usedPairs {
			r, fg, bg := pairRatio(appTheme(), v.v, p)
			what := string(p.fg) + " on " + string(p.bg)
			if p.tintOf != "" {
				what += " tinted " + string(p.tintOf)
			}
			if r < p.min {
				t.Errorf("%s: %s %s on %s = %.2f:1, want ≥ %.1f:1", v.name, what, hex(fg), hex(bg), r, p.min)
			} else if testing.Verbose() {
				t.Logf("%s: %s %s on %s = %.2f:1", v.name, what, hex(fg), hex(bg), r)
			}
		}
	}
}

func TestContrastRatioKnownValues(t *testing.T) {
	white, black := color.White, color.Black
	if r := contrastRatio(white, black); r < 20.99 || r > 21.01 {
		t.Errorf("white on black = %.2f, want 21", r)
	}
	// The figure: Fyne's light success green on white.
	if r := contrastRatio(color.NRGBA{0x43, 0xF4, 0x36, 0xff}, white); r < 1.45 || r > 1.55 {
		t.Errorf("#43F436 on white = %.2f, want 1.5", r)
	}
}
