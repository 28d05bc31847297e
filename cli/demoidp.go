package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"oauthdesk/idp"
	"oauthdesk/internal/wiring"
)

// newDemoIdPCmd runs the demo provider on its own.
func newDemoIdPCmd(g *globals) *cobra.Command {
	var addr string
	cmd := &cobra.Command{
		Use:   "demo-idp",
		Short: "Run the local demo OpenID provider in the foreground until Ctrl-C",
		Long: `Run oauthdesk's local OpenID provider on its own, on 127.0.0.1 only. The
built-in "demo" provider starts it by itself when needed; run it here to point
other OAuth clients at it, or to keep it up between commands.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			dir, err := wiring.DemoDataDir()
			if err != nil {
				return err
			}
			s, err := idp.Start(cmd.Context(), idp.Options{Addr: addr, DataDir: dir})
			if err != nil {
				return fmt.Errorf("starting the demo provider on %s: %w", addr, err)
			}
			defer s.Close()
			out := g.io.Out
			fmt.Fprintf(out, "oauthdesk demo provider\n")
			fmt.Fprintf(out, "  issuer:        %s\n", s.Issuer())
			fmt.Fprintf(out, "  discovery:     %s/.well-known/openid-configuration\n", s.Issuer())
			fmt.Fprintf(out, "  public client: %s (no secret, PKCE S256, any loopback redirect)\n", idp.DemoClientID)
			fmt.Fprintf(out, "  confidential:  %s / secret %s\n", idp.ConfidentialClientID, idp.ConfidentialClientSecret)
			fmt.Fprintf(out, "  test user:     %s / password %s\n", idp.DemoUsername, idp.DemoPassword)
			fmt.Fprintf(out, "  state:         %s\n", dir)
			fmt.Fprintf(out, "Press Ctrl-C to stop.\n")
			<-cmd.Context().Done()
			return nil
		},
	}
	cmd.Flags().StringVar(&addr, "addr", wiring.DemoAddr(), "loopback address to listen on")
	return cmd
}
