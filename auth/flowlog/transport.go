package flowlog

import (
	"bytes"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// MaxBodyBytes is how much of each request or streamed response body a
// step keeps.
const MaxBodyBytes = 1 << 20

// stepFor starts the step of a labelled request: its request line, headers
// and (a copy of) its body. ok is false for a request without a label.
func stepFor(req *http.Request, now func() time.Time) (s Step, ok bool) {
	info, ok := req.Context().Value(stepKey{}).(stepInfo)
	if !ok {
		return Step{}, false
	}
	s = Step{Provider: info.provider, Kind: info.kind, Explain: info.explain, Time: now(),
		Method: req.Method, URL: req.URL.String(), RequestHeader: req.Header.Clone()}
	if req.Body != nil && req.GetBody != nil {
		if body, err := req.GetBody(); err == nil {
			s.RequestBody, _ = io.ReadAll(io.LimitReader(body, MaxBodyBytes))
			body.Close()
		}
	}
	return s, true
}

// Transport records every labelled request (see WithStep) and its answer
// in Log, the whole response body included: it is for provider calls,
// whose bodies are already capped. Unlabelled requests pass through.
type Transport struct {
	// Next sends the request.
	Next http.RoundTripper
	// Log receives the steps.
	Log *Log
	// Now is the clock.
	Now func() time.Time
}

// RoundTrip sends req, recording it and its answer when it is labelled.
func (t *Transport) RoundTrip(req *http.Request) (*http.Response, error) {
	s, ok := stepFor(req, t.Now)
	if !ok {
		return t.Next.RoundTrip(req)
	}
	resp, err := t.Next.RoundTrip(req)
	s.Duration = t.Now().Sub(s.Time)
	if err != nil {
		s.Err = err.Error()
		t.Log.Add(s)
		return nil, err
	}
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	s.Status, s.ResponseHeader, s.ResponseBody = resp.StatusCode, resp.Header.Clone(), body
	if rerr != nil {
		s.Err = rerr.Error()
		t.Log.Add(s)
		return nil, rerr
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	t.Log.Add(s)
	return resp, nil
}

// StreamTransport records labelled requests like Transport, but without
// holding whole bodies: the response body is passed through to the caller
// as it is read, and its first MaxBodyBytes are kept for the step, which
// is added once the body has been read to its end or closed. It is for
// calls whose answers may be of any size (an API console).
type StreamTransport struct {
	// Next sends the request.
	Next http.RoundTripper
	// Log receives the steps.
	Log *Log
	// Now is the clock.
	Now func() time.Time
}

// RoundTrip sends req; the step is logged once the body is read or closed.
func (t *StreamTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	s, ok := stepFor(req, t.Now)
	if !ok {
		return t.Next.RoundTrip(req)
	}
	resp, err := t.Next.RoundTrip(req)
	if err != nil {
		s.Duration = t.Now().Sub(s.Time)
		s.Err = err.Error()
		t.Log.Add(s)
		return nil, err
	}
	s.Status, s.ResponseHeader = resp.StatusCode, resp.Header.Clone()
	resp.Body = &loggedBody{rc: resp.Body, step: s, t: t}
	return resp, nil
}

// loggedBody passes a response body through and logs its step when it
// ends, with the body's first MaxBodyBytes.
type loggedBody struct {
	rc   io.ReadCloser
	step Step
	t    *StreamTransport
	kept bytes.Buffer
	once sync.Once
}

// Read reads from the body, keeping a copy of its beginning.
func (b *loggedBody) Read(p []byte) (int, error) {
	n, err := b.rc.Read(p)
	if room := MaxBodyBytes - b.kept.Len(); room > 0 && n > 0 {
		b.kept.Write(p[:min(n, room)])
	}
	if err != nil {
		b.finish(err)
	}
	return n, err
}

// Close closes the body and logs the step if that has not happened yet.
func (b *loggedBody) Close() error {
	err := b.rc.Close()
	b.finish(nil)
	return err
}

// finish logs the step once.
func (b *loggedBody) finish(err error) {
	b.once.Do(func() {
		s := b.step
		s.Duration = b.t.Now().Sub(s.Time)
		s.ResponseBody = bytes.Clone(b.kept.Bytes())
		if err != nil && !errors.Is(err, io.EOF) {
			s.Err = err.Error()
		}
		b.t.Log.Add(s)
	})
}
