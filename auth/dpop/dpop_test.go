package dpop

import (
	"crypto"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"

	"oauthdesk/internal/oidcpeer"
)

func TestProof(t *testing.T) {
	k, err := Generate()
	if err != nil {
		t.Fatal(err)
	}
	raw, err := k.Marshal()
	if err != nil {
		t.Fatal(err)
	}
	again, err := Parse(raw)
	if err != nil || again.Thumbprint() != k.Thumbprint() {
		t.Fatalf("round trip: %v", err)
	}
	if _, err := Parse([]byte(`{"kty":"oct","k":"AAAA"}`)); err == nil {
		t.Fatal("a symmetric JWK was taken as a DPoP key")
	}
	now := time.Unix(1_800_000_000, 0)
	p1, err := k.Proof("get", "https://api.example/v1/me?x=1#frag", "n-1", "tok", now)
	if err != nil {
		t.Fatal(err)
	}
	p2, _ := k.Proof("GET", "https://api.example/v1/me", "", "", now)
	jws, err := jose.ParseSigned(p1, []jose.SignatureAlgorithm{jose.ES256})
	if err != nil {
		t.Fatal(err)
	}
	h := jws.Signatures[0].Header
	if h.JSONWebKey == nil || h.ExtraHeaders["typ"] != "dpop+jwt" {
		t.Fatalf("header: %+v", h)
	}
	if tp, _ := h.JSONWebKey.Thumbprint(cryptoSHA256); base64.RawURLEncoding.EncodeToString(tp) != k.Thumbprint() {
		t.Fatal("the embedded key is not the session key")
	}
	payload, err := jws.Verify(h.JSONWebKey)
	if err != nil {
		t.Fatal(err)
	}
	var c map[string]any
	_ = json.Unmarshal(payload, &c)
	ath := sha256.Sum256([]byte("tok"))
	if c["htm"] != "GET" || c["htu"] != "https://api.example/v1/me" || c["nonce"] != "n-1" || c["iat"] != float64(now.Unix()) || c["ath"] != base64.RawURLEncoding.EncodeToString(ath[:]) {
		t.Fatalf("claims: %v", c)
	}
	if strings.Split(p1, ".")[1] == strings.Split(p2, ".")[1] {
		t.Fatal("two proofs have the same claims (jti is not fresh)")
	}
}

func TestErrorCode(t *testing.T) {
	h := http.Header{}
	h.Set("WWW-Authenticate", `DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof"`)
	h.Set("DPoP-Nonce", "abc")
	if !WantsNonce(401, h, nil) || ErrorCode(401, h, nil) != ErrCodeUseNonce {
		t.Fatal("resource-server nonce challenge not seen")
	}
	if !WantsNonce(400, http.Header{"Dpop-Nonce": {"x"}}, []byte(`{"error":"use_dpop_nonce"}`)) {
		t.Fatal("token-endpoint nonce answer not seen")
	}
	if WantsNonce(400, http.Header{}, []byte(`{"error":"use_dpop_nonce"}`)) {
		t.Fatal("a nonce answer without a nonce would loop")
	}
	if ErrorCode(400, nil, []byte(`{"error":"invalid_dpop_proof"}`)) != ErrCodeInvalidProof || ErrorCode(400, nil, []byte(`{"error":"invalid_grant"}`)) != "" {
		t.Fatal("error codes")
	}
	bearer := http.Header{"Www-Authenticate": {`Bearer error="use_dpop_nonce"`}}
	if ErrorCode(401, bearer, nil) != "" {
		t.Fatal("a Bearer challenge was read as DPoP")
	}
}

// TestSendAgainstPeer: at a real oidc-provider that wants a nonce, Send
// retries once with it and gets a DPoP-bound JWT access token whose
// cnf.jkt is the key's thumbprint; a second Send uses the remembered nonce
// and needs no retry.
func TestSendAgainstPeer(t *testing.T) {
	api := "https://api.peer.example/"
	p := oidcpeer.StartT(t, oidcpeer.Mode{
		DPoP:            &oidcpeer.DPoP{RequireNonce: true},
		Scopes:          []string{"api:read"},
		ResourceServers: map[string]oidcpeer.ResourceServer{api: {Scope: "api:read"}},
		Clients: []oidcpeer.Client{{
			"client_id": "m2m", "client_secret": "a-client-secret-of-at-least-32-bytes-long",
			"grant_types": []string{"client_credentials"}, "redirect_uris": []string{}, "response_types": []string{},
			"dpop_bound_access_tokens": true,
		}},
	})
	k, _ := Generate()
	retries := 0
	s := &Sender{Key: k, Nonces: &Nonces{}, Client: http.DefaultClient, OnRetry: func(*http.Request, string) { retries++ }}
	build := func() (*http.Request, error) {
		form := url.Values{"grant_type": {"client_credentials"}, "resource": {api}, "scope": {"api:read"}}
		req, err := http.NewRequest(http.MethodPost, p.Issuer+"/token", strings.NewReader(form.Encode()))
		if err == nil {
			req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
			req.SetBasicAuth("m2m", "a-client-secret-of-at-least-32-bytes-long")
		}
		return req, err
	}
	for want := 1; want >= 1; want-- {
		resp, err := s.Send(build, "")
		if err != nil {
			t.Fatal(err)
		}
		var body map[string]any
		_ = json.NewDecoder(resp.Body).Decode(&body)
		resp.Body.Close()
		if resp.StatusCode != 200 || body["token_type"] != "DPoP" {
			t.Fatalf("token: %d %v", resp.StatusCode, body)
		}
		b := BindingOf(body["access_token"].(string))
		if !b.JWT || b.JKT != k.Thumbprint() {
			t.Fatalf("binding %+v, want jkt %s", b, k.Thumbprint())
		}
		if retries != 1 {
			t.Fatalf("%d retries, want exactly 1 (the first request only)", retries)
		}
	}
	if BindingOf("opaque-token").JWT {
		t.Fatal("an opaque token read as a JWT")
	}
}

var cryptoSHA256 = crypto.SHA256

// BenchmarkProof is the client's cost of one proof (ES256 signature,
// with ath): go test ./auth/dpop -run '^$' -bench Proof
func BenchmarkProof(b *testing.B) {
	k, _ := Generate()
	now := time.Now()
	for b.Loop() {
		if _, err := k.Proof("GET", "https://api.example/v1/me", "nonce", "access-token", now); err != nil {
			b.Fatal(err)
		}
	}
}
