package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// newSecondary is text of lesser weight: names in key/value grids, hints,
// subtitles. It uses the theme's placeholder color, which stays readable in
// the dark variant (the disabled color of low-importance labels does not).
// size is a theme size name; "" is the normal text size.
func newSecondary(text string, size fyne.ThemeSizeName) *widget.RichText {
	if size == "" {
		size = theme.SizeNameText
	}
	return widget.NewRichText(&widget.TextSegment{Text: text, Style: widget.RichTextStyle{
		ColorName: theme.ColorNamePlaceHolder,
		Inline:    true,
		SizeName:  size,
	}})
}

// newSecondaryWrap is secondary text that wraps at word boundaries.
func newSecondaryWrap(text string, size fyne.ThemeSizeName) *widget.RichText {
	rt := newSecondary(text, size)
	rt.Wrapping = fyne.TextWrapWord
	return rt
}

// setSecondary changes a secondary text; empty text hides it.
func setSecondary(rt *widget.RichText, text string) {
	seg := rt.Segments[0].(*widget.TextSegment)
	if seg.Text != text {
		seg.Text = text
		rt.Refresh()
	}
	if text == "" {
		rt.Hide()
	} else {
		rt.Show()
	}
}

// section is a titled box in the provider view and the form; trailing, if
// not nil, sits at the right of the title.
func section(title string, trailing fyne.CanvasObject, content ...fyne.CanvasObject) *widget.Card {
	head := widget.NewLabelWithStyle(title, fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	head.SizeName = theme.SizeNameSubHeadingText
	var top fyne.CanvasObject = head
	if trailing != nil {
		top = container.NewBorder(nil, nil, nil, trailing, head)
	}
	return widget.NewCard("", "", container.NewVBox(append([]fyne.CanvasObject{top}, content...)...))
}
