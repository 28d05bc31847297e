package auth

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"regexp"
	"syscall"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/sanitize"
)

// apiClient is the HTTP client of API calls: the engine's timeout and
// transport settings, but not its 1 MB body limit (Call caps bodies itself,
// by truncating), and its own flow-log recording that keeps at most
// httplimit.MaxBodyBytes of each body.
func (e *Engine) apiClient() *http.Client {
	e.api.once.Do(func() {
		c := httplimit.NewClient(e.client.Timeout)
		if lt, ok := c.Transport.(*httplimit.Transport); ok {
			c.Transport = lt.Next
		}
		c.Transport = &flowlog.StreamTransport{Next: c.Transport, Log: &e.flow, Now: e.now}
		// The person composed the request: it follows redirects of any
		// method, but the token never drops from https to plain http, and
		// never goes to another origin (Go itself keeps Authorization on
		// the same host at another port).
		c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if err := httplimit.LimitRedirects(req, via); err != nil {
				return err
			}
			if req.Header.Get("Authorization") != "" && !secureOrLoopback(req.URL) && secureOrLoopback(via[len(via)-1].URL) {
				return fmt.Errorf("not following the redirect to %s: %w", sanitize.URL(req.URL.String()), ErrInsecureURL)
			}
			if !httplimit.SameOrigin(via[0].URL, req.URL) {
				req.Header.Del("Authorization")
				req.Header.Del("Dpop")
			}
			return nil
		}
		e.api.client = c
	})
	return e.api.client
}

// readCapped reads r up to max bytes; truncated says there was more.
func readCapped(r io.Reader, max int64) (body []byte, truncated bool, err error) {
	body, err = io.ReadAll(io.LimitReader(r, max+1))
	if int64(len(body)) > max {
		return body[:max], true, nil
	}
	return body, false, err
}

// callError explains why an API call got no answer.
func callError(target string, u *url.URL, err error) error {
	if errors.Is(err, ErrInsecureURL) || errors.Is(err, context.Canceled) {
		return fmt.Errorf("calling %s: %w", target, unwrapURLError(err))
	}
	host := u.Host
	var dnsErr *net.DNSError
	var opErr *net.OpError
	var netErr net.Error
	switch {
	case errors.As(err, &dnsErr):
		reason := "no such host"
		if !dnsErr.IsNotFound {
			reason = "looking up the name failed: " + dnsErr.Err
		}
		return fmt.Errorf("calling %s: %w at %s: %s", target, ErrUnreachable, host, reason)
	case errors.As(err, &opErr) && opErr.Op == "dial":
		reason := opErr.Err.Error()
		switch {
		case errors.Is(err, syscall.ECONNREFUSED):
			reason = "connection refused"
		case errors.Is(err, syscall.EHOSTUNREACH), errors.Is(err, syscall.ENETUNREACH):
			reason = "no route to the host"
		case opErr.Timeout():
			reason = "connecting timed out"
		}
		return fmt.Errorf("calling %s: %w at %s: %s", target, ErrUnreachable, host, reason)
	case errors.As(err, &netErr) && netErr.Timeout():
		return fmt.Errorf("calling %s: %s did not answer in time: %w", target, host, unwrapURLError(err))
	}
	return fmt.Errorf("calling %s: %w", target, unwrapURLError(err))
}

// unwrapURLError drops net/url's "Get \"URL\": " prefix, which repeats the
// URL (and its query, which may hold secrets).
func unwrapURLError(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}

// bearerInvalidToken matches a Bearer challenge whose error parameter is
// invalid_token (RFC 6750 §3), among any other challenges and parameters.
var bearerInvalidToken = regexp.MustCompile(`(?is)(?:^|[\s,])(?:bearer|dpop)\s.*?\berror\s*=\s*"?invalid_token\b`)

// invalidTokenChallenge reports whether a WWW-Authenticate header holds a
// Bearer challenge with error="invalid_token" (RFC 6750 §3.1).
func invalidTokenChallenge(h http.Header) bool {
	for _, v := range h.Values("WWW-Authenticate") {
		if bearerInvalidToken.MatchString(v) {
			return true
		}
	}
	return false
}
