package auth

import (
	"crypto/rand"
	"encoding/base64"
)

// randomToken returns n bytes from crypto/rand, base64url-encoded: for
// state and nonce (RFC 9700 §4.7.1: unguessable, bound to this sign-in).
func randomToken(n int) string {
	b := make([]byte, n)
	// crypto/rand.Read never fails on supported platforms (Go 1.24+): it
	// crashes the program rather than return weak randomness.
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}
