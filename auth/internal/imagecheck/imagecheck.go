// Package imagecheck looks at an image's header before anything decodes
// it. A small compressed file can claim huge dimensions (a 109 KB PNG of
// 30000×30000 one-bit pixels decodes to 900 MB of RGBA), so the size is
// read from the header (image.DecodeConfig, which reads no pixel data) and
// refused above MaxSide on either side. Only GIF, JPEG and PNG pass.
package imagecheck

import (
	"bytes"
	"errors"
	"fmt"
	"image"

	// The formats an avatar may have.
	_ "image/gif"
	_ "image/jpeg"
	_ "image/png"
)

// MaxSide is the largest width or height accepted, in pixels.
const MaxSide = 1024

// Errors of Check that callers branch on.
var (
	// ErrTooLarge means the image's header claims more than MaxSide pixels
	// on a side.
	ErrTooLarge = errors.New("the image is too large to show")
	// ErrNotImage means the bytes are not a GIF, JPEG or PNG image.
	ErrNotImage = errors.New("not a GIF, JPEG or PNG image")
)

// Check reads b's header and returns its format, or an error when it is
// not an image or claims more than MaxSide pixels on a side.
func Check(b []byte) (format string, err error) {
	cfg, format, err := image.DecodeConfig(bytes.NewReader(b))
	if err != nil {
		return "", fmt.Errorf("%w (%v)", ErrNotImage, err)
	}
	if cfg.Width <= 0 || cfg.Height <= 0 || cfg.Width > MaxSide || cfg.Height > MaxSide {
		return "", fmt.Errorf("%w: its %s header says %d×%d pixels; at most %d×%d is shown", ErrTooLarge, format, cfg.Width, cfg.Height, MaxSide, MaxSide)
	}
	return format, nil
}
