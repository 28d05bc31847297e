package dpop

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"time"
)

// maxPeek is how much of a 400/401 answer's body Send reads to look for
// use_dpop_nonce; the body is handed back whole either way.
const maxPeek = 64 << 10

// Sender sends requests with DPoP proofs of one key.
type Sender struct {
	// Key signs the proofs.
	Key *Key
	// Nonces carries server nonces between requests; nil keeps none.
	Nonces *Nonces
	// Client sends the requests (an *http.Client, or RoundTrip for use
	// inside a transport).
	Client Doer
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// OnRetry, if set, is told when a request is sent again with a new
	// nonce (for the flow log).
	OnRetry func(req *http.Request, nonce string)
}

// Doer sends one request.
type Doer interface {
	Do(*http.Request) (*http.Response, error)
}

// RoundTrip adapts an http.RoundTripper to a Doer.
type RoundTrip struct{ http.RoundTripper }

// Do sends req with the round tripper.
func (r RoundTrip) Do(req *http.Request) (*http.Response, error) {
	return r.RoundTripper.RoundTrip(req)
}

// Send sends the request build makes, with a DPoP header holding a fresh
// proof (with ath when accessToken is not "", and the server's last nonce).
// When the server answers use_dpop_nonce with a DPoP-Nonce header (RFC 9449
// §8 at a token endpoint, §9 at a resource server), it builds and sends the
// request once more with that nonce. build is called once per attempt, so
// that a body can be sent again.
func (s *Sender) Send(build func() (*http.Request, error), accessToken string) (*http.Response, error) {
	now := time.Now
	if s.Now != nil {
		now = s.Now
	}
	var resp *http.Response
	for attempt := 0; attempt < 2; attempt++ {
		req, err := build()
		if err != nil {
			return nil, err
		}
		target := req.URL.String()
		nonce := ""
		if s.Nonces != nil {
			nonce = s.Nonces.Get(target)
		}
		if attempt == 1 && s.OnRetry != nil {
			s.OnRetry(req, nonce)
		}
		proof, err := s.Key.Proof(req.Method, target, nonce, accessToken, now())
		if err != nil {
			return nil, err
		}
		req.Header.Set("DPoP", proof)
		resp, err = s.Client.Do(req)
		if err != nil {
			return nil, err
		}
		if s.Nonces != nil {
			s.Nonces.Remember(target, resp.Header)
		}
		if resp.StatusCode != http.StatusBadRequest && resp.StatusCode != http.StatusUnauthorized {
			return resp, nil
		}
		peek, err := io.ReadAll(io.LimitReader(resp.Body, maxPeek))
		if err != nil {
			resp.Body.Close()
			return nil, fmt.Errorf("reading the answer of %s %s: %w", req.Method, HTU(req.URL), err)
		}
		resp.Body = struct {
			io.Reader
			io.Closer
		}{io.MultiReader(bytes.NewReader(peek), resp.Body), resp.Body}
		if attempt == 1 || s.Nonces == nil || !WantsNonce(resp.StatusCode, resp.Header, peek) {
			return resp, nil
		}
		resp.Body.Close()
	}
	return resp, nil
}
