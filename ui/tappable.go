package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// tappable makes any content clickable, with a pointer cursor, for rows
// that expand when their header is clicked.
type tappable struct {
	widget.BaseWidget
	content fyne.CanvasObject
	onTap   func()
}

// newTappable wraps content; onTap runs when it is clicked.
func newTappable(content fyne.CanvasObject, onTap func()) *tappable {
	t := &tappable{content: content, onTap: onTap}
	t.ExtendBaseWidget(t)
	return t
}

// CreateRenderer shows the content as it is.
func (t *tappable) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(t.content)
}

// Tapped runs onTap.
func (t *tappable) Tapped(*fyne.PointEvent) {
	if t.onTap != nil {
		t.onTap()
	}
}

// Cursor is the pointing hand, to say the row can be clicked.
func (t *tappable) Cursor() desktop.Cursor { return desktop.PointerCursor }
