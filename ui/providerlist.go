package ui

import (
	"strconv"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// providerList is the left pane: one row per provider with its mark, name,
// status badge and account.
type providerList struct {
	mw     *MainWindow
	widget *widget.List
	// selecting is true while the list is selected from code, so that
	// OnSelected does not loop back into the window.
	selecting bool
}

// listRow is the template of a row.
type listRow struct {
	mark    *letterMark
	name    *widget.Label
	badge   *statusBadge
	account *widget.RichText
}

// newProviderList makes the list of mw.providers.
func newProviderList(mw *MainWindow) *providerList {
	pl := &providerList{mw: mw}
	rows := map[fyne.CanvasObject]*listRow{}
	pl.widget = widget.NewList(
		func() int { return len(mw.providers) },
		func() fyne.CanvasObject {
			r := &listRow{
				mark:    newLetterMark("", "", 32),
				name:    widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true}),
				badge:   newStatusBadge(stateLoading),
				account: newSecondary("", theme.SizeNameCaptionText),
			}
			r.name.Truncation = fyne.TextTruncateEllipsis
			r.account.Truncation = fyne.TextTruncateEllipsis
			// The labels' own padding spaces the two lines; pull them
			// together a little so the row reads as one item.
			text := container.New(&tightVBox{overlap: theme.Padding() * 1.5},
				r.name,
				container.NewBorder(nil, nil, container.NewPadded(r.badge), nil, r.account))
			o := container.NewBorder(nil, nil, container.NewCenter(r.mark), nil, text)
			rows[o] = r
			return o
		},
		func(i widget.ListItemID, o fyne.CanvasObject) {
			if i >= len(mw.providers) {
				return
			}
			p := mw.providers[i]
			r := rows[o]
			r.mark.set(shownName(p), p.ID)
			r.name.SetText(shownName(p))
			s := mw.sessions[p.ID]
			if s == nil {
				return
			}
			r.badge.setState(s.state(mw.now()))
			acct := ""
			if s.signedIn() {
				acct = s.account()
				if n := len(s.accounts); n > 1 {
					acct += "  (+" + strconv.Itoa(n-1) + ")"
				}
			}
			setSecondary(r.account, acct)
		},
	)
	pl.widget.OnSelected = func(i widget.ListItemID) {
		if pl.selecting || i >= len(mw.providers) {
			return
		}
		id := mw.providers[i].ID
		mw.leaveForm(func() { mw.selectProvider(id) }, func() { pl.selectID(mw.selected) })
	}
	return pl
}

// reload re-reads the whole list.
func (pl *providerList) reload() { pl.widget.Refresh() }

// refreshID re-renders the row of id.
func (pl *providerList) refreshID(id string) {
	for i, p := range pl.mw.providers {
		if p.ID == id {
			pl.widget.RefreshItem(i)
			return
		}
	}
}

// selectID highlights the row of id without calling back into the window.
func (pl *providerList) selectID(id string) {
	pl.selecting = true
	defer func() { pl.selecting = false }()
	for i, p := range pl.mw.providers {
		if p.ID == id {
			pl.widget.Select(i)
			return
		}
	}
	pl.widget.UnselectAll()
}

// tightVBox stacks objects vertically, each overlapping the one above by
// overlap (to cancel the padding that labels carry).
type tightVBox struct{ overlap float32 }

// MinSize sums the heights less the overlaps.
func (l *tightVBox) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	n := 0
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		m := o.MinSize()
		s.Width = max(s.Width, m.Width)
		s.Height += m.Height
		n++
	}
	if n > 1 {
		s.Height -= l.overlap * float32(n-1)
	}
	return s
}

// Layout places the objects top down at full width.
func (l *tightVBox) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	total := l.MinSize(objs).Height
	y := max((size.Height-total)/2, 0)
	for _, o := range objs {
		if !o.Visible() {
			continue
		}
		h := o.MinSize().Height
		o.Move(fyne.NewPos(0, y))
		o.Resize(fyne.NewSize(size.Width, h))
		y += h - l.overlap
	}
}
