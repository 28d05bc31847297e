package cli

import (
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"

	"oauthdesk/auth"
)

// newKeyCmd manages a provider's private_key_jwt key.
func newKeyCmd(g *globals) *cobra.Command {
	var generate, public, del bool
	var alg string
	cmd := &cobra.Command{
		Use:   "key ID [--generate [--alg ALG] | --public | --delete]",
		Short: "Keep a private key for private_key_jwt in the OS keyring, and print its public JWK",
		Long: `Keep provider ID's client key, for private_key_jwt client authentication
(RFC 7523) and for signing request objects, in the OS keyring.

  --generate      make a new key (RS256 unless --alg says otherwise) and print
                  its public JWK on stdout, to register at the provider
  --public        print the stored key's public JWK
  --delete        forget the stored key
  (no flag)       read a private key, PEM or JWK, from standard input

Then set token_endpoint_auth_method = "private_key_jwt" for the provider (or
leave it unset: a stored key is preferred when the provider allows it).`,
		Example: `  oauthdesk key work --generate
  oauthdesk key work --generate --alg ES256
  oauthdesk key work < client-key.pem`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			n := 0
			for _, b := range []bool{generate, public, del} {
				if b {
					n++
				}
			}
			if n > 1 {
				return &exitError{code: 2, err: errors.New("give only one of --generate, --public and --delete")}
			}
			if alg != "" && !generate {
				return &exitError{code: 2, err: errors.New("--alg goes with --generate")}
			}
			return runKey(g, args[0], generate, public, del, alg)
		},
	}
	cmd.Flags().BoolVar(&generate, "generate", false, "make a new key and print its public JWK")
	cmd.Flags().StringVar(&alg, "alg", "", "algorithm of the generated key: "+strings.Join(auth.ClientKeyAlgs, ", "))
	cmd.Flags().BoolVar(&public, "public", false, "print the stored key's public JWK")
	cmd.Flags().BoolVar(&del, "delete", false, "forget the stored key")
	return cmd
}

func runKey(g *globals, id string, generate, public, del bool, alg string) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	if _, err := e.Provider(id); err != nil {
		return err
	}
	var jwk []byte
	switch {
	case del:
		if err := e.DeleteClientKey(id); err != nil {
			return err
		}
		fmt.Fprintf(g.io.Out, "Forgot %s's client key.\n", id)
		return nil
	case public:
		if jwk, err = e.ClientKeyPublic(id); err != nil {
			return err
		}
		fmt.Fprintln(g.io.Out, string(jwk))
		return nil
	case generate:
		if jwk, err = e.GenerateClientKey(id, alg); err != nil {
			return err
		}
	default:
		fmt.Fprintf(g.io.Err, "Paste %s's private key (PEM or JWK), then end the input (Ctrl-D):\n", id)
		data, rerr := io.ReadAll(io.LimitReader(g.io.In, 64<<10))
		if rerr != nil {
			return fmt.Errorf("reading the key from standard input: %w", rerr)
		}
		if jwk, err = e.ImportClientKey(id, data); err != nil {
			return err
		}
	}
	fmt.Fprintln(g.io.Out, string(jwk))
	fmt.Fprintf(g.io.Err, "Kept %s's client key in %s. Register the public JWK above at the provider (its jwks, or a JWKS URL serving {\"keys\":[…]}), then set token_endpoint_auth_method = \"private_key_jwt\".\n", id, e.StoreDescription())
	return nil
}
