package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/netip"
	"net/url"
	"regexp"
	"strings"
	"sync"
	"syscall"
	"time"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/sanitize"
)

// The API console: calls to a resource server with the stored access token.

// MaxAPIBodyBytes is how much of an API response Call keeps; the rest is
// dropped and APIResponse.Truncated is set.
const MaxAPIBodyBytes = 10 << 20

// maxAPIHistory is how many requests CallHistory keeps per provider.
const maxAPIHistory = 50

// Errors of Call that callers branch on.
var (
	// ErrInvalidURL means an API request's URL is not an absolute http or
	// https URL with a host. Nothing was sent.
	ErrInvalidURL = errors.New("not a usable URL")
	// ErrInsecureURL means the access token would have gone over plain
	// http to a host that is not loopback, where anyone on the path could
	// read it. Nothing was sent.
	ErrInsecureURL = errors.New("refusing to send the access token over plain http to a host that is not loopback; use https")
	// ErrUnreachable means the API's server could not be reached at all
	// (connection refused, no such host, no route, timeout while
	// connecting).
	ErrUnreachable = errors.New("could not reach the server")
)

// APIRequest is one call to an API (a resource server) for Call.
type APIRequest struct {
	// Method is the HTTP method; "" means GET.
	Method string `json:"method"`
	// URL is the absolute http or https URL to call.
	URL string `json:"url"`
	// Header holds extra request headers. An Authorization header here is
	// sent as it is, instead of the stored access token.
	Header http.Header `json:"header,omitempty"`
	// Body is the request body, if any.
	Body []byte `json:"body,omitempty"`
}

// APIResponse is an API's answer to Call.
type APIResponse struct {
	// Status is the HTTP status code.
	Status int `json:"status"`
	// Header holds the response headers.
	Header http.Header `json:"header"`
	// Body is the response body, at most MaxAPIBodyBytes of it.
	Body []byte `json:"body"`
	// Truncated is true when the body was longer than MaxAPIBodyBytes and
	// Body holds only its beginning.
	Truncated bool `json:"truncated,omitempty"`
	// Duration is how long the call took, until the body was read.
	Duration time.Duration `json:"duration"`
	// InvalidToken is true for a 401 whose WWW-Authenticate is a Bearer
	// challenge with error="invalid_token" (RFC 6750 §3.1): the API
	// rejected the access token as expired, revoked or malformed, and a
	// refresh may help.
	InvalidToken bool `json:"invalid_token,omitempty"`
	// URL and Method are the request that got this answer, after any
	// redirects.
	URL    string `json:"url"`
	Method string `json:"method"`
}

// apiState is the engine's API console: its HTTP client and history.
type apiState struct {
	once   sync.Once
	client *http.Client

	mu      sync.Mutex
	history map[string][]APIRequest
}

// Call sends req to an API with session id's access token, refreshed first
// if it has expired, as "Authorization: Bearer" (RFC 6750 §2.1) unless req
// has its own Authorization header. Any HTTP status is an answer, not an
// error: the caller looks at APIResponse.Status and InvalidToken (a 401
// with error="invalid_token" asks for a refresh and a retry, which the
// caller decides on). The body is kept up to MaxAPIBodyBytes
// (APIResponse.Truncated says when it was cut), so any size is safe.
//
// Before anything is sent — the token is not even loaded — the URL must be
// an absolute http or https URL (ErrInvalidURL), and the access token goes
// over plain http only to a loopback host (127.0.0.0/8, [::1], localhost):
// anywhere else it could be read on the way, so Call refuses with
// ErrInsecureURL. A redirect from https to plain http is refused the same
// way. A server that cannot be reached gives ErrUnreachable.
//
// The call is a step of kind "api" in the provider's flow log, and the
// request (without its Authorization header) joins CallHistory.
func (e *Engine) Call(ctx context.Context, id string, req APIRequest) (*APIResponse, error) {
	method, u, err := checkAPIRequest(req)
	if err != nil {
		return nil, err
	}
	p, err := e.Provider(providerOf(id))
	if err != nil {
		return nil, err
	}
	target := method + " " + sanitize.URL(u.String())
	header := http.Header{}
	for k, vs := range req.Header {
		for _, v := range vs {
			header.Add(k, v)
		}
	}
	hreq, err := http.NewRequestWithContext(flowlog.WithStep(ctx, p.ID, "api", "Call the API with the access token as a Bearer token (RFC 6750 §2.1)"), method, u.String(), bytes.NewReader(req.Body))
	if err != nil {
		return nil, fmt.Errorf("calling %s: %w", target, err)
	}
	if len(req.Body) == 0 {
		hreq.Body, hreq.GetBody, hreq.ContentLength = http.NoBody, nil, 0
	}
	if h := header.Get("Host"); h != "" {
		hreq.Host = h
		header.Del("Host")
	}
	ownAuth := header.Get("Authorization") != ""
	if !ownAuth && !secureOrLoopback(u) {
		return nil, fmt.Errorf("calling %s: %w", target, ErrInsecureURL)
	}
	if !ownAuth {
		t, err := e.Token(ctx, id)
		if err != nil {
			return nil, err
		}
		header.Set("Authorization", "Bearer "+t.AccessToken)
	}
	hreq.Header = header
	e.rememberCall(p.ID, APIRequest{Method: method, URL: req.URL, Header: header, Body: req.Body})

	start := time.Now()
	resp, err := e.apiClient().Do(hreq)
	if err != nil {
		return nil, callError(target, u, err)
	}
	defer resp.Body.Close()
	body, truncated, err := readCapped(resp.Body, MaxAPIBodyBytes)
	if err != nil {
		return nil, fmt.Errorf("calling %s: reading the answer: %w", target, unwrapURLError(err))
	}
	out := &APIResponse{
		Status:       resp.StatusCode,
		Header:       resp.Header,
		Body:         body,
		Truncated:    truncated,
		Duration:     time.Since(start),
		InvalidToken: resp.StatusCode == http.StatusUnauthorized && invalidTokenChallenge(resp.Header),
		URL:          resp.Request.URL.String(),
		Method:       resp.Request.Method,
	}
	return out, nil
}

// CallHistory returns the requests Call sent for a provider in this
// engine's life, oldest first, at most the last 50, without their
// Authorization headers.
func (e *Engine) CallHistory(id string) []APIRequest {
	e.api.mu.Lock()
	defer e.api.mu.Unlock()
	list := e.api.history[providerOf(id)]
	out := make([]APIRequest, len(list))
	for i, r := range list {
		out[i] = cloneAPIRequest(r)
	}
	return out
}

// rememberCall adds a request to the provider's history, without its
// credentials.
func (e *Engine) rememberCall(provider string, r APIRequest) {
	r = cloneAPIRequest(r)
	r.Header.Del("Authorization")
	r.Header.Del("Proxy-Authorization")
	e.api.mu.Lock()
	defer e.api.mu.Unlock()
	if e.api.history == nil {
		e.api.history = map[string][]APIRequest{}
	}
	list := append(e.api.history[provider], r)
	if len(list) > maxAPIHistory {
		list = append([]APIRequest(nil), list[len(list)-maxAPIHistory:]...)
	}
	e.api.history[provider] = list
}

// cloneAPIRequest copies r deeply, so that callers cannot change the
// history.
func cloneAPIRequest(r APIRequest) APIRequest {
	r.Header = r.Header.Clone()
	if r.Header == nil {
		r.Header = http.Header{}
	}
	r.Body = bytes.Clone(r.Body)
	return r
}

// checkAPIRequest validates the method and the URL.
func checkAPIRequest(req APIRequest) (string, *url.URL, error) {
	method := strings.ToUpper(strings.TrimSpace(req.Method))
	if method == "" {
		method = http.MethodGet
	}
	for _, c := range method {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", c)) {
			return "", nil, fmt.Errorf("%q is not an HTTP method", sanitize.Text(req.Method, 40))
		}
	}
	if strings.TrimSpace(req.URL) == "" {
		return "", nil, fmt.Errorf("%w: no URL was given", ErrInvalidURL)
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", nil, fmt.Errorf("%w: the URL cannot be read (%v)", ErrInvalidURL, err)
	}
	switch {
	case !strings.Contains(req.URL, "://"):
		return "", nil, fmt.Errorf("%w: %s is not an absolute URL; write it in full, like https://api.example.com/v1/me", ErrInvalidURL, sanitize.URL(req.URL))
	case u.Scheme != "http" && u.Scheme != "https":
		return "", nil, fmt.Errorf("%w: %s: the scheme %s is not supported, only http and https", ErrInvalidURL, sanitize.URL(req.URL), sanitize.Text(u.Scheme, 20))
	case u.Hostname() == "":
		return "", nil, fmt.Errorf("%w: %s has no host", ErrInvalidURL, sanitize.URL(req.URL))
	case u.User != nil:
		return "", nil, fmt.Errorf("%w: %s has credentials in it; send them in a header instead", ErrInvalidURL, sanitize.URL(req.URL))
	}
	return method, u, nil
}

// secureOrLoopback reports whether a bearer token may be sent to u: over
// https, or over http to the loopback interface (which never leaves the
// machine).
func secureOrLoopback(u *url.URL) bool {
	if strings.EqualFold(u.Scheme, "https") {
		return true
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}

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
		follow := c.CheckRedirect
		c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
			if err := follow(req, via); err != nil {
				return err
			}
			if req.Header.Get("Authorization") != "" && !secureOrLoopback(req.URL) && secureOrLoopback(via[len(via)-1].URL) {
				return fmt.Errorf("not following the redirect to %s: %w", sanitize.URL(req.URL.String()), ErrInsecureURL)
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
var bearerInvalidToken = regexp.MustCompile(`(?is)(?:^|[\s,])bearer\s.*?\berror\s*=\s*"?invalid_token\b`)

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
