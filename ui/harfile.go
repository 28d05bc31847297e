package ui

import (
	"fmt"
	"os"

	"fyne.io/fyne/v2"
)

// saveHAR writes a HAR document to w, the file the person chose, and
// closes it. A local file is made readable by its owner alone (0600)
// before anything is written: a HAR holds tokens and codes when the
// secrets are revealed, and the person's data even when they are hidden.
func saveHAR(w fyne.URIWriteCloser, data []byte) error {
	if w.URI().Scheme() == "file" {
		if err := os.Chmod(w.URI().Path(), 0o600); err != nil {
			_ = w.Close()
			return fmt.Errorf("making %s private (0600): %w", w.URI().Path(), err)
		}
	}
	_, err := w.Write(data)
	if cerr := w.Close(); err == nil {
		err = cerr
	}
	return err
}
