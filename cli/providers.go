package cli

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/spf13/cobra"
)

// newProvidersCmd lists the configured providers, and adds or removes one
// (cli/providers_edit.go).
func newProvidersCmd(g *globals) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "providers",
		Short: "List the configured providers and whether you are signed in",
		Long: `List the configured providers and whether you are signed in.

oauthdesk providers add and oauthdesk providers remove change providers.toml
the way the desktop app does: one provider's block at a time, merged into the
file as it is now, so that what you wrote by hand stays.`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			return runProviders(cmd.Context(), g)
		},
	}
	cmd.AddCommand(newProvidersAddCmd(g), newProvidersRemoveCmd(g))
	return cmd
}

func runProviders(ctx context.Context, g *globals) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	w := tabwriter.NewWriter(g.io.Out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(w, "ID\tNAME\tPRESET\tSTATUS")
	for _, p := range e.Providers() {
		st, err := e.Status(ctx, p.ID)
		state := describeState(st, err)
		preset := p.Preset
		if preset == "" {
			preset = "-"
		}
		fmt.Fprintf(w, "%s\t%s\t%s\t%s\n", p.ID, p.DisplayName(), preset, state)
	}
	if err := w.Flush(); err != nil {
		return err
	}
	fmt.Fprintf(g.io.Err, "providers file: %s\n", e.ConfigPath())
	return nil
}
