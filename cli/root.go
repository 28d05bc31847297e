package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"strings"

	"github.com/spf13/cobra"

	"oauthdesk/auth"
	"oauthdesk/internal/wiring"
)

// IO is where a command reads and writes; tests pass buffers.
type IO struct {
	In       io.Reader
	Out, Err io.Writer
}

// globals are the flags every command takes.
type globals struct {
	// io is where commands write: Out and Err escape terminal controls
	// (see safeWriter), so provider text cannot drive the terminal.
	io IO
	// raw is the IO as given, for call's body on a pipe or a file (the
	// bytes as they came) and for checking whether stdin/stdout are
	// terminals.
	raw     IO
	config  string
	verbose bool
	reveal  bool
	account string
	engine  *auth.Engine
}

// session names the session a command works on: the provider's active
// account, or the one --account names.
func (g *globals) session(id string) string {
	if g.account != "" {
		return id + "/" + g.account
	}
	return id
}

// exitError carries a specific exit code.
type exitError struct {
	code int
	err  error
}

func (e *exitError) Error() string { return e.err.Error() }
func (e *exitError) Unwrap() error { return e.err }

// Main runs the command line with args (without the program name) and
// returns the process exit code: 0 on success, 1 on failure, 2 on a usage
// error.
func Main(args []string, stdio IO) int {
	// Libraries that log through slog's default (zitadel's op, for the
	// in-process demo provider) may include request parameters such as
	// state: keep them out of the person's terminal.
	slog.SetDefault(slog.New(slog.DiscardHandler))
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	out, errw := newSafeWriter(stdio.Out), newSafeWriter(stdio.Err)
	defer out.Flush()
	defer errw.Flush()
	g := &globals{raw: stdio, io: IO{In: stdio.In, Out: out, Err: errw}}
	root := newRootCmd(g)
	root.SetArgs(args)
	root.SetIn(stdio.In)
	root.SetOut(out)
	root.SetErr(errw)
	err := root.ExecuteContext(ctx)
	if g.engine != nil {
		_ = g.engine.Close()
	}
	if err == nil {
		return 0
	}
	fmt.Fprintln(errw, "oauthdesk: "+oneLine(err.Error()))
	var ee *exitError
	if errors.As(err, &ee) {
		return ee.code
	}
	if strings.HasPrefix(err.Error(), "unknown command") || strings.HasPrefix(err.Error(), "unknown flag") || strings.HasPrefix(err.Error(), "required flag") ||
		strings.Contains(err.Error(), "arg(s)") || strings.HasPrefix(err.Error(), "invalid argument") {
		return 2
	}
	return 1
}

// newRootCmd builds the command tree.
func newRootCmd(g *globals) *cobra.Command {
	root := &cobra.Command{
		Use:   "oauthdesk",
		Short: "Sign in to OAuth 2.0 / OpenID Connect providers and use the tokens",
		Long: `oauthdesk signs you in to an OAuth 2.0 / OpenID Connect provider through your
browser, keeps the tokens in the OS keyring, and hands you a working access token.

Run it with no arguments for the desktop app, which speaks English and Korean
(한국어): it follows the system's language, and its toolbar can switch. The
command line stays in English. Try it with no setup at all:
  oauthdesk login demo        (user demo, password demo)
  oauthdesk token demo`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&g.config, "config", "", "providers file (default $OAUTHDESK_CONFIG or the user config dir's oauthdesk/providers.toml)")
	root.PersistentFlags().BoolVarP(&g.verbose, "verbose", "v", false, "print every request and response of the flow, secrets hidden")
	root.PersistentFlags().BoolVar(&g.reveal, "reveal-secrets", false, "with -v, show tokens, codes and secrets instead of hiding them")
	root.PersistentFlags().StringVar(&g.account, "account", "", "which signed-in account to use (default: the provider's active one)")
	root.AddCommand(
		newProvidersCmd(g), newLoginCmd(g), newTokenCmd(g), newStatusCmd(g), newProfileCmd(g),
		newRefreshCmd(g), newLogoutCmd(g), newIntrospectCmd(g), newSecretCmd(g), newDemoIdPCmd(g),
		newAccountsCmd(g), newCallCmd(g), newKeyCmd(g), newProofCmd(g), newConnectCmd(g),
	)
	return root
}

// eng opens the engine on first use.
func (g *globals) eng() (*auth.Engine, error) {
	if g.engine != nil {
		return g.engine, nil
	}
	level := slog.LevelWarn
	if g.verbose {
		level = slog.LevelDebug
	}
	logger := slog.New(slog.NewTextHandler(g.io.Err, &slog.HandlerOptions{Level: level}))
	var onStep func(auth.Step)
	if g.verbose {
		onStep = func(s auth.Step) {
			if !g.reveal {
				s = s.Redacted()
			}
			fmt.Fprintln(g.io.Err, s.Text())
		}
	}
	e, err := wiring.NewEngine(g.config, logger, onStep)
	if err != nil {
		return nil, err
	}
	if w := e.StoreWarning(); w != "" {
		fmt.Fprintln(g.io.Err, "warning: "+w)
	}
	g.engine = e
	return e, nil
}

// oneLine folds a multi-line message onto one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
