package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/spf13/cobra"
)

// newSecretCmd keeps a provider's client secret in the keyring.
func newSecretCmd(g *globals) *cobra.Command {
	var del bool
	cmd := &cobra.Command{
		Use:   "secret ID",
		Short: "Store a provider's client secret in the OS keyring (read from stdin)",
		Long: `Store provider ID's client secret in the OS keyring instead of providers.toml.
The secret is read from the first line of standard input, so it stays out of
your shell history:

  oauthdesk secret google < secret.txt
  printf '%s\n' "$SECRET" | oauthdesk secret google`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return runSecret(g, args[0], del)
		},
	}
	cmd.Flags().BoolVar(&del, "delete", false, "forget the stored secret")
	return cmd
}

func runSecret(g *globals, id string, del bool) error {
	e, err := g.eng()
	if err != nil {
		return err
	}
	if _, err := e.Provider(id); err != nil {
		return err
	}
	if del {
		if err := e.SetClientSecret(id, ""); err != nil {
			return err
		}
		fmt.Fprintf(g.io.Out, "Forgot %s's client secret.\n", id)
		return nil
	}
	fmt.Fprintf(g.io.Err, "Paste %s's client secret and press Enter:\n", id)
	secret, err := readSecretLine(g.io.In)
	if err != nil {
		return err
	}
	if err := e.SetClientSecret(id, secret); err != nil {
		return err
	}
	fmt.Fprintf(g.io.Out, "Stored %s's client secret in %s.\n", id, e.StoreDescription())
	return nil
}

// readSecretLine reads a secret from the first line of r.
func readSecretLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(r).ReadString('\n')
	secret := strings.TrimSpace(line)
	if secret == "" {
		if err != nil {
			return "", errors.New("no secret on standard input")
		}
		return "", errors.New("the secret on standard input is empty")
	}
	return secret, nil
}
