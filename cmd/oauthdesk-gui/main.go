// Command oauthdesk-gui is oauthdesk's desktop app. `oauthdesk` with no
// arguments starts it; it lives in its own binary so that the command line
// stays small and fast (Fyne and its GL binding double the CLI's size, and
// this machine's kernel maps binaries in large folios, so size is memory).
// Given arguments, it runs the command line too.
package main

import (
	"os"

	"oauthdesk/cli"
	"oauthdesk/internal/cleanlocale"
)

func main() {
	cleanlocale.Restore()
	if len(os.Args) > 1 {
		os.Exit(cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
	}
	os.Exit(runGUI())
}
