// Command oauthdesk signs you in to OAuth 2.0 / OpenID Connect providers.
// With no arguments it opens the desktop app; with a subcommand it is the
// command line (oauthdesk --help).
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
