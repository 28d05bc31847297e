package oidcpeer

import (
	"bufio"
	"encoding/json"
	"io"
	"strings"
)

// Entry is one line of the peer's log: a request it answered, or one of
// oidc-provider's events. Values of headers and parameters are never
// logged, only their names.
type Entry struct {
	// Method, Path and Status of a request.
	Method string `json:"method"`
	Path   string `json:"path"`
	Status int    `json:"status"`
	// Headers lists which of Authorization, DPoP and Content-Type were sent.
	Headers []string `json:"headers"`
	// AuthScheme is the Authorization header's scheme (Basic, Bearer, DPoP).
	AuthScheme string `json:"auth_scheme"`
	// Query lists the names of the query parameters.
	Query []string `json:"query"`
	// WWWAuthenticate is the scheme of the WWW-Authenticate answer, if any.
	WWWAuthenticate string `json:"www_authenticate"`
	// DPoPNonceSent is true when the answer carried a DPoP-Nonce header.
	DPoPNonceSent bool `json:"dpop_nonce_sent"`

	// Event names an oidc-provider event (e.g. grant.error), with its
	// OAuth error code and description.
	Event       string `json:"event"`
	Error       string `json:"error"`
	Description string `json:"description"`
	// GrantType and ClientAuth are set on grant.success: the grant and the
	// client's registered authentication method.
	GrantType  string `json:"grant_type"`
	ClientAuth string `json:"client_auth"`
}

// HasHeader reports whether the request carried the (lower-case) header.
func (e Entry) HasHeader(name string) bool {
	for _, h := range e.Headers {
		if h == name {
			return true
		}
	}
	return false
}

// HasQuery reports whether the request's query had the parameter.
func (e Entry) HasQuery(name string) bool {
	for _, q := range e.Query {
		if q == name {
			return true
		}
	}
	return false
}

// readLog collects stderr lines until the process closes it.
func (p *Peer) readLog(r io.Reader) {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		var e Entry
		p.mu.Lock()
		p.raw = append(p.raw, line)
		if strings.HasPrefix(line, "{") && json.Unmarshal([]byte(line), &e) == nil {
			p.log = append(p.log, e)
		}
		p.mu.Unlock()
	}
}

// Log returns every entry so far.
func (p *Peer) Log() []Entry {
	p.mu.Lock()
	defer p.mu.Unlock()
	return append([]Entry(nil), p.log...)
}

// Requests returns the requests answered on path (e.g. "/token").
func (p *Peer) Requests(path string) []Entry {
	var out []Entry
	for _, e := range p.Log() {
		if e.Event == "" && e.Path == path {
			out = append(out, e)
		}
	}
	return out
}

// Events returns the oidc-provider events with that name.
func (p *Peer) Events(name string) []Entry {
	var out []Entry
	for _, e := range p.Log() {
		if e.Event == name {
			out = append(out, e)
		}
	}
	return out
}

// tail is the last 40 raw log lines, for error messages.
func (p *Peer) tail() string {
	p.mu.Lock()
	defer p.mu.Unlock()
	lines := p.raw
	if len(lines) > 40 {
		lines = lines[len(lines)-40:]
	}
	if len(lines) == 0 {
		return ""
	}
	return "\n  " + strings.Join(lines, "\n  ")
}
