package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"oauthdesk/auth/internal/random"
	"oauthdesk/auth/store"
)

// testOP is a scriptable authorization server over real HTTP on 127.0.0.1,
// for the ways a provider can misbehave. The well-behaved peer is idp/;
// this one lies on purpose.
type testOP struct {
	t   *testing.T
	srv *httptest.Server
	key *rsa.PrivateKey

	mu sync.Mutex
	// discoveryIssuer overrides the issuer the discovery document names.
	discoveryIssuer string
	// issParam advertises RFC 9207 when true.
	issParam bool
	// token, when set, answers the token endpoint instead of the default.
	token http.HandlerFunc
	// claims edits the ID token claims before signing.
	claims func(c map[string]any)
	// sign overrides how the ID token is made.
	sign func(c map[string]any) string
	// userinfoSub overrides userinfo's sub.
	userinfoSub string
	// lastNonce is the nonce of the last authorization request.
	lastNonce string
	// refreshes counts refresh grants.
	refreshes int
	// subject is the signed-in user; "" means user-1.
	subject string
}

func newTestOP(t *testing.T) *testOP {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	op := &testOP{t: t, key: key}
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/openid-configuration", op.discovery)
	mux.HandleFunc("/jwks", op.jwks)
	mux.HandleFunc("/token", op.tokenEndpoint)
	mux.HandleFunc("/userinfo", op.userinfo)
	mux.HandleFunc("/revoke", func(w http.ResponseWriter, r *http.Request) {})
	op.srv = httptest.NewServer(mux)
	t.Cleanup(op.srv.Close)
	return op
}

func (op *testOP) issuer() string { return op.srv.URL }

func (op *testOP) discovery(w http.ResponseWriter, r *http.Request) {
	op.mu.Lock()
	iss := op.discoveryIssuer
	issParam := op.issParam
	op.mu.Unlock()
	if iss == "" {
		iss = op.issuer()
	}
	writeTestJSON(w, map[string]any{
		"issuer":                                         iss,
		"authorization_endpoint":                         op.issuer() + "/authorize",
		"token_endpoint":                                 op.issuer() + "/token",
		"userinfo_endpoint":                              op.issuer() + "/userinfo",
		"revocation_endpoint":                            op.issuer() + "/revoke",
		"jwks_uri":                                       op.issuer() + "/jwks",
		"id_token_signing_alg_values_supported":          []string{"RS256"},
		"token_endpoint_auth_methods_supported":          []string{"none", "client_secret_basic"},
		"authorization_response_iss_parameter_supported": issParam,
	})
}

func (op *testOP) jwks(w http.ResponseWriter, r *http.Request) {
	writeTestJSON(w, jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &op.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
}

func (op *testOP) tokenEndpoint(w http.ResponseWriter, r *http.Request) {
	op.mu.Lock()
	custom := op.token
	op.mu.Unlock()
	if custom != nil {
		custom(w, r)
		return
	}
	_ = r.ParseForm()
	resp := map[string]any{
		"access_token":  "at-" + random.Token(8),
		"token_type":    "Bearer",
		"expires_in":    3600,
		"refresh_token": "rt-" + random.Token(8),
		"scope":         "openid profile",
	}
	if r.Form.Get("grant_type") == "refresh_token" {
		op.mu.Lock()
		op.refreshes++
		op.mu.Unlock()
	} else {
		resp["id_token"] = op.idToken()
	}
	writeTestJSON(w, resp)
}

func (op *testOP) userinfo(w http.ResponseWriter, r *http.Request) {
	if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
		w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
		w.WriteHeader(http.StatusUnauthorized)
		return
	}
	op.mu.Lock()
	sub := op.userinfoSub
	if sub == "" {
		sub = op.subject
	}
	op.mu.Unlock()
	if sub == "" {
		sub = "user-1"
	}
	writeTestJSON(w, map[string]any{"sub": sub, "name": "Test User", "email": "test@example.com"})
}

// idToken makes an ID token for the last authorization request.
func (op *testOP) idToken() string {
	op.mu.Lock()
	sub := op.subject
	if sub == "" {
		sub = "user-1"
	}
	email := "test@example.com"
	if sub != "user-1" {
		email = sub + "@example.com"
	}
	c := map[string]any{
		"iss": op.issuer(), "sub": sub, "aud": "client-1",
		"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix(),
		"nonce": op.lastNonce, "email": email,
	}
	edit, sign := op.claims, op.sign
	op.mu.Unlock()
	if edit != nil {
		edit(c)
	}
	if sign != nil {
		return sign(c)
	}
	return signJWT(op.t, op.key, "k1", c)
}

// signJWT signs claims with RS256.
func signJWT(t *testing.T, key *rsa.PrivateKey, kid string, claims map[string]any) string {
	t.Helper()
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: kid}}, (&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		t.Fatal(err)
	}
	payload, _ := json.Marshal(claims)
	obj, err := s.Sign(payload)
	if err != nil {
		t.Fatal(err)
	}
	out, err := obj.CompactSerialize()
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// unsignedJWT is an alg "none" token.
func unsignedJWT(claims map[string]any) string {
	h, _ := json.Marshal(map[string]any{"alg": "none", "typ": "JWT", "kid": "k1"})
	p, _ := json.Marshal(claims)
	return base64.RawURLEncoding.EncodeToString(h) + "." + base64.RawURLEncoding.EncodeToString(p) + "."
}

func writeTestJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// testEngine is an engine whose config has one provider "op" at issuer,
// storing into a plain file in a temp dir. redirect edits the query the
// "browser" sends back; nil sends code + state as a provider would.
func testEngine(t *testing.T, op *testOP, redirect func(q url.Values)) *Engine {
	t.Helper()
	dir := t.TempDir()
	cfg := "[[providers]]\nid = \"op\"\npreset = \"oidc\"\nissuer = \"" + op.issuer() + "\"\nclient_id = \"client-1\"\nscopes = [\"openid\", \"profile\"]\n"
	path := filepath.Join(dir, "providers.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	e, err := New(Options{
		ConfigPath:  path,
		Store:       store.NewFileStore(filepath.Join(dir, "tokens.json")),
		LockDir:     filepath.Join(dir, "locks"),
		HTTPTimeout: 2 * time.Second,
		OpenBrowser: func(authURL string) error {
			go fakeProviderRedirect(t, op, authURL, redirect)
			return nil
		},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

// fakeProviderRedirect plays the provider's authorize step and the
// browser: it reads the authorization request and sends the browser to the
// redirect URI over real HTTP, as a provider would after consent.
func fakeProviderRedirect(t *testing.T, op *testOP, authURL string, edit func(q url.Values)) {
	if strings.Contains(authURL, "/start/") {
		// The browser is given a one-time start URL that redirects to the
		// authorization request.
		c := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
		resp, err := c.Get(authURL)
		if err != nil {
			t.Errorf("opening the start URL: %v", err)
			return
		}
		resp.Body.Close()
		authURL = resp.Header.Get("Location")
	}
	u, err := url.Parse(authURL)
	if err != nil {
		t.Errorf("bad authorize URL: %v", err)
		return
	}
	in := u.Query()
	op.mu.Lock()
	op.lastNonce = in.Get("nonce")
	issParam := op.issParam
	op.mu.Unlock()
	q := url.Values{"code": {"code-" + random.Token(6)}, "state": {in.Get("state")}}
	if issParam {
		q.Set("iss", op.issuer())
	}
	if edit != nil {
		edit(q)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, in.Get("redirect_uri")+"?"+q.Encode(), nil)
	resp, err := http.DefaultClient.Do(req)
	if err == nil {
		resp.Body.Close()
	}
}
