// Package fonts holds the Hangul font the desktop window bundles: every
// modern Hangul syllable and jamo, in a regular and a bold weight, with
// the line metrics of Fyne's Latin font (see README.md for how it is made
// and OFL.txt for its licence). Only the window imports it, so the
// command line does not carry its 2.3 MB.
package fonts

import _ "embed"

// HangulRegular is the regular weight (OpenType, CFF outlines).
//
//go:embed HangulRegular.otf
var HangulRegular []byte

// HangulBold is the bold weight.
//
//go:embed HangulBold.otf
var HangulBold []byte
