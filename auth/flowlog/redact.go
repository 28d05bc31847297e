package flowlog

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"strings"
)

// Redaction: which parts of a step are secret.
var (
	secretHeaders = map[string]bool{"Authorization": true, "Cookie": true, "Set-Cookie": true, "Dpop": true}
	secretFields  = map[string]bool{
		"access_token": true, "refresh_token": true, "id_token": true, "client_secret": true,
		"code": true, "code_verifier": true, "token": true, "device_code": true, "password": true,
		"assertion": true, "client_assertion": true, "state": true, "nonce": true, "code_challenge": true,
		"id_token_hint": true, "subject_token": true, "actor_token": true, "issued_token": true, "logout_token": true,
		// A request object (JAR) carries state, nonce and the PKCE challenge.
		"request": true,
		// RFC 7591 §3.2.1: the token that manages a client registration.
		"registration_access_token": true,
	}
)

// Mask is what Redacted shows in place of a secret.
const Mask = "•••• (hidden)"

// Redacted returns the step with secrets masked: tokens, codes, the client
// secret, the PKCE verifier, state and nonce, in the URL (query and
// fragment), the headers and the bodies (see redactBody). The step itself
// is not changed: the raw log keeps everything.
func (s Step) Redacted() Step {
	s.URL = redactURLValues(s.URL)
	s.RequestHeader = redactHeader(s.RequestHeader)
	s.ResponseHeader = redactHeader(s.ResponseHeader)
	s.RequestBody = redactBody(s.RequestBody)
	s.ResponseBody = redactBody(s.ResponseBody)
	return s
}

// redactURLValues masks secret parameters in a URL's query and in its
// fragment (where an implicit or form_post-style answer carries them).
func redactURLValues(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.RawQuery == "" && u.Fragment == "" {
		return raw
	}
	if u.RawQuery != "" {
		u.RawQuery = string(redactPairs([]byte(u.RawQuery)))
	}
	if strings.Contains(u.Fragment, "=") {
		u.RawFragment = string(redactPairs([]byte(u.EscapedFragment())))
		u.Fragment, _ = url.PathUnescape(u.RawFragment)
	}
	return u.String()
}

// isSecretField reports whether a parameter or JSON member name holds a
// secret, whatever its letter case.
func isSecretField(name string) bool {
	return secretFields[strings.ToLower(strings.TrimSpace(name))]
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
				if found && (strings.EqualFold(scheme, "Bearer") || strings.EqualFold(scheme, "Basic") || strings.EqualFold(scheme, "DPoP")) {
					v[i] = scheme + " " + Mask
				} else {
					v[i] = Mask
				}
			}
		}
	}
	return out
}

// redactBody masks secrets by the body's structure, whatever the values
// hold: JSON (objects and arrays, walked all the way down), a bare JWT,
// and otherwise name=value pairs split at & and line breaks, as a form body
// or a query is — so a value with a space, a newline or a < (x/oauth2
// accepts "scope=read write" in a form-encoded token response) changes
// nothing. Names match in any letter case. What holds no secret is kept.
func redactBody(b []byte) []byte {
	t := bytes.TrimSpace(b)
	if len(t) == 0 {
		return b
	}
	if t[0] == '{' || t[0] == '[' {
		var v any
		dec := json.NewDecoder(bytes.NewReader(t))
		dec.UseNumber()
		if dec.Decode(&v) == nil && !dec.More() {
			if out, err := json.Marshal(redactJSON(v)); err == nil {
				return out
			}
		}
		// Broken JSON: mask "name": "value" members as text.
		b = jsonMember.ReplaceAllFunc(b, func(m []byte) []byte {
			sub := jsonMember.FindSubmatch(m)
			if !isSecretField(string(sub[1])) {
				return m
			}
			return append(bytes.Clone(sub[0][:len(sub[0])-len(sub[2])]), []byte(`"`+Mask+`"`)...)
		})
	}
	if looksLikeJWT(string(t)) {
		return []byte(Mask)
	}
	return redactPairs(b)
}

// jsonMember matches a JSON member with a string value: its name and value.
var jsonMember = regexp.MustCompile(`"([^"\\]{1,64})"\s*:\s*("(?:[^"\\]|\\.)*"?)`)

// redactPairs masks the values of secret name=value pairs, the pairs split
// at &, ; and line breaks; everything else is kept byte for byte.
func redactPairs(b []byte) []byte {
	var out []byte
	for len(b) > 0 {
		end := bytes.IndexAny(b, "&;\n\r")
		piece, sep := b, []byte(nil)
		if end >= 0 {
			piece, sep = b[:end], b[end:end+1]
		}
		b = b[len(piece)+len(sep):]
		if name, _, ok := bytes.Cut(piece, []byte("=")); ok {
			key := string(name)
			if k, err := url.QueryUnescape(key); err == nil {
				key = k
			}
			if isSecretField(key) {
				piece = append(append(bytes.Clone(name), '='), url.QueryEscape(Mask)...)
			}
		}
		out = append(append(out, piece...), sep...)
	}
	return out
}

// redactJSON masks secret members of v, in objects nested in objects and
// arrays at any depth, and returns it.
func redactJSON(v any) any {
	switch x := v.(type) {
	case map[string]any:
		for k, inner := range x {
			if isSecretField(k) {
				x[k] = Mask
				continue
			}
			x[k] = redactJSON(inner)
		}
	case []any:
		for i, inner := range x {
			x[i] = redactJSON(inner)
		}
	}
	return v
}

// looksLikeJWT reports whether s has the shape header.payload.signature.
func looksLikeJWT(s string) bool {
	parts := strings.Split(s, ".")
	return len(parts) == 3 && len(parts[0]) > 10 && !strings.ContainsAny(s, " {}\"")
}
