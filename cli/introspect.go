package cli

import (
	"context"

	"github.com/spf13/cobra"
)

// newIntrospectCmd asks the provider about the access token.
func newIntrospectCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "introspect ID",
		Short: "Ask the provider about the access token (RFC 7662) and print its JSON answer",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runIntrospect(cmd.Context(), g, args[0])
		},
	}
}

func runIntrospect(ctx context.Context, g *globals, id string) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	out, err := e.Introspect(ctx, g.session(id))
	if err != nil {
		return err
	}
	return writeJSON(g.io.Out, out)
}
