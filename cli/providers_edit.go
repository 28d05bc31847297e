package cli

import (
	"errors"
	"fmt"
	"strings"

	"github.com/spf13/cobra"

	"oauthdesk/auth"
)

// addFlags are providers add's options.
type addFlags struct {
	preset, clientID, issuer, name string
	scopes                         []string
	secretStdin, replace           bool
}

// newProvidersAddCmd adds one provider to providers.toml.
func newProvidersAddCmd(g *globals) *cobra.Command {
	var f addFlags
	cmd := &cobra.Command{
		Use:   "add ID --preset P --client-id X [--issuer URL] [--scope S]... [--secret-stdin]",
		Short: "Add a provider to providers.toml (its client secret goes to the keyring)",
		Long: `Add provider ID to providers.toml. Only its own [[providers]] block is written:
the rest of the file, comments included, stays as it is.

  oauthdesk providers add google --preset google --client-id 1234.apps.googleusercontent.com
  oauthdesk providers add work --preset oidc --issuer https://kc.example/realms/dev \
      --client-id oauthdesk --scope openid --scope email --secret-stdin < secret.txt

With --secret-stdin the client secret is read from the first line of standard
input and kept in the OS keyring, never in the file. Presets: ` + strings.Join(auth.PresetNames(), ", ") + `.`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runProvidersAdd(g, args[0], f)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&f.preset, "preset", "", "built-in provider whose endpoints apply ("+strings.Join(auth.PresetNames(), ", ")+")")
	fl.StringVar(&f.clientID, "client-id", "", "the client ID the provider issued to you")
	fl.StringVar(&f.issuer, "issuer", "", "OpenID Connect issuer URL (discovery finds the endpoints)")
	fl.StringVar(&f.name, "name", "", "display name")
	fl.StringArrayVar(&f.scopes, "scope", nil, "a scope to request (repeat for several; default: the preset's)")
	fl.BoolVar(&f.secretStdin, "secret-stdin", false, "read the client secret from standard input and keep it in the keyring")
	fl.BoolVar(&f.replace, "replace", false, "replace a provider with the same ID instead of refusing")
	_ = cmd.MarkFlagRequired("preset")
	_ = cmd.MarkFlagRequired("client-id")
	return cmd
}

func runProvidersAdd(g *globals, id string, f addFlags) error {
	p := auth.Provider{ID: id, Name: f.name, Preset: f.preset, Issuer: f.issuer, ClientID: f.clientID, Scopes: f.scopes}
	if err := auth.ValidateProvider(p); err != nil {
		return usageError(fmt.Errorf("provider %s: %w", id, err))
	}
	var secret string
	if f.secretStdin {
		s, err := readSecretLine(g.io.In, g.io.Err)
		if err != nil {
			return err
		}
		secret = s
	}
	e, err := g.eng()
	if err != nil {
		return err
	}
	save := e.AddProvider
	if f.replace {
		save = e.SaveProvider
	}
	if err := save(p, secret); err != nil {
		if errors.Is(err, auth.ErrProviderExists) {
			return fmt.Errorf("provider %s is already in %s; add --replace to replace it, or remove it first", id, e.ConfigPath())
		}
		return err
	}
	fmt.Fprintf(g.io.Out, "Added %s to %s.\n", id, e.ConfigPath())
	if secret != "" {
		fmt.Fprintf(g.io.Out, "Its client secret is in %s.\n", e.StoreDescription())
	}
	return nil
}

// newProvidersRemoveCmd removes one provider from providers.toml.
func newProvidersRemoveCmd(g *globals) *cobra.Command {
	return &cobra.Command{
		Use:   "remove ID",
		Short: "Remove a provider from providers.toml and forget its sessions and secret",
		Long: `Remove provider ID's block from providers.toml (the rest of the file stays as
it is), and forget its sessions and client secret in the keyring. A client
that 'oauthdesk connect' registered is deleted at the server (RFC 7592).`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			e, err := g.eng()
			if err != nil {
				return err
			}
			uri, err := e.RemoveProviderAndRegistration(cmd.Context(), args[0])
			var left *auth.RegistrationLeftError
			if err != nil && !errors.As(err, &left) {
				return err
			}
			fmt.Fprintf(g.io.Out, "Removed %s from %s.\n", args[0], e.ConfigPath())
			switch {
			case left != nil:
				fmt.Fprintf(g.io.Err, "Warning: %s\n", oneLine(left.Error()))
			case uri != "":
				fmt.Fprintf(g.io.Out, "Deleted its client registration at the server (RFC 7592): %s\n", uri)
			}
			return nil
		},
	}
}

// usageError marks err as a usage error (exit status 2).
func usageError(err error) error { return &exitError{code: 2, err: err} }
