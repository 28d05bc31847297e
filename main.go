// Command oauthdesk signs you in to OAuth 2.0 / OpenID Connect providers.
// With no arguments it opens the desktop app (the oauthdesk-gui binary
// beside it); with a subcommand it is the command line (oauthdesk --help).
package main

import (
	"fmt"
	"os"

	"oauthdesk/cli"
	"oauthdesk/internal/nocore"
)

func main() {
	// Tokens and secrets live in this process's memory: no core dumps.
	_ = nocore.Disable()
	if len(os.Args) > 1 {
		os.Exit(cli.Main(os.Args[1:], cli.IO{In: os.Stdin, Out: os.Stdout, Err: os.Stderr}))
	}
	if err := cli.LaunchGUI(); err != nil {
		fmt.Fprintln(os.Stderr, "oauthdesk: "+err.Error())
		os.Exit(1)
	}
}
