package ui

import (
	"bytes"
	"testing"

	"fyne.io/fyne/v2/theme"
	"github.com/go-text/typesetting/font"
)

// BenchmarkParseHangulFace measures what Fyne's painter pays, once per
// text style, to load the bundled Hangul face (compare: Noto Sans).
func BenchmarkParseHangulFace(b *testing.B) {
	for name, data := range map[string][]byte{
		"hangul":   hangulRegular.Content(),
		"notosans": theme.DefaultTextFont().Content(),
	} {
		b.Run(name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				if _, err := font.ParseTTF(bytes.NewReader(data)); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
