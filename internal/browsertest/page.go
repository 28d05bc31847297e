package browsertest

import (
	"context"
	"fmt"
	"os"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// Navigate loads url in the tab and returns the main document's response
// (status and headers) once the page has loaded.
func Navigate(ctx context.Context, url string) (*network.Response, error) {
	resp, err := chromedp.RunResponse(ctx, chromedp.Navigate(url))
	if err != nil {
		return nil, fmt.Errorf("browsertest: navigate to %s: %w", url, err)
	}
	return resp, nil
}

// Act runs steps that cause one navigation (a click on a submit button,
// Reload, Back) and returns that navigation's response once the new page
// has loaded.
func Act(ctx context.Context, steps ...chromedp.Action[chromedp.Void]) (*network.Response, error) {
	resp, err := chromedp.RunResponse(ctx, steps...)
	if err != nil {
		return nil, fmt.Errorf("browsertest: navigate: %w", err)
	}
	return resp, nil
}

// Eval evaluates a JavaScript expression in the page and decodes its value.
// DevTools evaluation is not subject to the page's CSP.
func Eval[T any](ctx context.Context, js string) (T, error) {
	v, err := chromedp.Run(ctx, chromedp.Evaluate[T](js))
	if err != nil {
		return v, fmt.Errorf("browsertest: evaluate script: %w", err)
	}
	return v, nil
}

// Location is the tab's current URL.
func Location(ctx context.Context) (string, error) {
	u, err := chromedp.Run(ctx, chromedp.Location())
	if err != nil {
		return "", fmt.Errorf("browsertest: read location: %w", err)
	}
	return u, nil
}

// Screenshot writes a PNG of the whole page to path.
func Screenshot(ctx context.Context, path string) error {
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		return fmt.Errorf("browsertest: screenshot: %w", err)
	}
	if err := os.WriteFile(path, buf, 0o644); err != nil {
		return fmt.Errorf("browsertest: write screenshot %s: %w", path, err)
	}
	return nil
}

// ScreenshotDir is where tests write screenshots: $OAUTHDESK_SCREENSHOTS
// if set (to keep them), else "" (tests then skip taking them).
func ScreenshotDir() string { return os.Getenv("OAUTHDESK_SCREENSHOTS") }

// Back goes one step back in the tab's history, waits for the page to
// load, and returns its HTTP status (from the Navigation Timing entry).
//
// It uses history.back() and waits for the new document, because
// chromedp's NavigateBack loses the page when Back crosses to another
// origin (another renderer process).
func Back(ctx context.Context) (int, error) {
	before, err := Eval[float64](ctx, `performance.timeOrigin`)
	if err != nil {
		return 0, fmt.Errorf("browsertest: back: %w", err)
	}
	if _, err := Eval[bool](ctx, `history.back(), true`); err != nil {
		return 0, fmt.Errorf("browsertest: back: %w", err)
	}
	for {
		// A new document has a new time origin; wait until it has loaded.
		now, err := Eval[float64](ctx, `document.readyState === 'complete' ? performance.timeOrigin : 0`)
		if err == nil && now != 0 && now != before {
			return Status(ctx)
		}
		select {
		case <-ctx.Done():
			return 0, fmt.Errorf("browsertest: back: the previous page did not load: %w", ctx.Err())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Status is the HTTP status of the document in the tab, from its
// Navigation Timing entry (0 for a page restored from the back/forward
// cache without a request).
func Status(ctx context.Context) (int, error) {
	n, err := Eval[int](ctx, `(performance.getEntriesByType('navigation')[0] || {}).responseStatus || 0`)
	if err != nil {
		return 0, fmt.Errorf("browsertest: read the page's status: %w", err)
	}
	return n, nil
}
