package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync"
	"time"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/sanitize"
	"oauthdesk/auth/resourcemeta"
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
	// TokenIn says where the access token goes: TokenInHeader ("" too),
	// or TokenInQuery. It does not apply when Header has an Authorization.
	TokenIn string `json:"token_in,omitempty"`
}

// Where Call puts the access token (APIRequest.TokenIn).
const (
	// TokenInHeader sends "Authorization: Bearer" (RFC 6750 §2.1), the
	// default.
	TokenInHeader = "header"
	// TokenInQuery sends an access_token query parameter (RFC 6750 §2.3).
	// The token then leaks into server and proxy logs, browser history
	// and Referer headers, and many servers refuse it; it is for APIs
	// that accept nothing else.
	TokenInQuery = "query"
)

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
	// ResourceMetadata is the resource_metadata of a 401's Bearer
	// challenge (RFC 9728 §5.1): where the API says how to get a token
	// for it (Connect).
	ResourceMetadata string `json:"resource_metadata,omitempty"`
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
// if it has expired, as "Authorization: Bearer" (RFC 6750 §2.1), or with
// req.TokenIn = TokenInQuery as an access_token query parameter (RFC 6750
// §2.3, with Cache-Control: no-store as it asks), unless req has its own
// Authorization header. Any HTTP status is an answer, not an
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
// The call is a step of kind "api" in the provider's flow log (which masks
// the token, in the header or the query), and the request (without its
// Authorization header or the added query parameter) joins CallHistory.
// APIResponse.URL has the query token masked too.
func (e *Engine) Call(ctx context.Context, id string, req APIRequest) (*APIResponse, error) {
	method, u, err := checkAPIRequest(req)
	if err != nil {
		return nil, err
	}
	inQuery, err := tokenInQuery(req, u)
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
	host := header.Get("Host")
	header.Del("Host")
	ownAuth := header.Get("Authorization") != ""
	inQuery = inQuery && !ownAuth
	if !ownAuth && !secureOrLoopback(u) {
		return nil, fmt.Errorf("calling %s: %w", target, ErrInsecureURL)
	}
	var t *TokenSet
	if !ownAuth {
		if t, err = e.Token(ctx, id); err != nil {
			return nil, err
		}
	}
	dpopBound := t != nil && t.IsDPoP()
	if dpopBound && inQuery {
		return nil, fmt.Errorf("calling %s: a DPoP-bound access token goes only in the Authorization header with its proof (RFC 9449 §7.1), not in the query", target)
	}
	explain := "Call the API with the access token as a Bearer token (RFC 6750 §2.1)"
	switch {
	case inQuery:
		explain = "Call the API with the access token in the access_token query parameter (RFC 6750 §2.3)"
		if header.Get("Cache-Control") == "" {
			header.Set("Cache-Control", "no-store") // RFC 6750 §2.3
		}
	case dpopBound:
		explain = "Call the API with the DPoP-bound access token (Authorization: DPoP) and a fresh proof of the session's key (RFC 9449 §7)"
	}
	build := func() (*http.Request, error) {
		hreq, err := http.NewRequestWithContext(flowlog.WithStep(ctx, p.ID, "api", explain), method, u.String(), bytes.NewReader(req.Body))
		if err != nil {
			return nil, fmt.Errorf("calling %s: %w", target, err)
		}
		if len(req.Body) == 0 {
			hreq.Body, hreq.GetBody, hreq.ContentLength = http.NoBody, nil, 0
		}
		if host != "" {
			hreq.Host = host
		}
		hreq.Header = header.Clone()
		if inQuery {
			addQueryToken(hreq.URL, t.AccessToken)
		}
		return hreq, nil
	}
	shown := header.Clone()
	if t != nil && !inQuery {
		scheme := "Bearer "
		if dpopBound {
			scheme = "DPoP "
		}
		shown.Set("Authorization", scheme+t.AccessToken)
	}
	e.rememberCall(p.ID, APIRequest{Method: method, URL: req.URL, Header: shown, Body: req.Body, TokenIn: req.TokenIn})

	start := time.Now()
	var resp *http.Response
	if t != nil && !inQuery {
		resp, err = e.withToken(id, e.apiClient(), t, build)
	} else {
		var hreq *http.Request
		if hreq, err = build(); err == nil {
			resp, err = e.apiClient().Do(hreq)
		}
	}
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
		URL:          responseURL(resp.Request.URL, inQuery),
		Method:       resp.Request.Method,
	}
	if ch, ok := resourcemeta.BearerChallenge(resp.Header); ok && resp.StatusCode == http.StatusUnauthorized {
		out.ResourceMetadata = ch.ResourceMetadata
	}
	return out, nil
}
