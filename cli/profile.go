package cli

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"
)

// newProfileCmd shows the profile.
func newProfileCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "profile ID",
		Short: "Show your profile from the userinfo endpoint or the provider's profile API",
		Args:  cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProfile(cmd.Context(), g, args[0], asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print the provider's JSON as it came")
	return cmd
}

func runProfile(ctx context.Context, g *globals, id string, asJSON bool) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	p, err := e.Profile(ctx, g.session(id))
	if err != nil {
		return err
	}
	if p.Note != "" {
		fmt.Fprintf(g.io.Err, "Note: %s\n", p.Note)
	}
	if asJSON {
		return writeJSON(g.io.Out, p.Raw)
	}
	for _, f := range []struct{ k, v string }{{"name", p.Name}, {"email", p.Email}, {"subject", p.Subject}, {"picture", p.Picture}, {"source", p.Source}, {"signed", signedNote(p.SignedWith)}} {
		if f.v != "" {
			fmt.Fprintf(g.io.Out, "%-8s %s\n", f.k+":", f.v)
		}
	}
	return nil
}

// signedNote says that a signed userinfo answer was verified, or "".
func signedNote(alg string) string {
	if alg == "" {
		return ""
	}
	return "yes, " + alg + ", verified against the provider's keys"
}
