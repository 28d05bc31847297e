package dpop

import (
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync"
)

// RFC 9449 error codes.
const (
	// ErrCodeInvalidProof: the proof was missing or wrong (§7.1, §8).
	ErrCodeInvalidProof = "invalid_dpop_proof"
	// ErrCodeUseNonce: the server wants its nonce in the proof (§8, §9).
	ErrCodeUseNonce = "use_dpop_nonce"
)

// Nonces remembers the last DPoP-Nonce each server (scheme://host) sent,
// so the next proof to it carries it. It is safe for concurrent use; the
// zero value is ready.
type Nonces struct {
	mu sync.Mutex
	m  map[string]string
}

// origin is the key of a server.
func origin(target string) string {
	u, err := url.Parse(target)
	if err != nil {
		return target
	}
	return strings.ToLower(u.Scheme + "://" + u.Host)
}

// Get returns the nonce for target's server, or "".
func (n *Nonces) Get(target string) string {
	n.mu.Lock()
	defer n.mu.Unlock()
	return n.m[origin(target)]
}

// Remember keeps the DPoP-Nonce of an answer from target's server, if any
// (RFC 9449 §8.2: a server may send a new one with any answer).
func (n *Nonces) Remember(target string, h http.Header) {
	v := strings.TrimSpace(h.Get("DPoP-Nonce"))
	if v == "" || len(v) > 1024 {
		return
	}
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.m == nil {
		n.m = map[string]string{}
	}
	n.m[origin(target)] = v
}

// errorCode reads error from a JSON error body (token endpoint, §8).
func errorCode(body []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if json.Unmarshal(body, &e) != nil {
		return ""
	}
	return e.Error
}

// dpopChallengeError matches a DPoP challenge's error parameter (§7.1).
var dpopChallengeError = regexp.MustCompile(`(?i)(?:^|[\s,])dpop\s.*?\berror\s*=\s*"?([a-z_]+)`)

// challengeCode reads the error of a WWW-Authenticate: DPoP challenge.
func challengeCode(h http.Header) string {
	for _, v := range h.Values("WWW-Authenticate") {
		if m := dpopChallengeError.FindStringSubmatch(v); m != nil {
			return strings.ToLower(m[1])
		}
	}
	return ""
}

// ErrorCode returns the RFC 9449 error of an answer — from a token
// endpoint's JSON body or a resource server's WWW-Authenticate: DPoP
// challenge — when it is invalid_dpop_proof or use_dpop_nonce, else "".
func ErrorCode(status int, h http.Header, body []byte) string {
	var code string
	switch status {
	case http.StatusBadRequest:
		code = errorCode(body)
	case http.StatusUnauthorized:
		code = challengeCode(h)
		if code == "" {
			code = errorCode(body)
		}
	}
	if code == ErrCodeInvalidProof || code == ErrCodeUseNonce {
		return code
	}
	return ""
}

// WantsNonce reports whether an answer asks for the proof to be sent
// again with the nonce it carries (use_dpop_nonce and a DPoP-Nonce header).
func WantsNonce(status int, h http.Header, body []byte) bool {
	return ErrorCode(status, h, body) == ErrCodeUseNonce && h.Get("DPoP-Nonce") != ""
}

// Load adds saved nonces (from Snapshot).
func (n *Nonces) Load(saved map[string]string) {
	n.mu.Lock()
	defer n.mu.Unlock()
	if n.m == nil {
		n.m = map[string]string{}
	}
	for k, v := range saved {
		n.m[k] = v
	}
}

// Snapshot returns a copy of the nonces, to save.
func (n *Nonces) Snapshot() map[string]string {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := make(map[string]string, len(n.m))
	for k, v := range n.m {
		out[k] = v
	}
	return out
}
