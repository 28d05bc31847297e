package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"
)

// newTokenCmd prints the access token (or, with --id-token, the ID token).
func newTokenCmd(g *globals) *cobra.Command {
	var idToken bool
	cmd := &cobra.Command{
		Use:     "token ID",
		Short:   "Print the access token alone, refreshing it first if it has expired",
		Example: `  curl -H "Authorization: Bearer $(oauthdesk token github)" https://api.github.com/user`,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runToken(cmd.Context(), g, args[0], idToken)
		},
	}
	cmd.Flags().BoolVar(&idToken, "id-token", false, "print the (verified) OpenID Connect ID token instead")
	return cmd
}

func runToken(ctx context.Context, g *globals, id string, idToken bool) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	t, err := e.Token(ctx, g.session(id))
	if err != nil {
		return err
	}
	out := t.AccessToken
	if idToken {
		if t.IDToken == "" {
			return errors.New(id + ": the session has no ID token (the provider sent none; is openid among the scopes?)")
		}
		out = t.IDToken
	}
	_, err = fmt.Fprintln(g.io.Out, out)
	return err
}
