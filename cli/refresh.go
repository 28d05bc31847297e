package cli

import (
	"context"
	"fmt"
	"time"

	"github.com/spf13/cobra"
)

// newRefreshCmd forces a refresh.
func newRefreshCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "refresh ID",
		Short: "Renew the access token with the refresh token now",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runRefresh(cmd.Context(), g, args[0])
		},
	}
}

func runRefresh(ctx context.Context, g *globals, id string) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	t, err := e.Refresh(ctx, g.session(id))
	if err != nil {
		return err
	}
	fmt.Fprintf(g.io.Out, "Refreshed %s. Access token expires: %s\n", id, formatTime(t.Expiry, time.Now()))
	return nil
}
