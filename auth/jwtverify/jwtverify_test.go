package jwtverify

import (
	"context"
	"crypto/ed25519"
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"
)

// signEd25519 makes a compact JWS with alg Ed25519 (RFC 9864).
func signEd25519(t *testing.T, priv ed25519.PrivateKey, kid, payload string) string {
	t.Helper()
	hdr, _ := json.Marshal(map[string]string{"alg": Ed25519, "kid": kid, "typ": "JWT"})
	in := base64.RawURLEncoding.EncodeToString(hdr) + "." + base64.RawURLEncoding.EncodeToString([]byte(payload))
	return in + "." + base64.RawURLEncoding.EncodeToString(ed25519.Sign(priv, []byte(in)))
}

// jwksServer publishes keys over real HTTP on 127.0.0.1 and counts fetches.
func jwksServer(t *testing.T, keys ...jose.JSONWebKey) (*httptest.Server, *int) {
	n := 0
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n++
		w.Header().Set("Content-Type", "application/json")
		// An unknown key kind first: it must not hide the others.
		b, _ := json.Marshal(jose.JSONWebKeySet{Keys: keys})
		w.Write([]byte(strings.Replace(string(b), `"keys":[`, `"keys":[{"kty":"unknown-kind","kid":"x"},`, 1)))
	}))
	t.Cleanup(srv.Close)
	return srv, &n
}

type failVerifier struct{}

func (failVerifier) VerifySignature(context.Context, string) ([]byte, error) {
	return nil, errors.New("remote verifier called")
}

func TestEd25519Alg(t *testing.T) {
	pub, priv, _ := ed25519.GenerateKey(rand.Reader)
	otherPub, _, _ := ed25519.GenerateKey(rand.Reader)
	srv, fetches := jwksServer(t, jose.JSONWebKey{Key: otherPub, KeyID: "other", Use: "sig"}, jose.JSONWebKey{Key: pub, KeyID: "k1", Use: "sig"})
	ks := &KeySet{Remote: failVerifier{}, Client: srv.Client(), URI: srv.URL}
	ctx := context.Background()
	payload, err := ks.VerifySignature(ctx, signEd25519(t, priv, "k1", `{"sub":"u"}`))
	if err != nil || string(payload) != `{"sub":"u"}` {
		t.Fatalf("valid Ed25519 JWS: %q %v", payload, err)
	}
	tampered := signEd25519(t, priv, "k1", `{"sub":"u"}`)
	parts := strings.Split(tampered, ".")
	parts[1] = base64.RawURLEncoding.EncodeToString([]byte(`{"sub":"admin"}`))
	if _, err := ks.VerifySignature(ctx, strings.Join(parts, ".")); err == nil || !strings.Contains(err.Error(), "does not match") {
		t.Fatalf("tampered payload: %v", err)
	}
	// An unknown kid refetches the keys once, then fails naming the kid.
	before := *fetches
	if _, err := ks.VerifySignature(ctx, signEd25519(t, priv, "rotated", `{}`)); err == nil || !strings.Contains(err.Error(), `kid "rotated"`) {
		t.Fatalf("unknown kid: %v", err)
	}
	if *fetches != before+1 {
		t.Fatalf("unknown kid: %d fetches, want 1", *fetches-before)
	}
	// Every other alg goes to the remote verifier.
	if _, err := ks.VerifySignature(ctx, "eyJhbGciOiJFUzI1NiJ9.e30.c2ln"); err == nil || err.Error() != "remote verifier called" {
		t.Fatalf("ES256: %v", err)
	}
}

func TestCheckAlgNamesTheAlg(t *testing.T) {
	accepted := []string{"RS256", "ES256"}
	for _, c := range []struct {
		alg, want string
		secret    bool
	}{
		{"none", "unsigned", false},
		{"HS256", "no client secret", false},
		{"ES384", "does not document it (it lists RS256, ES256)", false},
		{"HS512", "does not document it", true},
		{"ES256K", "oauthdesk verifies RS256", false},
		{"", "names no alg", false},
	} {
		err := CheckAlg(c.alg, accepted, accepted, c.secret)
		var ue *UnsupportedAlgError
		if !errors.As(err, &ue) || !errors.Is(err, ErrUnsupportedAlg) || !strings.Contains(err.Error(), c.want) || !strings.Contains(err.Error(), `"`+c.alg+`"`) {
			t.Errorf("CheckAlg(%q) = %v, want it to name the alg and say %q", c.alg, err, c.want)
		}
	}
	if err := CheckAlg("ES256", accepted, accepted, false); err != nil {
		t.Fatal(err)
	}
}
