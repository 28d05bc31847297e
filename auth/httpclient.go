package auth

import (
	"fmt"
	"io"
	"net/http"
	"time"
)

// Size limits for what a provider may send. A provider is a remote party:
// these bound the memory a hostile or broken one can make us use.
const (
	// maxBodyBytes bounds any JSON response: discovery, tokens, userinfo.
	maxBodyBytes = 1 << 20
	// MaxImageBytes bounds an avatar download.
	MaxImageBytes = 2 << 20
)

// DefaultHTTPTimeout bounds one HTTP exchange with a provider.
const DefaultHTTPTimeout = 30 * time.Second

// newHTTPClient is the client the engine uses for every provider call: a
// timeout for slow providers, and bodies capped at maxBodyBytes.
func newHTTPClient(timeout time.Duration) *http.Client {
	if timeout <= 0 {
		timeout = DefaultHTTPTimeout
	}
	base := http.DefaultTransport.(*http.Transport).Clone()
	base.ResponseHeaderTimeout = timeout
	return &http.Client{
		Timeout:   timeout,
		Transport: &limitTransport{next: base, max: maxBodyBytes},
		// Never follow a redirect to another host with our bearer token;
		// Go already strips Authorization across hosts, and API calls
		// here do not need more than a few hops.
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 5 {
				return fmt.Errorf("stopped after %d redirects", len(via))
			}
			return nil
		},
	}
}

// limitTransport caps every response body: reading past max fails with
// ErrResponseTooLarge instead of filling memory.
type limitTransport struct {
	next http.RoundTripper
	max  int64
}

// RoundTrip sends req and wraps the response body in a limit.
func (t *limitTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	if resp.ContentLength > t.max {
		resp.Body.Close()
		return nil, fmt.Errorf("%s %s: %w (%d bytes; the limit is %d)", req.Method, redactURL(req.URL.String()), ErrResponseTooLarge, resp.ContentLength, t.max)
	}
	resp.Body = &limitedBody{rc: resp.Body, left: t.max, max: t.max}
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

// readBody reads a whole (already capped) response body.
func readBody(resp *http.Response) ([]byte, error) {
	defer resp.Body.Close()
	return io.ReadAll(resp.Body)
}
