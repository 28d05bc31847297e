package ui

import (
	"time"

	"fyne.io/fyne/v2/widget"
)

// flashFor is how long a passing message stays.
const flashFor = 6 * time.Second

// flash shows text in l, colored imp, and hides it after flashFor unless
// another message replaced it. do runs the hiding on the UI goroutine.
func flash(do func(func()), l *widget.Label, text string, imp widget.Importance) {
	l.Importance = imp
	setOptional(l, text)
	if text == "" {
		return
	}
	time.AfterFunc(flashFor, func() {
		do(func() {
			if l.Text == text {
				setOptional(l, "")
			}
		})
	})
}

// noticeFor is how long a session's notice ("Refreshed.", "Signed out.")
// stays in the toolbar.
const noticeFor = flashFor
