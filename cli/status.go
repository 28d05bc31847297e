package cli

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"oauthdesk/auth"
)

// newStatusCmd shows sessions.
func newStatusCmd(g *globals) *cobra.Command {
	var asJSON bool
	cmd := &cobra.Command{
		Use:   "status [ID]",
		Short: "Show whether you are signed in, when the token expires and what was granted",
		Args:  cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runStatus(cmd.Context(), g, args, asJSON)
		},
	}
	cmd.Flags().BoolVar(&asJSON, "json", false, "print JSON")
	return cmd
}

func runStatus(ctx context.Context, g *globals, args []string, asJSON bool) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	var ids []string
	if len(args) == 1 {
		ids = args
	} else {
		for _, p := range e.Providers() {
			ids = append(ids, p.ID)
		}
	}
	var out []auth.Status
	for _, id := range ids {
		st, err := e.Status(ctx, g.session(id))
		if err != nil {
			return err
		}
		out = append(out, st)
	}
	if asJSON {
		if len(args) == 1 {
			return writeJSON(g.io.Out, out[0])
		}
		return writeJSON(g.io.Out, out)
	}
	now := time.Now()
	for i, st := range out {
		if i > 0 {
			fmt.Fprintln(g.io.Out)
		}
		fmt.Fprintf(g.io.Out, "%s: %s\n", st.ProviderID, describeState(st, nil))
		if !st.SignedIn {
			continue
		}
		exp := "unknown"
		if st.ExpiresAt != nil {
			exp = formatTime(*st.ExpiresAt, now)
		}
		if st.ExpiryNote != "" {
			exp += " (" + st.ExpiryNote + ")"
		}
		fmt.Fprintf(g.io.Out, "  expires:       %s\n", exp)
		scopes := strings.Join(st.Scopes, " ")
		if st.ScopesRequested {
			scopes += " (requested; not confirmed by the provider)"
		}
		fmt.Fprintf(g.io.Out, "  scopes:        %s\n", scopes)
		fmt.Fprintf(g.io.Out, "  refresh token: %s\n", yesNo(st.HasRefreshToken))
		if st.OfflineAccessDropped {
			fmt.Fprintf(g.io.Out, "                 (%s)\n", auth.OfflineAccessNote)
		}
		fmt.Fprintf(g.io.Out, "  ID token:      %s\n", yesNo(st.HasIDToken))
		fmt.Fprintf(g.io.Out, "  subject:       %s\n", st.Subject)
		printAudience(g.io.Out, st.ProviderID, st.Resources, st.AccessToken, "  ")
	}
	return nil
}
