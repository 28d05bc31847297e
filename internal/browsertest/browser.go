// Package browsertest runs a real headless Chromium (Debian's chromium)
// for tests, driven over the DevTools protocol with chromedp. It never
// downloads a browser.
//
// New starts one browser per test with a fresh profile and the flags a
// closed network and a root user need. It skips the test, saying why,
// when no chromium is installed, unless OAUTHDESK_REQUIRE_E2E=1, when it
// fails instead. Tab opens a tab with a language (Accept-Language), a
// colour scheme (prefers-color-scheme) and a viewport; the helpers in this
// package navigate, read responses, measure contrast from computed styles
// and take screenshots.
package browsertest

import (
	"context"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
)

// RequireEnv is the variable that turns a missing chromium from a skip
// into a failure.
const RequireEnv = "OAUTHDESK_REQUIRE_E2E"

// PathEnv names a browser binary to use instead of chromium on PATH.
const PathEnv = "OAUTHDESK_CHROMIUM"

// Browser is one running headless Chromium.
type Browser struct {
	ctx context.Context
}

// Find returns the path of the browser to run, or "" if none is
// installed.
func Find() string {
	if p := os.Getenv(PathEnv); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// New starts a headless Chromium for t, stopped when t ends.
func New(t testing.TB) *Browser {
	t.Helper()
	path := Find()
	if path == "" {
		msg := "no chromium on PATH (install it with scripts/deps.sh, or set " + PathEnv + ")"
		if os.Getenv(RequireEnv) == "1" {
			t.Fatalf("%s, and %s=1 requires the browser tests", msg, RequireEnv)
		}
		t.Skip(msg)
	}
	opts := []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("headless", true),
		chromedp.Flag("no-sandbox", true), // tests run as root
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("no-first-run", true),
		chromedp.Flag("no-default-browser-check", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("no-proxy-server", true),
		chromedp.Flag("hide-scrollbars", true),
		chromedp.Flag("mute-audio", true),
		chromedp.WindowSize(1280, 900),
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	bctx, cancelBrowser := chromedp.NewContext(actx)
	t.Cleanup(func() {
		cancelBrowser()
		cancelAlloc()
	})
	// The first call starts the browser; it must not carry a timeout,
	// which would stop the browser with it.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("browsertest: start %s: %v", path, err)
	}
	return &Browser{ctx: bctx}
}

// TabOptions say how a tab presents itself.
type TabOptions struct {
	// AcceptLanguage is sent with every request ("" sends "en").
	AcceptLanguage string
	// Dark asks for prefers-color-scheme: dark (else light).
	Dark bool
	// Width and Height are the viewport in CSS pixels (0: 1280×900).
	Width, Height int
	// Mobile emulates a phone (touch, mobile viewport).
	Mobile bool
}

// Tab opens a new tab with o, closed when t ends. Its context has a
// timeout of a minute.
func (b *Browser) Tab(t testing.TB, o TabOptions) context.Context {
	t.Helper()
	tctx, cancelTab := chromedp.NewContext(b.ctx)
	ctx, cancel := context.WithTimeout(tctx, time.Minute)
	t.Cleanup(func() {
		cancel()
		cancelTab()
	})
	if o.AcceptLanguage == "" {
		o.AcceptLanguage = "en"
	}
	if o.Width == 0 {
		o.Width, o.Height = 1280, 900
	}
	scheme := "light"
	if o.Dark {
		scheme = "dark"
	}
	if err := chromedp.Do(tctx); err != nil {
		t.Fatalf("browsertest: open tab: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); err != nil {
		t.Fatalf("browsertest: enable network events: %v", err)
	}
	if _, err := chromedp.Call(ctx, network.SetExtraHTTPHeaders, network.SetExtraHTTPHeadersParams{Headers: network.Headers{"Accept-Language": o.AcceptLanguage}}); err != nil {
		t.Fatalf("browsertest: set Accept-Language: %v", err)
	}
	media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}}
	if _, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media); err != nil {
		t.Fatalf("browsertest: emulate %s scheme: %v", scheme, err)
	}
	vp := []chromedp.EmulateViewportOption{chromedp.EmulatePortrait}
	if o.Mobile {
		vp = append(vp, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	if err := chromedp.Do(ctx, chromedp.EmulateViewport(int64(o.Width), int64(o.Height), vp...)); err != nil {
		t.Fatalf("browsertest: set viewport: %v", err)
	}
	return ctx
}
