package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// focusWatchEvery is how often the window looks whether the focus moved.
// Fyne tells no one when Tab moves the focus, so the window looks itself;
// the check compares one pointer.
const focusWatchEvery = 120 * time.Millisecond

// watchFocus keeps the focused widget in view: when Tab moves the focus to
// a field below (or above) the visible part of a long pane, the pane
// scrolls to it.
func (mw *MainWindow) watchFocus() {
	var last fyne.Focusable
	mw.stopFocus = startTicker(mw.do, focusWatchEvery, func() {
		f := mw.win.Canvas().Focused()
		if f == last {
			return
		}
		last = f
		mw.followFocus()
	})
}

// followFocus scrolls the pane that holds the focused widget so that the
// widget is in view.
func (mw *MainWindow) followFocus() {
	f, ok := mw.win.Canvas().Focused().(fyne.CanvasObject)
	if !ok || f == nil {
		return
	}
	for _, s := range mw.scrollPanes() {
		if s != nil && s.Visible() && contains(s.Content, f) {
			scrollIntoView(mw.app.Driver(), s, f)
			return
		}
	}
}

// scrollPanes are the window's long scrolling panes: the provider form and
// the Session tab.
func (mw *MainWindow) scrollPanes() []*container.Scroll {
	var panes []*container.Scroll
	if mw.form != nil {
		panes = append(panes, mw.form.root)
	}
	if mw.view != nil {
		panes = append(panes, mw.view.sessionTab)
	}
	return panes
}

// contains reports whether o is in the container tree under root. It looks
// through containers and cards only, which is how the panes are built.
func contains(root, o fyne.CanvasObject) bool {
	if root == o {
		return true
	}
	switch c := root.(type) {
	case *fyne.Container:
		for _, child := range c.Objects {
			if contains(child, o) {
				return true
			}
		}
	case *widget.Card:
		return c.Content != nil && contains(c.Content, o)
	}
	return false
}

// scrollIntoView scrolls s by the least that shows o whole (its top when o
// is taller than s), with a little room around it.
func scrollIntoView(d fyne.Driver, s *container.Scroll, o fyne.CanvasObject) {
	top := d.AbsolutePositionForObject(o).Y - d.AbsolutePositionForObject(s).Y
	room := theme.Padding() * 2
	off := s.Offset
	switch {
	case top-room < 0:
		off.Y += top - room
	case top+o.Size().Height+room > s.Size().Height:
		off.Y += min(top-room, top+o.Size().Height+room-s.Size().Height)
	default:
		return
	}
	off.Y = max(off.Y, 0)
	s.ScrollToOffset(off)
}
