package cli

import (
	"context"
	"errors"
	"fmt"

	"github.com/spf13/cobra"

	"oauthdesk/auth"
)

// newLogoutCmd revokes and forgets a session.
func newLogoutCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "logout ID",
		Short: "Revoke the tokens at the provider (RFC 7009), then forget them",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLogout(cmd.Context(), g, args[0])
		},
	}
}

func runLogout(ctx context.Context, g *globals, id string) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	err = e.Logout(ctx, g.session(id))
	if errors.Is(err, auth.ErrRevokeFailed) {
		fmt.Fprintln(g.io.Err, "warning: "+oneLine(err.Error()))
		err = nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(g.io.Out, "Signed out of %s.\n", id)
	return nil
}
