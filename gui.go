package main

import (
	"fmt"
	"os"
	"runtime"

	"oauthdesk/cli"
	"oauthdesk/ui"
)

// runGUI opens the desktop app and returns the exit code. Without a
// display it says so and fails, instead of letting GLFW abort the process.
func runGUI() int {
	if runtime.GOOS == "linux" || runtime.GOOS == "freebsd" {
		if os.Getenv("DISPLAY") == "" && os.Getenv("WAYLAND_DISPLAY") == "" {
			fmt.Fprintln(os.Stderr, "oauthdesk: no display: $DISPLAY and $WAYLAND_DISPLAY are unset, so the desktop app cannot open. Use the command line instead (oauthdesk --help).")
			return 1
		}
	}
	e, err := cli.NewEngine("", nil)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oauthdesk: "+err.Error())
		return 1
	}
	defer e.Close()
	if err := ui.Run(e); err != nil {
		fmt.Fprintln(os.Stderr, "oauthdesk: "+err.Error())
		return 1
	}
	return 0
}
