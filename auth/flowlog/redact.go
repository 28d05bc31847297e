package flowlog

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
)

// Redaction: which parts of a step are secret.
var (
	secretHeaders = map[string]bool{"Authorization": true, "Cookie": true, "Set-Cookie": true, "Dpop": true}
	secretFields  = map[string]bool{
		"access_token": true, "refresh_token": true, "id_token": true, "client_secret": true,
		"code": true, "code_verifier": true, "token": true, "device_code": true, "password": true,
		"assertion": true, "client_assertion": true, "state": true, "nonce": true, "code_challenge": true,
	}
)

// Mask is what Redacted shows in place of a secret.
const Mask = "•••• (hidden)"

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
			q.Set(k, Mask)
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
					v[i] = scheme + " " + Mask
				} else {
					v[i] = Mask
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
		return []byte(Mask)
	}
	if q, err := url.ParseQuery(string(t)); err == nil && len(q) > 0 && !bytes.ContainsAny(t, " \n<") {
		for k := range q {
			if secretFields[k] {
				q.Set(k, Mask)
			}
		}
		return []byte(q.Encode())
	}
	return b
}

func redactJSON(m map[string]any) {
	for k, v := range m {
		if secretFields[k] {
			m[k] = Mask
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
