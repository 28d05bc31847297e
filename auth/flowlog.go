package auth

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"

	"oauthdesk/auth/internal/httplimit"
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

type stepKey struct{}

// withStep labels the requests made with ctx as one kind of step.
func withStep(ctx context.Context, provider, kind, explain string) context.Context {
	return context.WithValue(ctx, stepKey{}, stepInfo{provider, kind, explain})
}

// maxStepsPerProvider bounds a provider's log in memory.
const maxStepsPerProvider = 500

// flowLog keeps each provider's steps and tells listeners of new ones.
type flowLog struct {
	mu     sync.Mutex
	steps  map[string][]Step
	next   map[string]int
	onStep func(Step)
}

// add numbers and keeps a step, and hands it to the listener.
func (l *flowLog) add(s Step) {
	l.mu.Lock()
	if l.steps == nil {
		l.steps, l.next = map[string][]Step{}, map[string]int{}
	}
	l.next[s.Provider]++
	s.N = l.next[s.Provider]
	list := append(l.steps[s.Provider], s)
	if len(list) > maxStepsPerProvider {
		list = list[len(list)-maxStepsPerProvider:]
	}
	l.steps[s.Provider] = list
	on := l.onStep
	l.mu.Unlock()
	if on != nil {
		on(s)
	}
}

// FlowLog returns a copy of the provider's recorded steps, oldest first.
func (e *Engine) FlowLog(provider string) []Step {
	e.flow.mu.Lock()
	defer e.flow.mu.Unlock()
	return append([]Step(nil), e.flow.steps[providerOf(provider)]...)
}

// ClearFlowLog forgets the provider's steps.
func (e *Engine) ClearFlowLog(provider string) {
	e.flow.mu.Lock()
	defer e.flow.mu.Unlock()
	delete(e.flow.steps, providerOf(provider))
}

// recordBrowserStep logs a step that happened in the browser.
func (e *Engine) recordBrowserStep(provider, kind, explain, rawURL string) {
	e.flow.add(Step{Provider: provider, Kind: kind, Explain: explain, Time: e.now(), Method: http.MethodGet, URL: rawURL})
}

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
			s.RequestBody, _ = io.ReadAll(io.LimitReader(body, httplimit.MaxBodyBytes))
			body.Close()
		}
	}
	return s, true
}

// recordTransport records every request that carries a stepInfo.
type recordTransport struct {
	next http.RoundTripper
	log  *flowLog
	now  func() time.Time
}

// RoundTrip sends req, recording it and its answer when it is labelled.
func (t *recordTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	s, ok := stepFor(req, t.now)
	if !ok {
		return t.next.RoundTrip(req)
	}
	resp, err := t.next.RoundTrip(req)
	s.Duration = t.now().Sub(s.Time)
	if err != nil {
		s.Err = err.Error()
		t.log.add(s)
		return nil, err
	}
	body, rerr := io.ReadAll(resp.Body)
	resp.Body.Close()
	s.Status, s.ResponseHeader, s.ResponseBody = resp.StatusCode, resp.Header.Clone(), body
	if rerr != nil {
		s.Err = rerr.Error()
		t.log.add(s)
		return nil, rerr
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	t.log.add(s)
	return resp, nil
}

// Redaction: which parts of a step are secret.
var (
	secretHeaders = map[string]bool{"Authorization": true, "Cookie": true, "Set-Cookie": true, "Dpop": true}
	secretFields  = map[string]bool{
		"access_token": true, "refresh_token": true, "id_token": true, "client_secret": true,
		"code": true, "code_verifier": true, "token": true, "device_code": true, "password": true,
		"assertion": true, "client_assertion": true, "state": true, "nonce": true, "code_challenge": true,
	}
)

// redacted is what a secret is shown as.
const redacted = "•••• (hidden)"

// Redacted returns the step with secrets masked: tokens, codes, the client
// secret, the PKCE verifier, state and nonce, in the URL, the headers and
// form or JSON bodies.
func (s Step) Redacted() Step {
	s.URL = redactURLValues(s.URL)
	s.RequestHeader = redactHeader(s.RequestHeader)
	s.ResponseHeader = redactHeader(s.ResponseHeader)
	s.RequestBody = redactBody(s.RequestBody)
	s.ResponseBody = redactBody(s.ResponseBody)
	return s
}

func redactURLValues(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" {
		return raw
	}
	q := u.Query()
	for k := range q {
		if secretFields[k] {
			q.Set(k, redacted)
		}
	}
	u.RawQuery = q.Encode()
	return u.String()
}

func redactHeader(h http.Header) http.Header {
	if h == nil {
		return nil
	}
	out := h.Clone()
	for k, v := range out {
		if secretHeaders[http.CanonicalHeaderKey(k)] {
			for i, val := range v {
				scheme, _, found := strings.Cut(val, " ")
				if found && (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "Basic")) {
					v[i] = scheme + " " + redacted
				} else {
					v[i] = redacted
				}
			}
		}
	}
	return out
}

// redactBody masks secret fields of a JSON object or a form body, and
// a bare JWT; other bodies are kept.
func redactBody(b []byte) []byte {
	t := bytes.TrimSpace(b)
	if len(t) == 0 {
		return b
	}
	if t[0] == '{' {
		var m map[string]any
		if json.Unmarshal(t, &m) == nil {
			redactJSON(m)
			out, _ := json.Marshal(m)
			return out
		}
		return b
	}
	if looksLikeJWT(string(t)) {
		return []byte(redacted)
	}
	if q, err := url.ParseQuery(string(t)); err == nil && len(q) > 0 && !bytes.ContainsAny(t, " \n<") {
		for k := range q {
			if secretFields[k] {
				q.Set(k, redacted)
			}
		}
		return []byte(q.Encode())
	}
	return b
}

func redactJSON(m map[string]any) {
	for k, v := range m {
		if secretFields[k] {
			m[k] = redacted
			continue
		}
		if inner, ok := v.(map[string]any); ok {
			redactJSON(inner)
		}
	}
}

// looksLikeJWT reports whether s has the shape header.payload.signature.
func looksLikeJWT(s string) bool {
	parts := strings.Split(s, ".")
	return len(parts) == 3 && len(parts[0]) > 10 && !strings.ContainsAny(s, " {}\"")
}

// Text renders the step for people: the request, the answer, bodies
// pretty-printed when they are JSON or forms.
func (s Step) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s — %s\n", s.N, s.Kind, s.Explain)
	fmt.Fprintf(&b, "→ %s %s\n", s.Method, s.URL)
	writeHeaders(&b, "  ", s.RequestHeader)
	if len(s.RequestBody) > 0 {
		b.WriteString(indent(prettyBody(s.RequestBody), "  ") + "\n")
	}
	switch {
	case s.Err != "":
		fmt.Fprintf(&b, "← error: %s\n", s.Err)
	case s.Status != 0:
		fmt.Fprintf(&b, "← %d %s (%s)\n", s.Status, http.StatusText(s.Status), s.Duration.Round(time.Millisecond))
		writeHeaders(&b, "  ", s.ResponseHeader)
		if len(s.ResponseBody) > 0 {
			b.WriteString(indent(prettyBody(s.ResponseBody), "  ") + "\n")
		}
	}
	return b.String()
}

func writeHeaders(b *strings.Builder, prefix string, h http.Header) {
	for _, k := range sortedKeys(h) {
		for _, v := range h[k] {
			fmt.Fprintf(b, "%s%s: %s\n", prefix, k, v)
		}
	}
}

// prettyBody indents JSON, splits forms into lines, and keeps other text;
// a body that is not UTF-8 is shown as base64.
func prettyBody(body []byte) string {
	t := bytes.TrimSpace(body)
	var out bytes.Buffer
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Indent(&out, t, "", "  ") == nil {
		return out.String()
	}
	if q, err := url.ParseQuery(string(t)); err == nil && len(q) > 1 && !bytes.ContainsAny(t, " \n<") {
		var lines []string
		for _, k := range sortedKeys(q) {
			for _, v := range q[k] {
				lines = append(lines, k+"="+v)
			}
		}
		return strings.Join(lines, "\n")
	}
	return DisplayBody(body)
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}
