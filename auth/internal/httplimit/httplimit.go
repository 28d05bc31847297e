// Package httplimit is the HTTP client every exchange with a provider goes
// through. A provider is a remote party, so the client bounds what a hostile
// or broken one can cost: a timeout on each exchange, and response bodies
// capped at MaxBodyBytes (reading past the cap fails with
// ErrResponseTooLarge instead of filling memory). Requests that carry
// credentials do not follow redirects to where they should not go (see
// CheckRedirect).
package httplimit

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"time"

	"oauthdesk/auth/internal/sanitize"
)

// MaxBodyBytes bounds any JSON response: discovery, tokens, userinfo.
const MaxBodyBytes = 1 << 20

// DefaultTimeout bounds one HTTP exchange with a provider.
const DefaultTimeout = 30 * time.Second

// ErrResponseTooLarge means a response body passed the size limit.
var ErrResponseTooLarge = errors.New("the response is too large")

// NewClient returns the client for provider calls: timeout for slow
// providers (DefaultTimeout when timeout <= 0), and bodies capped at
// MaxBodyBytes by a *Transport, redirects checked by CheckRedirect.
func NewClient(timeout time.Duration) *http.Client {
	if timeout <= 0 {
		timeout = DefaultTimeout
	}
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.ResponseHeaderTimeout = timeout
	return &http.Client{
		Timeout:       timeout,
		Transport:     &Transport{Next: base, Max: MaxBodyBytes},
		CheckRedirect: CheckRedirect,
	}
}

// Transport caps every response body: reading past Max fails with
// ErrResponseTooLarge instead of filling memory.
type Transport struct {
	// Next sends the request.
	Next http.RoundTripper
	// Max is the most body bytes a response may have.
	Max int64
}

// RoundTrip sends req and wraps the response body in a limit.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.Next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.Max {
		resp.Body.Close()
		return nil, fmt.Errorf("%s %s: %w (%d bytes; the limit is %d)", req.Method, sanitize.URL(req.URL.String()), ErrResponseTooLarge, resp.ContentLength, t.Max)
	}
	resp.Body = &limitedBody{rc: resp.Body, left: t.Max, max: t.Max}
	return resp, nil
}

// limitedBody is a response body that errors once more than max bytes
// have been read.
type limitedBody struct {
	rc   io.ReadCloser
	left int64
	max  int64
}

func (b *limitedBody) Read(p []byte) (int, error) {
	if b.left <= 0 {
		// Probe for one more byte: exactly max bytes is fine.
		var one [1]byte
		n, err := b.rc.Read(one[:])
		if n > 0 {
			return 0, fmt.Errorf("%w (more than %d bytes)", ErrResponseTooLarge, b.max)
		}
		return 0, err
	}
	if int64(len(p)) > b.left {
		p = p[:b.left]
	}
	n, err := b.rc.Read(p)
	b.left -= int64(n)
	return n, err
}

func (b *limitedBody) Close() error { return b.rc.Close() }

// ReadBody reads and closes a whole (already capped) response body.
func ReadBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
