//go:build cgo && !ci

package ui

import (
	"errors"
	"os"
	"runtime"

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
	a := app.NewWithID(AppID)
	if len(assets.Icon) > 0 {
		a.SetIcon(fyne.NewStaticResource("icon.png", assets.Icon))
	}
	NewMainWindow(a, b).ShowAndRun()
	return nil
}
