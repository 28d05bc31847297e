// Package flowlog records what a flow sends and receives, step by step, so
// that a person can watch the protocol: every labelled HTTP exchange (the
// request, the answer, the timing) and the browser steps a caller adds.
//
// A request is labelled by its context (WithStep); Transport and
// StreamTransport record labelled requests into a Log and pass every other
// request through untouched. Steps keep their secrets as sent: Redacted
// masks tokens, codes, the client secret, the PKCE verifier, state and
// nonce, and callers show or export (Text, HAR) only redacted steps unless
// the person asked to see secrets. The package knows nothing of the engine.
package flowlog

import (
	"context"
	"net/http"
	"time"
)

// Step is one exchange in a provider's flow log: an HTTP request the
// engine made and its answer, or a browser step (the authorization request
// and the redirect back) that the engine saw. Steps keep their secrets;
// Redacted masks them for display.
type Step struct {
	// N numbers the provider's steps from 1.
	N int `json:"n"`
	// Provider is the provider's ID.
	Provider string `json:"provider"`
	// Kind names the step in the protocol's words: authorize, callback,
	// token, refresh, userinfo, profile, revoke, introspect, discovery,
	// jwks, device, api.
	Kind string `json:"kind"`
	// Explain says in one line what the step is for.
	Explain string `json:"explain"`
	// Time is when the request was sent.
	Time time.Time `json:"time"`
	// Duration is how long the answer took.
	Duration time.Duration `json:"duration"`
	// Method and URL are the request line.
	Method string `json:"method"`
	URL    string `json:"url"`
	// RequestHeader and RequestBody are what was sent.
	RequestHeader http.Header `json:"request_header,omitempty"`
	RequestBody   []byte      `json:"request_body,omitempty"`
	// Status, ResponseHeader and ResponseBody are the answer; Status is 0
	// when there was none.
	Status         int         `json:"status"`
	ResponseHeader http.Header `json:"response_header,omitempty"`
	ResponseBody   []byte      `json:"response_body,omitempty"`
	// Err is the transport error, if the request failed.
	Err string `json:"error,omitempty"`
}

// stepInfo travels in a request's context to name the step it makes.
type stepInfo struct{ provider, kind, explain string }

// stepKey is the context key of a stepInfo.
type stepKey struct{}

// WithStep labels the requests made with ctx as one step of provider's
// flow: kind in the protocol's words (see Step.Kind) and a one-line
// explanation.
func WithStep(ctx context.Context, provider, kind, explain string) context.Context {
	return context.WithValue(ctx, stepKey{}, stepInfo{provider, kind, explain})
}

// AppendExplain adds a sentence to the explanation of ctx's step label,
// if it has one (for what is decided while the request is made, such as
// how the client authenticated).
func AppendExplain(ctx context.Context, more string) context.Context {
	info, ok := ctx.Value(stepKey{}).(stepInfo)
	if !ok {
		return ctx
	}
	info.explain += ". " + more
	return context.WithValue(ctx, stepKey{}, info)
}
