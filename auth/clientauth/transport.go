package clientauth

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"oauthdesk/auth/dpop"
)

// Transport authenticates the client on every form POST it sends, the way
// Client says (Apply, with a fresh assertion per attempt), and adds a
// DPoP proof to those sent to DPoPURL (the token endpoint) when DPoP is
// set, retrying once with the server's nonce. Other requests pass through.
//
// It sits under x/oauth2 (which is told to send only client_id) and under
// oauthdesk's own revocation, introspection and PAR requests, so every
// call that authenticates the client does it in one way.
type Transport struct {
	// Client is the identity and method.
	Client Client
	// DPoP, when set, makes the proofs; its Client is ignored.
	DPoP *dpop.Sender
	// DPoPURL is the endpoint that gets proofs.
	DPoPURL string
	// Explain, if set, relabels a request's context with the line Apply
	// returned, before it is sent (for the flow log).
	Explain func(ctx context.Context, line string) context.Context
	// Next sends the requests.
	Next http.RoundTripper
}

// RoundTrip authenticates req and sends it.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type"))
	if req.Method != http.MethodPost || ct != "application/x-www-form-urlencoded" {
		return t.Next.RoundTrip(req)
	}
	var raw []byte
	if req.Body != nil && req.Body != http.NoBody {
		b, err := io.ReadAll(req.Body)
		req.Body.Close()
		if err != nil {
			return nil, fmt.Errorf("reading the form to authenticate: %w", err)
		}
		raw = b
	}
	base, err := url.ParseQuery(string(raw))
	if err != nil {
		return nil, fmt.Errorf("reading the form to authenticate: %w", err)
	}
	// What x/oauth2 may have put there is replaced by the method's own.
	base.Del("client_secret")
	target := req.URL.String()
	build := func() (*http.Request, error) {
		form := url.Values{}
		for k, vs := range base {
			form[k] = append([]string(nil), vs...)
		}
		h := req.Header.Clone()
		h.Del("Authorization")
		line, err := t.Client.Apply(target, form, h)
		if err != nil {
			return nil, err
		}
		ctx := req.Context()
		if t.Explain != nil {
			ctx = t.Explain(ctx, line)
		}
		body := form.Encode()
		out, err := http.NewRequestWithContext(ctx, http.MethodPost, target, strings.NewReader(body))
		if err != nil {
			return nil, err
		}
		out.Header = h
		return out, nil
	}
	if t.DPoP != nil && sameEndpoint(target, t.DPoPURL) {
		s := *t.DPoP
		s.Client = dpop.RoundTrip{RoundTripper: t.Next}
		return s.Send(build, "")
	}
	out, err := build()
	if err != nil {
		return nil, err
	}
	return t.Next.RoundTrip(out)
}

// sameEndpoint compares two URLs without their query.
func sameEndpoint(a, b string) bool {
	ua, err1 := url.Parse(a)
	ub, err2 := url.Parse(b)
	if err1 != nil || err2 != nil || b == "" {
		return false
	}
	return dpop.HTU(ua) == dpop.HTU(ub)
}
