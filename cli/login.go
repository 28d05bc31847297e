package cli

import (
	"context"
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/spf13/cobra"

	"oauthdesk/auth"
)

// loginOptions are login's flags.
type loginOptions struct {
	timeout   time.Duration
	manual    bool
	noBrowser bool
	device    bool
}

// newLoginCmd signs in through the browser.
func newLoginCmd(g *globals) *cobra.Command {
	o := &loginOptions{}
	cmd := &cobra.Command{
		Use:   "login ID",
		Short: "Sign in through your browser and store the tokens in the OS keyring",
		Long: `Sign in to provider ID: oauthdesk opens the provider's sign-in page in your
browser ($BROWSER first, then the system's), waits for the provider to redirect
back to a one-time listener on 127.0.0.1, exchanges the code (with PKCE), checks
the ID token and stores the tokens in the OS keyring.

With --manual (the browser is on another machine), oauthdesk prints the URL;
open it anywhere, approve, and paste back the address the browser ends on.

With --device (RFC 8628, for a machine without a browser), oauthdesk shows a
code and an address; open it on any device, enter the code and approve.`,
		Example: "  oauthdesk login demo\n  oauthdesk login google --timeout 10m\n  oauthdesk login work --manual\n  oauthdesk login demo --device",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runLogin(cmd.Context(), g, args[0], o)
		},
	}
	cmd.Flags().DurationVar(&o.timeout, "timeout", auth.DefaultLoginTimeout, "how long to wait for the browser")
	cmd.Flags().BoolVar(&o.manual, "manual", false, "print the URL and read the redirected URL from stdin (browser on another machine)")
	cmd.Flags().BoolVar(&o.noBrowser, "no-browser", false, "print the URL instead of opening a browser")
	cmd.Flags().BoolVar(&o.device, "device", false, "sign in with a code entered on another device (device authorization grant, RFC 8628)")
	return cmd
}

func runLogin(ctx context.Context, g *globals, id string, o *loginOptions) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	p, err := e.Provider(id)
	if err != nil {
		return err
	}
	hint := &waitHinter{w: g.io.Err}
	defer hint.stop()
	opts := auth.LoginOptions{
		Timeout:     o.timeout,
		Manual:      o.manual,
		ManualInput: g.io.In,
		NoBrowser:   o.noBrowser,
		OnAuthURL: func(u string) {
			switch {
			case o.manual:
				fmt.Fprintf(g.io.Err, "Open this URL in a browser, sign in to %s and approve:\n\n  %s\n\nThen paste the address the browser ends on (it starts with %s):\n", p.DisplayName(), u, p.RedirectURI(0))
			case o.noBrowser:
				fmt.Fprintf(g.io.Err, "Open this URL in your browser to sign in to %s:\n\n  %s\n\n", p.DisplayName(), u)
			default:
				fmt.Fprintf(g.io.Err, "Opening your browser to sign in to %s…\nIf it does not open, visit:\n\n  %s\n\n", p.DisplayName(), u)
			}
			if !o.manual {
				hint.arm(p, u)
			}
		},
		OnBrowserError: func(err error) {
			fmt.Fprintf(g.io.Err, "Could not open a browser (%s). Open the URL above by hand.\n", oneLine(err.Error()))
		},
	}
	if p.Quirks.Builtin {
		fmt.Fprintln(g.io.Err, "The demo provider's test user is demo, password demo.")
	}
	var t *auth.TokenSet
	if o.device {
		t, err = runDeviceLogin(ctx, g, e, p, o)
	} else {
		t, err = e.Login(ctx, id, opts)
	}
	hint.stop()
	if err != nil {
		return err
	}
	who := ""
	if t.Account != "" {
		who = " as " + t.Account
	}
	fmt.Fprintf(g.io.Out, "Signed in to %s%s.\n", p.DisplayName(), who)
	fmt.Fprintf(g.io.Out, "Access token expires: %s\n", formatTime(t.Expiry, time.Now()))
	if t.ExpiryNote != "" {
		fmt.Fprintf(g.io.Out, "  (%s)\n", t.ExpiryNote)
	}
	scopes := strings.Join(t.Scopes, " ")
	if t.ScopesRequested {
		scopes += " (as requested; the provider did not say which it granted)"
	}
	fmt.Fprintf(g.io.Out, "Scopes: %s\n", scopes)
	fmt.Fprintf(g.io.Out, "Refresh token: %s\n", yesNo(t.RefreshToken != ""))
	if t.OfflineAccessDropped() {
		fmt.Fprintf(g.io.Out, "  (%s)\n", auth.OfflineAccessNote)
	}
	printAudience(g.io.Out, id, t.Resources, t.AccessTokenInfo(), "")
	return nil
}

// printAudience says which resources were asked for (RFC 8707) and what
// audience, scope and binding a JWT access token (RFC 9068) names, marked
// as not verified by the client.
func printAudience(w io.Writer, id string, resources []string, at *auth.AccessTokenInfo, indent string) {
	label := func(s string) string { return indent + s }
	if len(resources) > 0 {
		fmt.Fprintf(w, "%s %s\n", label("Resources requested:"), strings.Join(resources, " "))
	}
	if at == nil {
		if len(resources) > 0 {
			fmt.Fprintf(w, "%s unknown (the access token is opaque; oauthdesk introspect %s may tell)\n", label("Audience granted:"), id)
		}
		return
	}
	aud := strings.Join(at.Audience, " ")
	if aud == "" {
		aud = "(none named)"
	}
	fmt.Fprintf(w, "%s %s (from the JWT access token, %s)\n", label("Audience granted:"), aud, auth.NotVerified)
	fmt.Fprintf(w, "%s alg %s, typ %s; scope %q, client_id %q", label("Access token JWT:"), orNone(at.Alg), orNone(at.Type), strings.Join(at.Scope, " "), at.ClientID)
	if jkt, ok := at.Confirmation["jkt"].(string); ok {
		fmt.Fprintf(w, ", cnf.jkt %s", jkt)
	}
	fmt.Fprintln(w)
}

// orNone is s, or "none" when it is empty.
func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// yesNo prints a boolean for people.
func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
