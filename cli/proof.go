package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newProofCmd prints a fresh DPoP proof.
func newProofCmd(g *globals) *cobra.Command {
	var nonce string
	cmd := &cobra.Command{
		Use:   "proof ID METHOD URL",
		Short: "Print a fresh DPoP proof for one request with a DPoP-bound session",
		Long: `Print a fresh DPoP proof (RFC 9449) of provider ID's session key for one
request: METHOD and URL, the hash of the access token, and the server's last
DPoP-Nonce (or --nonce). A proof is single-use, so make one per request:

  curl -H "Authorization: DPoP $(oauthdesk token work)" \
       -H "DPoP: $(oauthdesk proof work GET https://api.example.com/me)" \
       https://api.example.com/me`,
		Args: cobra.ExactArgs(3),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := g.eng()
			if err != nil {
				return err
			}
			proof, err := e.DPoPProof(g.session(args[0]), args[1], args[2], nonce)
			if err != nil {
				return err
			}
			fmt.Fprintln(g.io.Out, proof)
			return nil
		},
	}
	cmd.Flags().StringVar(&nonce, "nonce", "", "the server's DPoP-Nonce, when it sent a newer one")
	return cmd
}
