package clientauth

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"encoding/json"
	"encoding/pem"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"oauthdesk/internal/oidcpeer"
)

func TestChoose(t *testing.T) {
	peerList := []string{"client_secret_basic", "client_secret_jwt", "client_secret_post", "private_key_jwt", "none"}
	cases := []struct {
		name, configured string
		adv              []string
		c                Credentials
		want             string
		err              error
	}{
		{"public", "", peerList, Credentials{}, None, nil},
		{"secret picks basic", "", peerList, Credentials{Secret: true}, SecretBasic, nil},
		{"key picks private_key_jwt", "", peerList, Credentials{Secret: true, Key: true}, PrivateKeyJWT, nil},
		{"post only", "", []string{"client_secret_post"}, Credentials{Secret: true}, SecretPost, nil},
		{"jwt only", "", []string{"client_secret_jwt", "private_key_jwt"}, Credentials{Secret: true}, SecretJWT, nil},
		{"nothing advertised", "", nil, Credentials{Secret: true}, SecretBasic, nil},
		{"key, nothing advertised", "", nil, Credentials{Key: true}, PrivateKeyJWT, nil},
		{"no common", "", []string{"private_key_jwt"}, Credentials{Secret: true}, "", ErrNoCommonMethod},
		{"configured", SecretPost, peerList, Credentials{Secret: true}, SecretPost, nil},
		{"configured without secret", SecretJWT, peerList, Credentials{}, "", ErrNeedsSecret},
		{"configured without key", PrivateKeyJWT, peerList, Credentials{Secret: true}, "", ErrNeedsKey},
		{"unknown", "tls_client_auth", peerList, Credentials{Secret: true}, "", ErrUnknownMethod},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got, err := Choose(c.configured, c.adv, c.c)
			if !errors.Is(err, c.err) {
				t.Fatalf("err = %v, want %v", err, c.err)
			}
			if got.Method != c.want || (err == nil && got.Why == "") || got.Picked != (c.configured == "" && err == nil) {
				t.Fatalf("Choose = %+v, want %s", got, c.want)
			}
		})
	}
	got, _ := Choose(SecretPost, []string{"client_secret_basic"}, Credentials{Secret: true})
	if !strings.Contains(got.Why, "advertises only client_secret_basic") {
		t.Fatalf("a configured method the provider does not advertise is not noted: %q", got.Why)
	}
}

func TestParseKey(t *testing.T) {
	ec, _ := ecdsa.GenerateKey(elliptic.P384(), rand.Reader)
	rsaKey, _ := rsa.GenerateKey(rand.Reader, 2048)
	short, _ := rsa.GenerateKey(rand.Reader, 1024)
	pkcs8, _ := x509.MarshalPKCS8PrivateKey(ec)
	sec1, _ := x509.MarshalECPrivateKey(ec)
	pubDER, _ := x509.MarshalPKIXPublicKey(&ec.PublicKey)
	pemOf := func(typ string, der []byte) []byte { return pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}) }
	gen, err := GenerateKey("EdDSA")
	if err != nil {
		t.Fatal(err)
	}
	genJWK, _ := gen.Marshal()
	pubJWK, _ := gen.PublicJWK()

	for _, c := range []struct {
		name string
		data []byte
		alg  string
		err  string
	}{
		{"pkcs8", pemOf("PRIVATE KEY", pkcs8), "ES384", ""},
		{"sec1", pemOf("EC PRIVATE KEY", sec1), "ES384", ""},
		{"pkcs1", pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(rsaKey)), "RS256", ""},
		{"jwk", genJWK, "EdDSA", ""},
		{"public pem", pemOf("PUBLIC KEY", pubDER), "", "public key"},
		{"public jwk", pubJWK, "", "public key"},
		{"short rsa", pemOf("RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(short)), "", "too short"},
		{"garbage", []byte("hello"), "", "neither a JWK"},
		{"broken json", []byte("{"), "", "not a JWK"},
	} {
		t.Run(c.name, func(t *testing.T) {
			k, err := ParseKey(c.data)
			if c.err != "" {
				if !errors.Is(err, ErrBadKey) || !strings.Contains(err.Error(), c.err) {
					t.Fatalf("err = %v, want %q", err, c.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if k.Alg() != c.alg || k.KeyID() == "" {
				t.Fatalf("alg %s kid %q", k.Alg(), k.KeyID())
			}
		})
	}
	again, err := ParseKey(genJWK)
	if err != nil || again.KeyID() != gen.KeyID() {
		t.Fatalf("round trip: %v, kid %s vs %s", err, again.KeyID(), gen.KeyID())
	}
	if strings.Contains(string(pubJWK), `"d"`) {
		t.Fatalf("the public JWK holds the private part: %s", pubJWK)
	}
}

// TestApplyAgainstPeer authenticates with every method at a real
// oidc-provider (client_credentials, then introspection with the
// endpoint's own aud), and checks that it really checks: another key or a
// wrong audience fails.
func TestApplyAgainstPeer(t *testing.T) {
	secret := "a-client-secret-of-at-least-32-bytes-long"
	key, err := GenerateKey("ES256")
	if err != nil {
		t.Fatal(err)
	}
	rsaKey, err := GenerateKey("PS256")
	if err != nil {
		t.Fatal(err)
	}
	jwks := func(k *Key) map[string]any {
		b, _ := k.PublicJWKS()
		var m map[string]any
		_ = json.Unmarshal(b, &m)
		return m
	}
	cc := func(id, method string) oidcpeer.Client {
		c := oidcpeer.Client{"client_id": id, "grant_types": []string{"client_credentials"}, "redirect_uris": []string{}, "response_types": []string{}, "token_endpoint_auth_method": method}
		if method != PrivateKeyJWT {
			c["client_secret"] = secret
		}
		return c
	}
	p := oidcpeer.StartT(t, oidcpeer.Mode{Clients: []oidcpeer.Client{
		cc("basic", SecretBasic), cc("post", SecretPost), cc("hs", SecretJWT),
		cc("pk", PrivateKeyJWT).With("jwks", jwks(key)),
		cc("ps", PrivateKeyJWT).With("jwks", jwks(rsaKey)),
	}})
	tokenURL, introURL := p.Issuer+"/token", p.Issuer+"/token/introspection"
	send := func(c Client, u string, form url.Values) (int, map[string]any) {
		t.Helper()
		h := http.Header{}
		line, err := c.Apply(u, form, h)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(line, secret) {
			t.Fatalf("the flow-log line holds the secret: %s", line)
		}
		req, _ := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
		req.Header = h
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		return resp.StatusCode, body
	}
	clients := []Client{
		{ID: "basic", Method: SecretBasic, Secret: secret},
		{ID: "post", Method: SecretPost, Secret: secret},
		{ID: "hs", Method: SecretJWT, Secret: secret},
		{ID: "pk", Method: PrivateKeyJWT, Key: key},
		{ID: "ps", Method: PrivateKeyJWT, Key: rsaKey, Audience: AudienceIssuer, Issuer: p.Issuer},
	}
	for _, c := range clients {
		t.Run(c.ID, func(t *testing.T) {
			for i := range 2 { // two assertions: a fresh jti each time
				status, body := send(c, tokenURL, url.Values{"grant_type": {"client_credentials"}})
				if status != 200 || body["access_token"] == nil {
					t.Fatalf("token #%d: %d %v", i+1, status, body)
				}
				status, body = send(c, introURL, url.Values{"token": {body["access_token"].(string)}})
				if status != 200 || body["active"] != true {
					t.Fatalf("introspect #%d: %d %v", i+1, status, body)
				}
			}
		})
	}
	other, _ := GenerateKey("ES256")
	if status, body := send(Client{ID: "pk", Method: PrivateKeyJWT, Key: other}, tokenURL, url.Values{"grant_type": {"client_credentials"}}); status != 401 || body["error"] != "invalid_client" {
		t.Fatalf("another key: %d %v", status, body)
	}
	if status, body := send(Client{ID: "hs", Method: SecretJWT, Secret: secret, Audience: AudienceIssuer, Issuer: "https://elsewhere.example"}, tokenURL, url.Values{"grant_type": {"client_credentials"}}); status != 401 || body["error"] != "invalid_client" {
		t.Fatalf("wrong audience: %d %v", status, body)
	}
	expired := Client{ID: "hs", Method: SecretJWT, Secret: secret, Now: func() time.Time { return time.Now().Add(-10 * time.Minute) }}
	if status, body := send(expired, tokenURL, url.Values{"grant_type": {"client_credentials"}}); status != 401 {
		t.Fatalf("an expired assertion: %d %v", status, body)
	}
}

// TestRequestObjectAgainstPeer: a server that requires signed request
// objects takes ours, HS256 with the secret and ES256 with the key, and
// refuses one signed with another key.
func TestRequestObjectAgainstPeer(t *testing.T) {
	secret := "a-client-secret-of-at-least-32-bytes-long"
	key, _ := GenerateKey("ES256")
	b, _ := key.PublicJWKS()
	var jwks map[string]any
	_ = json.Unmarshal(b, &jwks)
	p := oidcpeer.StartT(t, oidcpeer.Mode{RequireJAR: true, Clients: []oidcpeer.Client{
		oidcpeer.NativeClient("hs", secret, SecretBasic),
		oidcpeer.NativeClient("pk", "", PrivateKeyJWT).With("jwks", jwks),
	}})
	params := url.Values{"response_type": {"code"}, "redirect_uri": {"http://127.0.0.1:45999/callback"}, "scope": {"openid"},
		"state": {"state-123456789"}, "code_challenge": {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, "code_challenge_method": {"S256"}}
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	authorize := func(c Client) string {
		t.Helper()
		jwt, line, err := c.RequestObject(params, p.Issuer)
		if err != nil || !strings.Contains(line, "RFC 9101") {
			t.Fatal(err, line)
		}
		resp, err := noRedirect.Get(p.Issuer + "/auth?" + url.Values{"client_id": {c.ID}, "request": {jwt}}.Encode())
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.Header.Get("Location")
	}
	for _, c := range []Client{{ID: "hs", Secret: secret}, {ID: "pk", Key: key}} {
		// Accepted: the provider goes on to its login page.
		if loc := authorize(c); !strings.Contains(loc, "/interaction/") {
			t.Fatalf("%s: the request object was refused: %s", c.ID, loc)
		}
	}
	other, _ := GenerateKey("ES256")
	if loc := authorize(Client{ID: "pk", Key: other}); !strings.Contains(loc, "error=invalid_request_object") {
		t.Fatalf("a request object signed with another key: %s", loc)
	}
}
