package loopback

import (
	"errors"
	"fmt"
	"net"
	"strconv"
	"strings"
	"syscall"
)

// listenRetries is how many fresh ports a listener with any port tries
// when another program takes the [::1] half of a localhost pair first.
const listenRetries = 5

// listenAddrs binds the provider's loopback addresses on one port. For a
// redirect to localhost that is both 127.0.0.1 and [::1]: browsers (and
// Debian's /etc/hosts) try ::1 first, so a listener on 127.0.0.1 alone
// would let another local user take [::1]:PORT and receive the code. The
// [::1] half is skipped only where the system has no IPv6 loopback at all,
// since then no browser can reach it and nobody can bind it.
func listenAddrs(host string, port int) ([]net.Listener, error) {
	ips := listenIPs(host)
	var lastErr error
	for attempt := 0; attempt < listenRetries; attempt++ {
		lns, err := listenAll(ips, port)
		if err == nil {
			return lns, nil
		}
		lastErr = err
		var taken *takenError
		if port != 0 || !errors.As(err, &taken) || taken.first {
			break
		}
	}
	return nil, lastErr
}

// takenError is a listen address that another program holds.
type takenError struct {
	addr  string
	first bool // the first address (the port was free when picked)
	err   error
}

// Error implements error.
func (e *takenError) Error() string { return e.addr + ": " + e.err.Error() }

// Unwrap implements errors.Unwrap.
func (e *takenError) Unwrap() error { return e.err }

// listenAll binds every ip on port (0: the port the first one gets).
func listenAll(ips []string, port int) ([]net.Listener, error) {
	var lns []net.Listener
	fail := func(err error) ([]net.Listener, error) {
		for _, ln := range lns {
			_ = ln.Close()
		}
		return nil, err
	}
	for i, ip := range ips {
		addr := net.JoinHostPort(ip, strconv.Itoa(port))
		ln, err := net.Listen("tcp", addr)
		switch {
		case err == nil:
		case i > 0 && ip == "::1" && noIPv6Loopback(err):
			continue
		case errors.Is(err, syscall.EADDRINUSE):
			return fail(&takenError{addr: addr, first: i == 0, err: err})
		default:
			return fail(fmt.Errorf("starting the redirect listener on %s: %w", addr, err))
		}
		lns = append(lns, ln)
		if port == 0 {
			port = ln.Addr().(*net.TCPAddr).Port
		}
	}
	return lns, nil
}

// noIPv6Loopback reports whether err says the system has no [::1].
func noIPv6Loopback(err error) bool {
	return errors.Is(err, syscall.EADDRNOTAVAIL) || errors.Is(err, syscall.EAFNOSUPPORT) || errors.Is(err, syscall.EPROTONOSUPPORT)
}

// listenIPs are the addresses to bind, on one port, for a redirect to
// host: the IP literal, or both 127.0.0.1 and ::1 when the redirect names
// localhost (RFC 8252 §8.3 says to listen on the IP, not the name; the
// browser may resolve localhost to either).
func listenIPs(host string) []string {
	host = strings.ToLower(strings.Trim(host, "[]"))
	if host == "localhost" {
		return []string{"127.0.0.1", "::1"}
	}
	return []string{host}
}

// portInUse turns a taken address into the error the person sees; port is
// the configured one (0: any).
func portInUse(err error, port int) error {
	var taken *takenError
	if !errors.As(err, &taken) {
		return err
	}
	if port == 0 {
		return fmt.Errorf("%w: %s is taken by another program, on %d fresh ports in a row; another local user may be squatting the redirect listener's ports", ErrPortInUse, taken.addr, listenRetries)
	}
	return fmt.Errorf("%w: %s is taken by another program; stop it, or change redirect_port (it must match the redirect URI registered at the provider). For a localhost redirect oauthdesk listens on both 127.0.0.1 and [::1], since the browser may use either", ErrPortInUse, taken.addr)
}
