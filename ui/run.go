//go:build cgo && !ci

package ui

import (
	"errors"
	"os"
	"runtime"
	"runtime/debug"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/app"

	"oauthdesk/assets"
)

// Run opens oauthdesk's window on b and returns when it is closed. It fails
// at once when there is no display to open it on.
func Run(b Backend) error {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" || runtime.GOOS == "openbsd" || runtime.GOOS == "netbsd" {
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			// glfw would abort the process rather than return an error.
			return errors.New("no display: set DISPLAY or WAYLAND_DISPLAY, or use the command line (oauthdesk --help)")
		}
	}
	if err := openDisplay(); err != nil {
		return err
	}
	// Start-up allocates a burst (widgets, fonts, icons) that the GC would
	// chase with several cycles before the first frame; collect less often
	// until the window is up, then return to the default.
	gc := debug.SetGCPercent(400)
	a := app.NewWithID(AppID)
	a.Lifecycle().SetOnStarted(func() {
		debug.SetGCPercent(gc)
		// Then hand the start-up burst's freed memory back to the system
		// once, rather than keep it for the app's whole life.
		time.AfterFunc(time.Second, debug.FreeOSMemory)
	})
	// Hangul on every platform, with Latin's weight and baseline.
	a.Settings().SetTheme(appTheme())
	if len(assets.Icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	NewMainWindow(a, b).ShowAndRun()
	return nil
}
