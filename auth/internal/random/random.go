// Package random makes the unguessable values a flow binds to itself:
// state, nonce and the like (RFC 9700 §4.7.1). Its values come from
// crypto/rand, base64url-encoded without padding.
package random

import (
	"crypto/rand"
	"encoding/base64"
)

// Token returns n bytes from crypto/rand, base64url-encoded.
func Token(n int) string {
	b := make([]byte, n)
	// crypto/rand.Read never fails on supported platforms (Go 1.24+): it
	// crashes the program rather than return weak randomness.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
