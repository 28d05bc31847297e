package ui

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"
)

// tokenKind says what a token's text is.
type tokenKind int

// The token kinds.
const (
	// kindOpaque is a reference only the provider can read.
	kindOpaque tokenKind = iota
	// kindJWT is a signed JSON Web Token (JWS compact form), readable here.
	kindJWT
	// kindJWE is an encrypted JWT, unreadable without the key.
	kindJWE
)

// claim is one member of a JWT header or payload, in the token's order.
type claim struct {
	Name string
	// Value is the member for people: strings unquoted, times as local
	// times, other JSON compact.
	Value string
}

// decodedToken is a token taken apart for display. The signature is not
// checked here; the engine verified the ID token before storing it.
type decodedToken struct {
	Kind   tokenKind
	Header []claim
	Claims []claim
	// Alg is the header's alg, such as RS256.
	Alg string
	// Err says why a token that looks like a JWT could not be decoded.
	Err error
}

// timeClaims are the claims holding NumericDate values (RFC 7519 §2).
var timeClaims = map[string]bool{"exp": true, "iat": true, "nbf": true, "auth_time": true, "updated_at": true}

// decodeToken takes tok apart; now is used to say how far away times are.
func decodeToken(tok string, now time.Time) decodedToken {
	parts := strings.Split(tok, ".")
	switch len(parts) {
	case 5:
		d := decodedToken{Kind: kindJWE}
		d.Header, _ = decodeSegment(parts[0], now)
		d.Alg = claimValue(d.Header, "alg")
		return d
	case 3:
	default:
		return decodedToken{Kind: kindOpaque}
	}
	header, err := decodeSegment(parts[0], now)
	if err != nil {
		// Three dot-separated parts that are not base64url JSON: an
		// opaque token that happens to contain two dots.
		return decodedToken{Kind: kindOpaque}
	}
	d := decodedToken{Kind: kindJWT, Header: header, Alg: claimValue(header, "alg")}
	d.Claims, d.Err = decodeSegment(parts[1], now)
	if d.Err != nil {
		d.Err = fmt.Errorf("%s: %w", T("the payload is not base64url JSON"), d.Err)
	}
	return d
}

// claimValue is the value of the member name, or "".
func claimValue(cs []claim, name string) string {
	for _, c := range cs {
		if c.Name == name {
			return c.Value
		}
	}
	return ""
}

// decodeSegment decodes one base64url JSON object, keeping its member order.
func decodeSegment(seg string, now time.Time) ([]claim, error) {
	raw, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(seg, "="))
	if err != nil {
		return nil, err
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	tok, err := dec.Token()
	if err != nil {
		return nil, err
	}
	if d, ok := tok.(json.Delim); !ok || d != '{' {
		return nil, errors.New(T("not a JSON object"))
	}
	var out []claim
	for dec.More() {
		kt, err := dec.Token()
		if err != nil {
			return nil, err
		}
		name, _ := kt.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, err
		}
		out = append(out, claim{Name: name, Value: displayJSON(name, v, now)})
	}
	return out, nil
}

// displayJSON renders a member's value for people.
func displayJSON(name string, v json.RawMessage, now time.Time) string {
	v = bytes.TrimSpace(v)
	if len(v) > 0 && v[0] == '"' {
		var s string
		if json.Unmarshal(v, &s) == nil {
			return s
		}
	}
	if timeClaims[name] {
		if n, err := strconv.ParseFloat(string(v), 64); err == nil {
			t := time.Unix(int64(n), 0)
			return fmt.Sprintf("%s  (%s, %s)", v, formatTimeFull(t), formatRemaining(t.Sub(now)))
		}
	}
	var list []string
	if len(v) > 0 && v[0] == '[' && json.Unmarshal(v, &list) == nil {
		return strings.Join(list, ", ")
	}
	var buf bytes.Buffer
	if json.Compact(&buf, v) == nil {
		return buf.String()
	}
	return string(v)
}

// maskToken hides a token's text except its start.
func maskToken(tok string) string {
	show := min(8, len(tok)/4)
	return tok[:show] + strings.Repeat("•", 24) + "  (" + TN("{{.Count}} characters", len(tok)) + ")"
}
