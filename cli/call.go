package cli

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/spf13/cobra"

	"oauthdesk/auth"
)

// callOptions are call's flags.
type callOptions struct {
	method  string
	headers []string
	data    string
	include bool
	tokenIn string
	curl    bool
}

// newCallCmd calls an API with the access token.
func newCallCmd(g *globals) *cobra.Command {
	o := &callOptions{}
	cmd := &cobra.Command{
		Use:   "call ID [URL]",
		Short: "Call an API with the access token (the profile endpoint by default)",
		Long: `Call an API with provider ID's access token as "Authorization: Bearer",
refreshing the token first if it has expired, and print the response body. With
no URL, the provider's userinfo or profile endpoint is called.

The body goes to stdout as it came; a binary body is shown as base64 when stdout
is a terminal. A body over 10 MB is cut there, with a note on stderr. An HTTP
status of 400 or more makes the exit status 1 (the body is still printed). If
the API rejects the token as invalid (401, error="invalid_token"), oauthdesk
refreshes it once and tries again.

The token is sent over https, or over plain http only to this machine
(127.0.0.1, [::1], localhost); oauthdesk refuses to send it anywhere else.

--token-in query sends the token as an access_token query parameter (RFC 6750
§2.3) instead of the header, for APIs that accept nothing else. The URL then
carries the token into server and proxy logs, browser history and Referer
headers, and many servers refuse it: keep the header where the API takes it.`,
		Example: `  oauthdesk call demo
  oauthdesk call github https://api.github.com/user/repos -i
  oauthdesk call work https://api.example.com/items -X POST -H 'Content-Type: application/json' -d '{"name":"x"}'
  oauthdesk call work https://api.example.com/upload -d @photo.jpg -H 'Content-Type: image/jpeg'
  oauthdesk call legacy https://legacy.example.com/api/me --token-in query`,
		Args: cobra.RangeArgs(1, 2),
		RunE: func(cmd *cobra.Command, args []string) error {
			target := ""
			if len(args) == 2 {
				target = args[1]
			}
			return runCall(cmd.Context(), g, args[0], target, o, cmd.Flags().Changed("data"))
		},
	}
	cmd.Flags().StringVarP(&o.method, "request", "X", "", "HTTP method (default GET, or POST with --data)")
	cmd.Flags().StringArrayVarP(&o.headers, "header", "H", nil, "extra request header 'Name: value' (repeatable)")
	cmd.Flags().StringVarP(&o.data, "data", "d", "", "request body; @FILE reads a file, @- reads stdin (sent as it is)")
	cmd.Flags().BoolVarP(&o.include, "include", "i", false, "print the status line and the response headers first")
	cmd.Flags().StringVar(&o.tokenIn, "token-in", auth.TokenInHeader, "where the access token goes: header (Authorization: Bearer) or query (access_token parameter; leaks into logs)")
	cmd.Flags().BoolVar(&o.curl, "curl", false, "print the request as a curl command (the token read with oauthdesk token) instead of sending it")
	return cmd
}

func runCall(ctx context.Context, g *globals, id, target string, o *callOptions, hasData bool) error {
	header, err := parseHeaders(o.headers)
	if err != nil {
		return &exitError{code: 2, err: err}
	}
	switch o.tokenIn {
	case auth.TokenInHeader:
	case auth.TokenInQuery:
		if header.Get("Authorization") == "" {
			fmt.Fprintln(g.io.Err, "Warning: the access token goes in the URL (access_token, RFC 6750 §2.3): "+
				"it can end up in server and proxy logs, history and Referer headers, and many servers refuse it. "+
				"The Authorization header is safer.")
		}
	default:
		return &exitError{code: 2, err: fmt.Errorf("--token-in %q: use header or query", o.tokenIn)}
	}
	var body []byte
	if hasData {
		if body, err = readData(o.data, g.io.In); err != nil {
			return err
		}
		if header.Get("Content-Type") == "" {
			header.Set("Content-Type", "application/x-www-form-urlencoded") // as curl -d does
		}
	}
	method := o.method
	if method == "" {
		method = http.MethodGet
		if hasData {
			method = http.MethodPost
		}
	}
	e, err := g.eng()
	if err != nil {
		return err
	}
	session := g.session(id)
	if target == "" {
		if target, err = e.ProfileEndpoint(ctx, session); err != nil {
			return err
		}
		if target == "" {
			return fmt.Errorf("%s has no userinfo or profile endpoint to call by default: give the URL to call", id)
		}
	}
	req := auth.APIRequest{Method: method, URL: target, Header: header, Body: body, TokenIn: o.tokenIn}
	if o.curl {
		fmt.Fprintln(g.raw.Out, e.CurlCommand(session, req))
		return nil
	}
	resp, err := e.Call(ctx, session, req)
	if err != nil {
		return err
	}
	if resp.InvalidToken && header.Get("Authorization") == "" {
		fmt.Fprintln(g.io.Err, "The API rejected the access token (invalid_token); refreshing it and trying again…")
		if _, err := e.Refresh(ctx, session); err != nil {
			return fmt.Errorf("refreshing after the API rejected the access token: %w", err)
		}
		if resp, err = e.Call(ctx, session, req); err != nil {
			return err
		}
	}
	if err := printResponse(g, resp, o.include); err != nil {
		return err
	}
	if resp.Status >= 400 {
		return fmt.Errorf("%s %s answered HTTP %d %s", resp.Method, displayURL(resp.URL), resp.Status, http.StatusText(resp.Status))
	}
	return nil
}

// printResponse writes the status line and headers (with -i), then the
// body: raw bytes, or base64 for a binary body on a terminal.
//
// On a terminal the output goes through the terminal-safe writer; to a
// pipe or a file it is the bytes as they came.
func printResponse(g *globals, resp *auth.APIResponse, include bool) error {
	out := g.raw.Out
	tty := isTerminal(out)
	if tty {
		out = g.io.Out
	}
	if include {
		var b strings.Builder
		fmt.Fprintf(&b, "HTTP %d %s\n", resp.Status, http.StatusText(resp.Status))
		writeHeaderLines(&b, resp.Header)
		b.WriteString("\n")
		if _, err := io.WriteString(out, b.String()); err != nil {
			return fmt.Errorf("writing the response: %w", err)
		}
	}
	body := resp.Body
	if tty && !utf8.Valid(body) {
		note, b64, _ := strings.Cut(auth.DisplayBody(body), "\n")
		fmt.Fprintf(g.io.Err, "note: the body is not text %s; redirect stdout to a file for the raw bytes\n", note)
		body = []byte(b64)
	}
	if tty && len(body) > 0 && body[len(body)-1] != '\n' {
		body = append(body[:len(body):len(body)], '\n')
	}
	if _, err := out.Write(body); err != nil {
		return fmt.Errorf("writing the response: %w", err)
	}
	if resp.Truncated {
		fmt.Fprintf(g.io.Err, "note: response truncated at %d MB; only its beginning was printed\n", auth.MaxAPIBodyBytes>>20)
	}
	return nil
}

// writeHeaderLines writes headers as "Name: value" lines, sorted by name.
func writeHeaderLines(b *strings.Builder, h http.Header) {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		for _, v := range h[k] {
			fmt.Fprintf(b, "%s: %s\n", k, v)
		}
	}
}

// parseHeaders reads -H 'Name: value' flags.
func parseHeaders(lines []string) (http.Header, error) {
	h := http.Header{}
	for _, l := range lines {
		k, v, ok := strings.Cut(l, ":")
		k = strings.TrimSpace(k)
		if !ok || k == "" || strings.ContainsAny(k, " \t\r\n") {
			return nil, fmt.Errorf("invalid argument %q for -H: want 'Name: value'", l)
		}
		h.Add(k, strings.TrimSpace(v))
	}
	return h, nil
}

// readData is --data: the text itself, @FILE, or @- for stdin.
func readData(data string, stdin io.Reader) ([]byte, error) {
	name, isFile := strings.CutPrefix(data, "@")
	switch {
	case !isFile:
		return []byte(data), nil
	case name == "-":
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("reading the request body from stdin: %w", err)
		}
		return b, nil
	default:
		b, err := os.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("reading the request body: %w", err)
		}
		return b, nil
	}
}

// displayURL is a URL without its query and fragment (which may hold
// keys), for messages.
func displayURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "the URL"
	}
	u.User, u.RawQuery, u.Fragment, u.RawFragment = nil, "", "", ""
	return u.String()
}

// isTerminal reports whether w is a terminal (a character device).
func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
