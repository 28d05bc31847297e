package dpop

import (
	"encoding/base64"
	"encoding/json"
	"strings"
)

// Binding says what an access token claims about its DPoP binding.
type Binding struct {
	// JWT is true when the access token is a JWT whose claims could be
	// read (not verified: only the resource server can do that).
	JWT bool
	// JKT is its cnf.jkt, "" when it has none.
	JKT string
}

// BindingOf reads cnf.jkt from an access token that is a JWT (RFC 9449
// §6.1, RFC 9068). An opaque token gives the zero Binding.
func BindingOf(accessToken string) Binding {
	parts := strings.Split(accessToken, ".")
	if len(parts) != 3 {
		return Binding{}
	}
	raw, err := base64.RawURLEncoding.DecodeString(parts[1])
	if err != nil {
		return Binding{}
	}
	var claims struct {
		Cnf struct {
			JKT string `json:"jkt"`
		} `json:"cnf"`
	}
	if json.Unmarshal(raw, &claims) != nil {
		return Binding{}
	}
	return Binding{JWT: true, JKT: claims.Cnf.JKT}
}
