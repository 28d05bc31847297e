package ui

import (
	"image/color"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// accessibleTheme is a theme whose colours meet WCAG AA contrast where the
// window draws them: text 4.5:1 on the background, on a field and on the
// notices' tints; field borders and the focus ring 3:1. Fyne's default
// light success green #43F436 is 1.5:1 on white. TestThemeContrastMeetsWCAGAA
// measures every pair the window uses.
type accessibleTheme struct{ fyne.Theme }

// palette are the replaced colours, per variant.
var palette = map[fyne.ThemeVariant]map[fyne.ThemeColorName]color.Color{
	theme.VariantLight: {
		theme.ColorNameSuccess:     rgb(0x16, 0x6B, 0x27),
		theme.ColorNameWarning:     rgb(0x8A, 0x4F, 0x00),
		theme.ColorNameError:       rgb(0xB0, 0x20, 0x1A),
		theme.ColorNamePrimary:     rgb(0x1A, 0x56, 0xC4),
		theme.ColorNameHyperlink:   rgb(0x1A, 0x56, 0xC4),
		theme.ColorNamePlaceHolder: rgb(0x5C, 0x5C, 0x5C),
		theme.ColorNameInputBorder: rgb(0x88, 0x88, 0x88),
	},
	theme.VariantDark: {
		theme.ColorNameError:               rgb(0xFF, 0x6E, 0x64),
		theme.ColorNamePrimary:             rgb(0x6C, 0x9B, 0xF5),
		theme.ColorNameHyperlink:           rgb(0x6C, 0x9B, 0xF5),
		theme.ColorNameForegroundOnPrimary: rgb(0x0B, 0x0B, 0x0C),
		theme.ColorNameInputBorder:         rgb(0x7A, 0x7A, 0x80),
	},
}

// rgb is an opaque colour.
func rgb(r, g, b uint8) color.Color { return color.NRGBA{R: r, G: g, B: b, A: 0xff} }

// Color is the AA colour of n in v where the default falls short.
func (t accessibleTheme) Color(n fyne.ThemeColorName, v fyne.ThemeVariant) color.Color {
	if c, ok := palette[v][n]; ok {
		return c
	}
	return t.Theme.Color(n, v)
}
