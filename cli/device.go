package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"time"

	"oauthdesk/auth"
)

// runDeviceLogin is login --device: the device authorization grant (RFC
// 8628). The code and where to enter it go to stderr; no browser is opened
// here, since the point is that the browser is elsewhere.
func runDeviceLogin(ctx context.Context, g *globals, e *auth.Engine, p auth.Provider, o *loginOptions) (*auth.TokenSet, error) {
	if o.manual {
		return nil, &exitError{code: 2, err: errors.New("--device and --manual cannot be used together: both are for a browser on another device; choose one")}
	}
	timeout := o.timeout
	if timeout <= 0 {
		timeout = auth.DefaultLoginTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()
	return e.DeviceLogin(ctx, p.ID, func(c auth.DeviceCode) {
		printDeviceCode(g.io.Err, p, c, time.Now())
	})
}

// printDeviceCode tells the person where to go and what to type.
func printDeviceCode(w io.Writer, p auth.Provider, c auth.DeviceCode, now time.Time) {
	fmt.Fprintf(w, "To sign in to %s, open this address on any device:\n\n  %s\n\nand enter the code:\n\n", p.DisplayName(), c.VerificationURI)
	big := spaced(c.UserCode)
	bar := strings.Repeat("─", len([]rune(big))+4)
	fmt.Fprintf(w, "    ┌%s┐\n    │  %s  │\n    └%s┘\n", bar, big, bar)
	fmt.Fprintf(w, "    (%s)\n\n", c.UserCode)
	if c.VerificationURIComplete != "" {
		fmt.Fprintf(w, "Or open this address, which has the code in it:\n\n  %s\n\n", c.VerificationURIComplete)
	}
	wait := "Waiting for you to approve…"
	if !c.ExpiresAt.IsZero() {
		wait = fmt.Sprintf("Waiting for you to approve… (the code expires in %s)", c.ExpiresAt.Sub(now).Round(time.Second))
	}
	fmt.Fprintln(w, wait)
}

// spaced puts a space between the characters of a user code, so that it
// reads easily from across a room: "WDJB-MJHT" becomes "W D J B - M J H T".
func spaced(code string) string {
	return strings.Join(strings.Split(code, ""), " ")
}
