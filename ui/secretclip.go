package ui

import "time"

// secretClipboardTTL is how long a copied secret (an access token, an
// Authorization header, a command with the token in it) stays on the
// clipboard.
const secretClipboardTTL = 60 * time.Second

// copySecret puts a secret on the clipboard and takes it off again after
// secretClipboardTTL, or when the window closes — in both cases only if
// the clipboard still holds exactly what we put there (the person may have
// copied something else meanwhile, which stays). It returns the sentence
// that tells the person so, for the confirmation.
func (mw *MainWindow) copySecret(text string) string {
	cb := mw.app.Clipboard()
	cb.SetContent(text)
	mw.clipSecret = text
	mw.afterFunc(secretClipboardTTL, func() {
		mw.do(func() {
			if cb.Content() == text {
				cb.SetContent("")
			}
			if mw.clipSecret == text {
				mw.clipSecret = ""
			}
		})
	})
	return T("It is cleared from the clipboard in {{.Seconds}} seconds.", "Seconds", int(secretClipboardTTL/time.Second))
}

// clearSecretNow takes a secret we copied off the clipboard if it is still
// there, when the window closes.
func (mw *MainWindow) clearSecretNow() {
	if mw.clipSecret != "" && mw.app.Clipboard().Content() == mw.clipSecret {
		mw.app.Clipboard().SetContent("")
	}
	mw.clipSecret = ""
}
