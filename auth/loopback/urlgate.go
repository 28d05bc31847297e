package loopback

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"oauthdesk/auth/internal/protocol"
	"oauthdesk/auth/internal/sanitize"
)

// ErrUnsafeURL means a URL was not opened in the browser because it is not
// an https address, or an http address on this computer's loopback
// interface: a file:, javascript: or data: URL, or text that a browser
// would read as a command-line flag.
var ErrUnsafeURL = errors.New("not an https address (or http on this computer), so it was not opened")

// CheckBrowserURL is the one gate in front of every URL oauthdesk hands to
// a browser or a system opener (OpenBrowser runs it, so no caller can skip
// it): https with a host, or http to a loopback host (localhost, 127.0.0.0/8,
// [::1]); never a value starting with "-" (an opener appends the URL to
// its arguments, so it would become a flag such as --gpu-launcher), and
// no spaces or control characters, which no URL needs and which openers
// such as rundll32 split on.
func CheckBrowserURL(raw string) error {
	if raw == "" {
		return fmt.Errorf("%w: the address is empty", ErrUnsafeURL)
	}
	if strings.HasPrefix(raw, "-") {
		return fmt.Errorf("%w: it starts with \"-\" and would reach the browser as a command-line flag", ErrUnsafeURL)
	}
	for _, r := range raw {
		if r <= ' ' || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			return fmt.Errorf("%w: it contains a space or a control character", ErrUnsafeURL)
		}
	}
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("%w: it is not a URL", ErrUnsafeURL)
	}
	if u.Opaque != "" || u.Host == "" || u.Hostname() == "" {
		return fmt.Errorf("%w: it has no host (scheme %q)", ErrUnsafeURL, sanitize.Text(u.Scheme, 20))
	}
	switch u.Scheme {
	case "https":
		return nil
	case "http":
		if protocol.IsLoopbackHost(u.Hostname()) {
			return nil
		}
		return fmt.Errorf("%w: plain http to %s is not on this computer", ErrUnsafeURL, sanitize.Text(u.Hostname(), 100))
	default:
		return fmt.Errorf("%w: its scheme is %q", ErrUnsafeURL, sanitize.Text(u.Scheme, 20))
	}
}
