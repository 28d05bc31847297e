package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// newSecretCmd keeps a provider's client secret in the keyring.
func newSecretCmd(g *globals) *cobra.Command {
	var del bool
	cmd := &cobra.Command{
		Use:   "secret ID",
		Short: "Store a provider's client secret in the OS keyring (read from stdin)",
		Long: `Store provider ID's client secret in the OS keyring instead of providers.toml.
The secret is read from the first line of standard input, so it stays out of
your shell history (typed at a terminal, it is not shown):

  oauthdesk secret google < secret.txt
  printf '%s\n' "$SECRET" | oauthdesk secret google`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSecret(g, args[0], del)
		},
	}
	cmd.Flags().BoolVar(&del, "delete", false, "forget the stored secret")
	return cmd
}

func runSecret(g *globals, id string, del bool) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	if _, err := e.Provider(id); err != nil {
		return err
	}
	if del {
		if err := e.SetClientSecret(id, ""); err != nil {
			return err
		}
		fmt.Fprintf(g.io.Out, "Forgot %s's client secret.\n", id)
		return nil
	}
	fmt.Fprintf(g.io.Err, "Paste %s's client secret and press Enter (it is not shown):\n", id)
	secret, err := readSecretLine(g.io.In, g.io.Err)
	if err != nil {
		return err
	}
	if err := e.SetClientSecret(id, secret); err != nil {
		return err
	}
	fmt.Fprintf(g.io.Out, "Stored %s's client secret in %s.\n", id, e.StoreDescription())
	return nil
}
