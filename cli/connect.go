package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"oauthdesk/auth"
)

// connectFlags are connect's options.
type connectFlags struct {
	id, clientID, as string
	scopes           []string
	noLogin          bool
	login            loginOptions
}

// newConnectCmd sets up a provider from a protected resource's URL.
func newConnectCmd(g *globals) *cobra.Command {
	f := &connectFlags{}
	cmd := &cobra.Command{
		Use:   "connect RESOURCE_URL [--id ID] [--scope S]... [--client-id X]",
		Short: "Start from an API URL: discover its authorization server, register, sign in",
		Long: `Set up a provider from nothing but an API's URL, then sign in.

oauthdesk asks the URL with no token. A protected API answers 401 with
WWW-Authenticate: Bearer resource_metadata="…" (RFC 9728 §5.1); without it,
the metadata is read at the well-known URL, path-suffixed form first (§3.1).
The metadata's resource must be the URL asked (§3.3). Its authorization
server's metadata is read next (RFC 8414, then OpenID Connect discovery, each
with its issuer check). With --client-id that client is used; else oauthdesk
registers itself as a native public client (RFC 7591) and keeps the
registration's access token in the keyring, so that
'oauthdesk providers remove ID' can delete it at the server (RFC 7592).
The provider is added to providers.toml with the API in its resources, so
every token is asked for that API (RFC 8707), and you sign in with PKCE.
Nothing is saved when any check fails.`,
		Example: "  oauthdesk connect https://api.example.com/v1/data\n  oauthdesk connect https://mcp.example.com/mcp --id mcp --scope read",
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runConnect(cmd, g, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.id, "id", "", "provider ID to save (default: made from the host)")
	fl.StringArrayVar(&f.scopes, "scope", nil, "a scope to request (repeat for several; default: what the API asks for)")
	fl.StringVar(&f.clientID, "client-id", "", "a client ID registered beforehand (default: register with RFC 7591)")
	fl.StringVar(&f.as, "authorization-server", "", "the issuer to use when the API names several (default: the first)")
	fl.BoolVar(&f.noLogin, "no-login", false, "save the provider but do not sign in yet")
	fl.DurationVar(&f.login.timeout, "timeout", auth.DefaultLoginTimeout, "how long to wait for the browser")
	fl.BoolVar(&f.login.noBrowser, "no-browser", false, "print the URL instead of opening a browser")
	return cmd
}

func runConnect(cmd *cobra.Command, g *globals, rawURL string, f *connectFlags) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	if f.id != "" {
		if err := auth.ValidateProvider(auth.Provider{ID: f.id, ClientID: "x", Issuer: "https://x.invalid"}); err != nil {
			return usageError(fmt.Errorf("--id %s: %w", f.id, err))
		}
	}
	r, err := e.Connect(cmd.Context(), auth.ConnectRequest{URL: rawURL, ID: f.id, Scopes: f.scopes, ClientID: f.clientID, AuthorizationServer: f.as})
	if err != nil {
		if errors.Is(err, auth.ErrRegistrationRefused) || errors.Is(err, auth.ErrNoRegistration) {
			return fmt.Errorf("%w; nothing was saved (register a client there yourself and run oauthdesk connect %s --client-id ID)", err, rawURL)
		}
		return fmt.Errorf("%w; nothing was saved", err)
	}
	printConnect(g, r)
	if f.noLogin {
		fmt.Fprintf(g.io.Out, "Sign in with: oauthdesk login %s\n", r.ProviderID)
		return nil
	}
	fmt.Fprintln(g.io.Out)
	if err := runLogin(cmd.Context(), g, r.ProviderID, &f.login); err != nil {
		return fmt.Errorf("%s is saved, but signing in failed: %w (try again with oauthdesk login %s)", r.ProviderID, err, r.ProviderID)
	}
	fmt.Fprintf(g.io.Out, "\nCall the API with: oauthdesk call %s %s\n", r.ProviderID, rawURL)
	return nil
}

// printConnect says what was found and saved.
func printConnect(g *globals, r *auth.ConnectResult) {
	w := g.io.Out
	from := "the well-known URL (RFC 9728 §3.1)"
	if r.Resource.FromChallenge {
		from = "the 401's WWW-Authenticate resource_metadata (RFC 9728 §5.1)"
	}
	fmt.Fprintf(w, "Resource: %s\n", r.Resource.Resource)
	if r.Resource.Name != "" {
		fmt.Fprintf(w, "  name: %s\n", r.Resource.Name)
	}
	fmt.Fprintf(w, "  metadata: %s, found through %s\n", r.Resource.MetadataURL, from)
	fmt.Fprintf(w, "Authorization server: %s\n", r.Issuer)
	if len(r.Resource.AuthorizationServers) > 1 {
		fmt.Fprintf(w, "  (the API names %d: %s; choose with --authorization-server)\n", len(r.Resource.AuthorizationServers), strings.Join(r.Resource.AuthorizationServers, ", "))
	}
	fmt.Fprintf(w, "  metadata: %s (%s)\n", r.MetadataURL, r.MetadataKind)
	if r.Registered {
		fmt.Fprintf(w, "Registration: registered client %s at %s (RFC 7591, token_endpoint_auth_method %s)\n", r.ClientID, r.RegistrationEndpoint, r.AuthMethod)
		if r.Manageable {
			fmt.Fprintf(w, "  its registration access token is in the keyring; oauthdesk providers remove %s deletes it (RFC 7592)\n", r.ProviderID)
		}
	} else {
		fmt.Fprintf(w, "Client: %s (given)\n", r.ClientID)
	}
	fmt.Fprintf(w, "Scopes: %s\n", strings.Join(r.Scopes, " "))
	fmt.Fprintf(w, "Saved provider %s in %s (resources = [%q]).\n", r.ProviderID, r.ConfigPath, r.Resource.Resource)
}
