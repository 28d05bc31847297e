package auth

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"strings"

	"oauthdesk/auth/internal/imagecheck"
	"oauthdesk/auth/internal/sanitize"
)

// MaxImageBytes bounds an avatar download.
const MaxImageBytes = 2 << 20

// MaxImageSide is the largest width or height of an image FetchImage
// returns.
const MaxImageSide = imagecheck.MaxSide

// ErrImageTooLarge means an image's header claims more than MaxImageSide
// pixels on a side: decoding it could take gigabytes (a decompression
// bomb), so it is refused before anything decodes it.
var ErrImageTooLarge = imagecheck.ErrTooLarge

// CheckImage reads an image's header, without decoding its pixels, and
// reports an error unless it is a GIF, JPEG or PNG of at most
// MaxImageSide×MaxImageSide (ErrImageTooLarge when larger).
func CheckImage(b []byte) error {
	_, err := imagecheck.Check(b)
	return err
}

// FetchImage downloads an image, such as a profile's avatar, of at most
// MaxImageBytes and MaxImageSide×MaxImageSide pixels (CheckImage). Only
// http(s) URLs are fetched, without credentials.
func (e *Engine) FetchImage(ctx context.Context, rawURL string) ([]byte, error) {
	if !strings.HasPrefix(rawURL, "https://") && !strings.HasPrefix(rawURL, "http://") {
		return nil, fmt.Errorf("fetching the image: %q is not an http(s) URL", sanitize.Text(rawURL, 100))
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, rawURL, nil)
	if err != nil {
		return nil, fmt.Errorf("fetching the image: %w", err)
	}
	resp, err := e.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("fetching the image: %w", err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("fetching the image: HTTP %d", resp.StatusCode)
	}
	if ct := resp.Header.Get("Content-Type"); ct != "" && !strings.HasPrefix(ct, "image/") {
		return nil, fmt.Errorf("fetching the image: the server sent %s, not an image", sanitize.Text(ct, 60))
	}
	b, err := io.ReadAll(io.LimitReader(resp.Body, MaxImageBytes+1))
	if err != nil {
		return nil, fmt.Errorf("fetching the image: %w", err)
	}
	if len(b) > MaxImageBytes {
		return nil, fmt.Errorf("fetching the image: %w (over %d bytes)", ErrResponseTooLarge, MaxImageBytes)
	}
	if err := CheckImage(b); err != nil {
		return nil, fmt.Errorf("fetching the image from %s: %w", sanitize.URL(rawURL), err)
	}
	return b, nil
}
