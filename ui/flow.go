package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
)

// flowLayout places objects left to right and wraps them onto new rows, like
// words in a paragraph. A Fyne layout's minimum size cannot depend on the
// width it gets, so the layout remembers the last width and asks for a new
// layout pass (onWrap) when the number of rows changes.
type flowLayout struct {
	width  float32
	height float32
	onWrap func()
}

// rows assigns objects to rows at width w and returns the total height.
func (l *flowLayout) arrange(objs []fyne.CanvasObject, w float32, place bool) float32 {
	gap := theme.Padding()
	x, y, rowH := float32(0), float32(0), float32(0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		if x > 0 && x+m.Width > w {
			x, y = 0, y+rowH+gap
			rowH = 0
		}
		if place {
			o.Move(fyne.NewPos(x, y))
			o.Resize(fyne.NewSize(min(m.Width, max(w, m.Width)), m.Height))
		}
		x += m.Width + gap
		rowH = max(rowH, m.Height)
	}
	return y + rowH
}

// MinSize is as wide as the widest object and as high as the rows at the
// last width.
func (l *flowLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var widest float32
	for _, o := range objs {
		if o.Visible() {
			widest = max(widest, o.MinSize().Width)
		}
	}
	w := l.width
	if w <= 0 {
		w = widest
	}
	return fyne.NewSize(widest, l.arrange(objs, max(w, widest), false))
}

// Layout places the objects and asks for another pass if the height changed.
func (l *flowLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	h := l.arrange(objs, size.Width, true)
	if h != l.height {
		l.height = h
		if h != size.Height && l.onWrap != nil {
			l.onWrap()
		}
	}
}
