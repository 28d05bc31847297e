package oidcpeer

import (
	"context"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"oauthdesk/internal/testbrowser"
)

// This file is a minimal OAuth client for the peer's own tests: just
// enough to prove each mode of the peer behaves like the real server it
// is (it is not oauthdesk's engine, which the e2e tests drive).

var httpc = &http.Client{Timeout: 10 * time.Second, Transport: &http.Transport{Proxy: nil}}

// discovery fetches the peer's discovery document.
func discovery(t *testing.T, p *Peer) map[string]any {
	t.Helper()
	var d map[string]any
	getJSON(t, p.Issuer+"/.well-known/openid-configuration", &d)
	return d
}

func getJSON(t *testing.T, u string, v any) {
	t.Helper()
	resp, err := httpc.Get(u)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("GET %s: %v", u, err)
	}
}

// pkce is a verifier and its S256 challenge.
type pkce struct{ verifier, challenge string }

func newPKCE() pkce {
	b := make([]byte, 32)
	_, _ = rand.Read(b)
	v := base64.RawURLEncoding.EncodeToString(b)
	s := sha256.Sum256([]byte(v))
	return pkce{v, base64.RawURLEncoding.EncodeToString(s[:])}
}

// redirectURI is a loopback redirect on a port nobody listens on: the
// scripted browser stops before loading it.
const redirectURI = "http://127.0.0.1:45123/callback"

// authParams are the usual code+PKCE authorization parameters.
func authParams(clientID string, pk pkce, extra url.Values) url.Values {
	v := url.Values{
		"client_id":             {clientID},
		"response_type":         {"code"},
		"redirect_uri":          {redirectURI},
		"scope":                 {"openid profile email offline_access"},
		"prompt":                {"consent"},
		"state":                 {"state-123456789"},
		"nonce":                 {"nonce-123456789"},
		"code_challenge":        {pk.challenge},
		"code_challenge_method": {"S256"},
	}
	for k, vs := range extra {
		v[k] = vs
	}
	return v
}

// browse runs the scripted browser on an authorize URL and returns the
// redirect's query (code, state, iss, or error).
func browse(t *testing.T, authURL string, o testbrowser.Options) url.Values {
	t.Helper()
	o.StopAtRedirect = true
	o.RedirectURI = redirectURI
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	status, body, err := testbrowser.Visit(ctx, authURL, o)
	if err != nil {
		t.Fatalf("browser: %v (status %d)\n%s", err, status, body)
	}
	if status != http.StatusFound {
		t.Fatalf("browser ended on HTTP %d, not the redirect:\n%s", status, body)
	}
	u, err := url.Parse(body)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query()
}

// tokenResponse is what a token-endpoint call returned.
type tokenResponse struct {
	status int
	header http.Header
	body   map[string]any
}

func (r tokenResponse) str(k string) string { s, _ := r.body[k].(string); return s }

// post sends a form, with optional Basic credentials and extra headers.
func post(t *testing.T, u string, form url.Values, basic [2]string, hdr map[string]string) tokenResponse {
	t.Helper()
	req, err := http.NewRequest(http.MethodPost, u, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if basic[0] != "" {
		req.SetBasicAuth(url.QueryEscape(basic[0]), url.QueryEscape(basic[1]))
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	return do(t, req)
}

func do(t *testing.T, req *http.Request) tokenResponse {
	t.Helper()
	resp, err := httpc.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	data, _ := io.ReadAll(resp.Body)
	r := tokenResponse{status: resp.StatusCode, header: resp.Header, body: map[string]any{}}
	if strings.HasPrefix(resp.Header.Get("Content-Type"), "application/json") {
		_ = json.Unmarshal(data, &r.body)
	} else {
		r.body["raw"] = string(data)
	}
	return r
}

// signJWT signs claims with key (alg from the key type, or HS256 for a
// []byte secret) and optional extra headers.
func signJWT(t *testing.T, key any, alg jose.SignatureAlgorithm, claims map[string]any, hdr map[jose.HeaderKey]any) string {
	t.Helper()
	opts := (&jose.SignerOptions{}).WithType("JWT")
	for k, v := range hdr {
		opts = opts.WithHeader(k, v)
	}
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, opts)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := s.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	out, err := jws.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// assertion is an RFC 7523 client assertion for clientID at aud.
func assertion(t *testing.T, key any, alg jose.SignatureAlgorithm, clientID, aud string, hdr map[jose.HeaderKey]any) string {
	now := time.Now().Unix()
	return signJWT(t, key, alg, map[string]any{
		"iss": clientID, "sub": clientID, "aud": aud,
		"jti": randomID(), "iat": now, "exp": now + 60,
	}, hdr)
}

func randomID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b)
	return base64.RawURLEncoding.EncodeToString(b)
}

// dpopKey is an ES256 key with its public JWK and thumbprint.
type dpopKey struct {
	priv *ecdsa.PrivateKey
	jwk  jose.JSONWebKey
	jkt  string
}

func newDPoPKey(t *testing.T) dpopKey {
	priv, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	pub := jose.JSONWebKey{Key: &priv.PublicKey}
	tp, err := pub.Thumbprint(crypto256)
	if err != nil {
		t.Fatal(err)
	}
	return dpopKey{priv, pub, base64.RawURLEncoding.EncodeToString(tp)}
}

// proof is a DPoP proof (RFC 9449 §4.2) for method and URL, with an
// optional nonce and access token hash.
func (k dpopKey) proof(t *testing.T, method, u, nonce, accessToken string) string {
	claims := map[string]any{"jti": randomID(), "htm": method, "htu": u, "iat": time.Now().Unix()}
	if nonce != "" {
		claims["nonce"] = nonce
	}
	if accessToken != "" {
		h := sha256.Sum256([]byte(accessToken))
		claims["ath"] = base64.RawURLEncoding.EncodeToString(h[:])
	}
	opts := (&jose.SignerOptions{EmbedJWK: true}).WithType("dpop+jwt")
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.ES256, Key: k.priv}, opts)
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	jws, err := s.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	out, _ := jws.CompactSerialize()
	return out
}

// jwtPart decodes part i (0 header, 1 claims) of a compact JWT.
func jwtPart(t *testing.T, tok string, i int) map[string]any {
	t.Helper()
	parts := strings.Split(tok, ".")
	if len(parts) != 3 {
		t.Fatalf("not a JWS: %d parts", len(parts))
	}
	b, err := base64.RawURLEncoding.DecodeString(parts[i])
	if err != nil {
		t.Fatal(err)
	}
	var m map[string]any
	if err := json.Unmarshal(b, &m); err != nil {
		t.Fatal(err)
	}
	return m
}

func mustEqual(t *testing.T, what string, got, want any) {
	t.Helper()
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Fatalf("%s = %v, want %v", what, got, want)
	}
}

// crypto256 is SHA-256 for JWK thumbprints (RFC 7638).
var crypto256 = crypto.SHA256

// nowPlus is the Unix time s seconds from now.
func nowPlus(s int64) int64 { return time.Now().Unix() + s }
