package cli

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/term"
)

// readSecretLine reads a secret from the first line of r. When r is a
// terminal, echo is off while the person types or pastes, so the secret
// never shows on the screen or in the scrollback, and a newline goes to
// w afterwards; from a pipe or a file the first line is read as it is.
func readSecretLine(r io.Reader, w io.Writer) (string, error) {
	var line string
	var err error
	if f, ok := r.(*os.File); ok && term.IsTerminal(int(f.Fd())) {
		var b []byte
		b, err = term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(w)
		if err != nil {
			return "", fmt.Errorf("reading the secret from the terminal: %w", err)
		}
		line = string(b)
	} else {
		line, err = bufio.NewReader(r).ReadString('\n')
	}
	secret := strings.TrimSpace(line)
	if secret == "" {
		if err != nil {
			return "", errors.New("no secret on standard input")
		}
		return "", errors.New("the secret on standard input is empty")
	}
	return secret, nil
}
