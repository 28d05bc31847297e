package oidcpeer

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"
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
	// Params lists the OAuth parameters oidc-provider read from the query
	// or the form body (client_id, client_assertion, request_uri, ...).
	Params []string `json:"params"`
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

// HasParam reports whether oidc-provider read the OAuth parameter.
func (e Entry) HasParam(name string) bool {
	for _, q := range e.Params {
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
			if e.Event == "sync" {
				p.synced = e.Description
			} else {
				p.log = append(p.log, e)
			}
		}
		p.cond.Broadcast()
		p.mu.Unlock()
	}
}

// Log returns every entry of the requests answered so far (it first
// syncs with the peer, so an answer the test has received is in it).
func (p *Peer) Log() []Entry {
	p.sync()
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

// sync asks the peer to write a marker and waits (at most 5 s) until it
// has been read: every request answered before is then in the log.
func (p *Peer) sync() {
	p.mu.Lock()
	p.syncN++
	id := strconv.Itoa(p.syncN)
	p.mu.Unlock()
	resp, err := syncClient.Get(p.Issuer + "/__peer/sync?id=" + id)
	if err != nil {
		return
	}
	resp.Body.Close()
	deadline := time.AfterFunc(5*time.Second, func() {
		p.mu.Lock()
		p.synced = "timeout-" + id
		p.cond.Broadcast()
		p.mu.Unlock()
	})
	defer deadline.Stop()
	p.mu.Lock()
	for p.synced != id && p.synced != "timeout-"+id {
		p.cond.Wait()
	}
	p.mu.Unlock()
}

// syncClient talks to the peer directly.
var syncClient = &http.Client{Timeout: 5 * time.Second, Transport: &http.Transport{Proxy: nil}}

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
