package main

import (
	"fmt"
	"os"

	"oauthdesk/cli"
	"oauthdesk/ui"
)

// runGUI opens the desktop app and returns the exit code. Without a
// display it says so and fails, instead of letting GLFW abort the process.
func runGUI() int {
	if err := cli.CheckDisplay(); err != nil {
		fmt.Fprintln(os.Stderr, "oauthdesk: "+err.Error())
		return 1
	}
	e, err := cli.NewEngine("", nil, nil)
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
