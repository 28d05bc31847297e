package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// entry makes a one-line entry with an error label for field.
func (f *providerForm) entry(placeholder, field string) *keyEntry {
	e := newKeyEntry()
	e.PlaceHolder = placeholder
	e.OnChanged = func(string) { f.changed() }
	e.OnSubmitted = func(string) { f.submit() } // Enter saves
	f.errs[field] = errLabel()
	return e
}

// errLabel is a hidden label for a field's error.
func errLabel() *widget.Label {
	l := wrapLabel("")
	l.Importance = widget.DangerImportance
	l.Hide()
	return l
}

// formGrid lays out rows of label, field, error label (or nil) and hint
// (or "") in two columns.
func formGrid(rows ...any) *fyne.Container {
	var objs []fyne.CanvasObject
	for i := 0; i+3 < len(rows); i += 4 {
		label := container.New(minWidth(formLabelWidth), widget.NewLabel(rows[i].(string)))
		col := container.NewVBox(rows[i+1].(fyne.CanvasObject))
		if e, ok := rows[i+2].(*widget.Label); ok && e != nil {
			col.Add(e)
		}
		if hint := rows[i+3].(string); hint != "" {
			col.Add(newSecondaryWrap(hint, theme.SizeNameCaptionText))
		}
		objs = append(objs, label, col)
	}
	return container.New(layout.NewFormLayout(), objs...)
}

// formLabelWidth lines the fields of all the form's sections up.
const formLabelWidth = 150

// minWidth is a layout that stacks its objects and is at least w wide.
type minWidth float32

// MinSize is the objects' minimum, widened to the layout's width.
func (w minWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	s.Width = max(s.Width, float32(w))
	return s
}

// Layout gives every object the whole space.
func (w minWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.NewPos(0, 0))
		o.Resize(size)
	}
}
