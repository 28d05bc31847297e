// Package accesstoken reads what an access token says about itself when
// it is a JWT (RFC 9068: typ at+jwt, with iss, aud, sub, client_id, scope,
// exp and, for a sender-constrained token, cnf). It only decodes: the
// signature is not checked, because an access token is for the resource
// server to verify, not for the client (RFC 9068 §6: the client must
// treat it as opaque). Everything Decode returns is therefore marked not
// verified, and is for showing, never for deciding. An opaque token (not a
// JWS compact serialization) decodes to ok = false.
package accesstoken

import (
	"encoding/base64"
	"encoding/json"
	"strings"
	"time"
)

// NotVerified is the label to show beside anything read from a JWT access
// token.
const NotVerified = "not verified by the client"

// Info is a JWT access token's header and claims, as the token states them.
type Info struct {
	// Header is the JOSE header (alg, typ, kid, ...).
	Header map[string]any `json:"header"`
	// Claims is the whole claims set.
	Claims map[string]any `json:"claims"`
	// Type is the header's typ (at+jwt for RFC 9068 tokens).
	Type string `json:"typ,omitempty"`
	// Alg is the header's alg.
	Alg string `json:"alg,omitempty"`
	// Issuer is iss.
	Issuer string `json:"iss,omitempty"`
	// Subject is sub.
	Subject string `json:"sub,omitempty"`
	// Audience is aud: the resource servers the token is for.
	Audience []string `json:"aud,omitempty"`
	// ClientID is client_id.
	ClientID string `json:"client_id,omitempty"`
	// Scope is the scope claim, split on spaces.
	Scope []string `json:"scope,omitempty"`
	// Confirmation is cnf (RFC 7800), e.g. {"jkt": ...} for DPoP.
	Confirmation map[string]any `json:"cnf,omitempty"`
	// Expiry is exp; zero when absent.
	Expiry time.Time `json:"exp,omitzero"`
	// IssuedAt is iat; zero when absent.
	IssuedAt time.Time `json:"iat,omitzero"`
	// Verified is always false: see the package doc.
	Verified bool `json:"verified"`
	// Note is NotVerified.
	Note string `json:"note"`
}

// Decode reads raw's header and claims without checking its signature.
// ok is false when raw is not a JWS with a JSON header and claims set
// (an opaque token, or an encrypted JWE).
func Decode(raw string) (info *Info, ok bool) {
	parts := strings.Split(raw, ".")
	if len(parts) != 3 || len(raw) > 64<<10 {
		return nil, false
	}
	var hdr, claims map[string]any
	if !decodePart(parts[0], &hdr) || !decodePart(parts[1], &claims) {
		return nil, false
	}
	in := &Info{Header: hdr, Claims: claims, Note: NotVerified}
	in.Type, _ = hdr["typ"].(string)
	in.Alg, _ = hdr["alg"].(string)
	in.Issuer, _ = claims["iss"].(string)
	in.Subject, _ = claims["sub"].(string)
	in.ClientID, _ = claims["client_id"].(string)
	switch aud := claims["aud"].(type) {
	case string:
		in.Audience = []string{aud}
	case []any:
		for _, a := range aud {
			if s, ok := a.(string); ok {
				in.Audience = append(in.Audience, s)
			}
		}
	}
	if s, ok := claims["scope"].(string); ok {
		in.Scope = strings.Fields(s)
	}
	in.Confirmation, _ = claims["cnf"].(map[string]any)
	in.Expiry = numericDate(claims["exp"])
	in.IssuedAt = numericDate(claims["iat"])
	return in, true
}

// decodePart base64url-decodes one JWS part into v.
func decodePart(s string, v *map[string]any) bool {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil {
		return false
	}
	return json.Unmarshal(b, v) == nil && *v != nil
}

// numericDate reads a JWT NumericDate (seconds since the epoch).
func numericDate(v any) time.Time {
	f, ok := v.(float64)
	if !ok || f <= 0 || f > 1e11 {
		return time.Time{}
	}
	return time.Unix(int64(f), 0).UTC()
}
