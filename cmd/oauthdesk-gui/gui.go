package main

import (
	"fmt"
	"log"
	"log/slog"
	"os"

	"oauthdesk/internal/wiring"
	"oauthdesk/ui"
)

// runGUI opens the desktop app and returns the exit code. Without a
// display it says so and fails, instead of letting GLFW abort the process.
func runGUI() int {
	if err := wiring.CheckDisplay(); err != nil {
		fmt.Fprintln(os.Stderr, "oauthdesk: "+err.Error())
		return 1
	}
	startBenchStats()
	// The in-process demo provider (zitadel's op) logs through slog's
	// default, request parameters such as state included: discard it.
	// slog.SetDefault also routes the log package into that handler: put
	// log back on stderr, where Fyne and GLFW report their errors.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	log.SetOutput(os.Stderr)
	log.SetFlags(log.LstdFlags)
	e, err := wiring.NewDesktopEngine()
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
