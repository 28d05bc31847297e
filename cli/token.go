package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// newTokenCmd prints the access token.
func newTokenCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:     "token ID",
		Short:   "Print the access token alone, refreshing it first if it has expired",
		Example: `  curl -H "Authorization: Bearer $(oauthdesk token github)" https://api.github.com/user`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runToken(cmd.Context(), g, args[0])
		},
	}
}

func runToken(ctx context.Context, g *globals, id string) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	t, err := e.Token(ctx, g.session(id))
	if err != nil {
		return err
	}
	_, err = fmt.Fprintln(g.io.Out, t.AccessToken)
	return err
}
