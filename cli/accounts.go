package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// newAccountsCmd lists a provider's accounts, or switches the active one.
func newAccountsCmd(g *globals) *cobra.Command {
	var use string
	cmd := &cobra.Command{
		Use:   "accounts ID",
		Short: "List the accounts signed in at a provider, or choose the active one with --use",
		Long: `Each sign-in with another person adds an account; the newest is active, and
the other commands use it unless --account names another.

  oauthdesk accounts google
  oauthdesk accounts google --use alice@example.com
  oauthdesk token google --account bob@example.com
  oauthdesk logout google --account bob@example.com`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runAccounts(cmd.Context(), g, args[0], use)
		},
	}
	cmd.Flags().StringVar(&use, "use", "", "make this account the active one")
	return cmd
}

func runAccounts(ctx context.Context, g *globals, id, use string) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	if _, err := e.Provider(id); err != nil {
		return err
	}
	if use != "" {
		if err := e.SwitchAccount(ctx, id, use); err != nil {
			return err
		}
		fmt.Fprintf(g.io.Out, "%s now uses %s.\n", id, use)
		return nil
	}
	accts, err := e.Accounts(ctx, id)
	if err != nil {
		return err
	}
	if len(accts) == 0 {
		fmt.Fprintf(g.io.Out, "No account is signed in at %s (oauthdesk login %s).\n", id, id)
		return nil
	}
	for _, a := range accts {
		mark := " "
		if a.Active {
			mark = "*"
		}
		fmt.Fprintf(g.io.Out, "%s %s\n", mark, a.Label)
	}
	return nil
}
