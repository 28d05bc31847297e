package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// keyEntry is a text entry that lets the window's shortcuts through.
//
// Fyne hands a shortcut to the focused widget only; widget.Entry keeps the
// clipboard and undo shortcuts and silently drops the rest, so Ctrl+R, Ctrl+L
// or Ctrl+1 would die while a field has the focus. keyEntry passes the
// window's own shortcuts (windowShortcut) and Esc on to the window's canvas,
// and a multi-line keyEntry lets Tab move the focus instead of typing a tab.
type keyEntry struct {
	widget.Entry
}

// newKeyEntry is a one-line entry.
func newKeyEntry() *keyEntry {
	e := &keyEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	return e
}

// newKeyMultiLineEntry is a multi-line entry.
func newKeyMultiLineEntry() *keyEntry {
	e := newKeyEntry()
	e.MultiLine = true
	return e
}

// newKeyPasswordEntry is a concealed entry with a button that shows the
// text (widget.NewPasswordEntry's revealer is private to Fyne).
func newKeyPasswordEntry() *keyEntry {
	e := newKeyEntry()
	e.Password = true
	var reveal *widget.Button
	reveal = widget.NewButtonWithIcon("", theme.VisibilityOffIcon(), func() {
		e.Password = !e.Password
		if e.Password {
			reveal.SetIcon(theme.VisibilityOffIcon())
		} else {
			reveal.SetIcon(theme.VisibilityIcon())
		}
		e.Refresh()
	})
	reveal.Importance = widget.LowImportance
	e.ActionItem = reveal
	return e
}

// AcceptsTab is false: Tab moves to the next field, also from a multi-line
// entry (a tab character is never what an HTTP header or a parameter needs).
func (e *keyEntry) AcceptsTab() bool { return false }

// TypedShortcut gives the window's shortcuts to the window, the others to
// the entry.
func (e *keyEntry) TypedShortcut(s fyne.Shortcut) {
	if windowShortcut(s) {
		forwardShortcut(e, s)
		return
	}
	e.Entry.TypedShortcut(s)
}

// TypedKey gives Esc to the window (close a dialog or the form), the other
// keys to the entry.
func (e *keyEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		forwardKey(e, ev)
		return
	}
	e.Entry.TypedKey(ev)
}

// keySelectEntry is a widget.SelectEntry that lets the window's shortcuts
// through, like keyEntry.
type keySelectEntry struct {
	widget.SelectEntry
}

// newKeySelectEntry is a select entry offering options.
func newKeySelectEntry(options []string) *keySelectEntry {
	e := &keySelectEntry{}
	e.Wrapping = fyne.TextWrap(fyne.TextTruncateClip)
	e.ExtendBaseWidget(e)
	e.SetOptions(options)
	return e
}

// TypedShortcut gives the window's shortcuts to the window.
func (e *keySelectEntry) TypedShortcut(s fyne.Shortcut) {
	if windowShortcut(s) {
		forwardShortcut(e, s)
		return
	}
	e.SelectEntry.TypedShortcut(s)
}

// TypedKey gives Esc to the window.
func (e *keySelectEntry) TypedKey(ev *fyne.KeyEvent) {
	if ev.Name == fyne.KeyEscape {
		forwardKey(e, ev)
		return
	}
	e.SelectEntry.TypedKey(ev)
}

// forwardShortcut runs s on the canvas that shows o.
func forwardShortcut(o fyne.CanvasObject, s fyne.Shortcut) {
	if c, ok := canvasOf(o).(fyne.Shortcutable); ok {
		c.TypedShortcut(s)
	}
}

// forwardKey gives ev to the key handler of the canvas that shows o.
func forwardKey(o fyne.CanvasObject, ev *fyne.KeyEvent) {
	if c := canvasOf(o); c != nil {
		if f := c.OnTypedKey(); f != nil {
			f(ev)
		}
	}
}

// canvasOf is the canvas that shows o, or nil.
func canvasOf(o fyne.CanvasObject) fyne.Canvas {
	a := fyne.CurrentApp()
	if a == nil {
		return nil
	}
	return a.Driver().CanvasForObject(o)
}
