package wiring

import (
	"errors"
	"os"
	"runtime"
)

// ErrNoDisplay means the desktop app cannot open: there is no display.
var ErrNoDisplay = errors.New("no display: $DISPLAY and $WAYLAND_DISPLAY are unset, so the desktop app cannot open; use the command line instead (oauthdesk --help)")

// CheckDisplay reports ErrNoDisplay where a window cannot open. Checking
// first matters: GLFW aborts the whole process when it finds no display.
func CheckDisplay() error {
	if runtime.GOOS != "linux" && runtime.GOOS != "freebsd" && runtime.GOOS != "openbsd" && runtime.GOOS != "netbsd" {
		return nil
	}
	if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
		return ErrNoDisplay
	}
	return nil
}
