// Command oauthdesk-gui is oauthdesk's desktop app. `oauthdesk` with no
// arguments starts it; it lives in its own binary so that the command line
// stays small and fast (Fyne and its GL binding double the CLI's size, and
// this machine's kernel maps binaries in large folios, so size is memory).
// Given arguments, it hands them to the command line, the oauthdesk binary
// beside it, so that it need not contain the command line itself.
package main

import (
	"errors"
	"fmt"
	"os"
	"os/exec"

	"oauthdesk/internal/cleanlocale"
	"oauthdesk/internal/nocore"
	"oauthdesk/internal/wiring"
)

// cliBinary is the command line's executable name.
const cliBinary = "oauthdesk"

func main() {
	// Tokens and secrets live in this process's memory: no core dumps.
	_ = nocore.Disable()
	cleanlocale.Restore()
	if len(os.Args) > 1 {
		os.Exit(runCLI(os.Args[1:]))
	}
	os.Exit(runGUI())
}

// runCLI replaces this process with the command line run with args, and
// returns an exit code only when that fails.
func runCLI(args []string) int {
	err := wiring.Exec(cliBinary, "the command line", args)
	var exit *exec.ExitError
	switch {
	case err == nil: // Windows: the command line ran and exited 0
		return 0
	case errors.As(err, &exit):
		return exit.ExitCode()
	}
	fmt.Fprintln(os.Stderr, "oauthdesk: "+err.Error())
	return 1
}
