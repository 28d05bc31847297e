package ui

import (
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"

	"oauthdesk/assets/fonts"
)

// The bundled Hangul faces, as Fyne resources; hangulMono is the regular
// face measured like Fyne's monospaced font (DejaVu Sans Mono: ascender
// 1901, descender 483, space 1233 of 2048 units), made when first needed.
var (
	hangulRegular = fyne.NewStaticResource("HangulRegular.otf", fonts.HangulRegular)
	hangulBold    = fyne.NewStaticResource("HangulBold.otf", fonts.HangulBold)
	hangulMono    = sync.OnceValue(func() fyne.Resource {
		data, err := retune(fonts.HangulRegular, 928, -236, 602)
		if err != nil {
			fyne.LogError("Hangul monospaced face", err)
			return theme.DefaultTextMonospaceFont()
		}
		return fyne.NewStaticResource("HangulMono.otf", data)
	})
)

// hangulTheme is a theme whose text fonts start with the bundled Hangul
// face. Fyne looks a character up in the theme's font first, then in its
// own font of the same style (Noto Sans, Latin), then in the system's. The
// Hangul face holds Hangul only, so Latin text is drawn as before; Hangul is
// drawn on every platform, bold where the text is bold (Fyne's fallback to
// a system font drops the weight), and on Latin's baseline (the face has
// Noto Sans's line metrics, where a system CJK font's larger ascent pushes
// a line that starts with Hangul down).
type hangulTheme struct{ fyne.Theme }

// withHangul gives t the bundled Hangul face.
func withHangul(t fyne.Theme) fyne.Theme { return hangulTheme{t} }

// Font is the Hangul face of the style's weight; symbols keep t's font.
func (h hangulTheme) Font(s fyne.TextStyle) fyne.Resource {
	if s.Symbol {
		return h.Theme.Font(s)
	}
	if s.Monospace {
		return hangulMono()
	}
	if s.Bold {
		return hangulBold
	}
	return hangulRegular
}

// appTheme is the window's theme: Fyne's default with colours that meet
// WCAG AA (palette.go) and the bundled Hangul face.
func appTheme() fyne.Theme { return withHangul(accessibleTheme{theme.DefaultTheme()}) }
