package ui

import (
	"fyne.io/fyne/v2"
	"github.com/skip2/go-qrcode"
)

// qrPixels is the size of the QR code's PNG; the window scales it.
const qrPixels = 256

// qrResource renders text as a QR code PNG (black on white, with the quiet
// zone scanners need), or nil when it cannot be encoded.
func qrResource(text string) fyne.Resource {
	if text == "" {
		return nil
	}
	png, err := qrcode.Encode(text, qrcode.Medium, qrPixels)
	if err != nil {
		return nil
	}
	return fyne.NewStaticResource("sign-in-qr.png", png)
}
