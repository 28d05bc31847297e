package e2e

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"
)

// hostileOP is an authorization server that lies on purpose, over real
// HTTP on 127.0.0.1, for the attacks a provider can mount on the built
// binary. By default it behaves: /authorize sends the browser straight
// back to the redirect URI with a code (no login page), /token answers
// every grant, /userinfo, /revoke, /introspect and /device answer like a
// provider would. With oidc set it also serves discovery and a JWKS, and
// signs ID tokens with RS256. Any path can be replaced with override.
type hostileOP struct {
	t   *testing.T
	srv *httptest.Server
	key *rsa.PrivateKey

	mu sync.Mutex
	// oidc serves discovery and a JWKS and issues ID tokens.
	oidc bool
	// overrides replace the handler of a path.
	overrides map[string]http.HandlerFunc
	// nonce is the last authorization request's nonce.
	nonce string
	// claims edits each ID token's claims before it is signed.
	claims func(c map[string]any, accessToken string)
	// sign, when set, makes the ID token instead of RS256 with key.
	sign func(c map[string]any) string
	// discoveryEdit edits the discovery document.
	discoveryEdit func(d map[string]any)
	// jwksExtra are keys added to the JWKS.
	jwksExtra []jose.JSONWebKey
	// user is userinfo's answer.
	user map[string]any
	// issued are the access and refresh tokens handed out, to look for.
	issued []string
}

// newHostileOP starts a hostile provider.
func newHostileOP(t *testing.T, oidc bool) *hostileOP {
	t.Helper()
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	op := &hostileOP{t: t, key: key, oidc: oidc, overrides: map[string]http.HandlerFunc{},
		user: map[string]any{"sub": "user-1", "name": "Test User", "email": "test@example.com"}}
	op.srv = httptest.NewServer(http.HandlerFunc(op.serve))
	t.Cleanup(op.srv.Close)
	return op
}

// url is the provider's base URL (its issuer).
func (op *hostileOP) url() string { return op.srv.URL }

// override replaces the handler of path.
func (op *hostileOP) override(path string, h http.HandlerFunc) {
	op.mu.Lock()
	defer op.mu.Unlock()
	op.overrides[path] = h
}

// redirect makes path answer status (307 keeps a POST a POST) to target.
func (op *hostileOP) redirect(path string, status int, target string) {
	op.override(path, func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target, status)
	})
}

// secrets are the tokens the provider handed out so far.
func (op *hostileOP) secrets() []string {
	op.mu.Lock()
	defer op.mu.Unlock()
	return append([]string(nil), op.issued...)
}

// config is a providers.toml entry for this provider, with extra lines.
func (op *hostileOP) config(id, extra string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "[[providers]]\nid = %q\nname = \"Hostile\"\nclient_id = \"client-1\"\n", id)
	if op.oidc {
		fmt.Fprintf(&b, "preset = \"oidc\"\nissuer = %q\nscopes = [\"openid\", \"profile\", \"email\"]\n", op.url())
	} else {
		u := op.url()
		fmt.Fprintf(&b, "auth_url = %q\ntoken_url = %q\nuserinfo_url = %q\nrevocation_url = %q\nintrospection_url = %q\ndevice_auth_url = %q\nscopes = [\"read\"]\n",
			u+"/authorize", u+"/token", u+"/userinfo", u+"/revoke", u+"/introspect", u+"/device")
	}
	b.WriteString(extra)
	return b.String()
}

func (op *hostileOP) serve(w http.ResponseWriter, r *http.Request) {
	op.mu.Lock()
	h := op.overrides[r.URL.Path]
	op.mu.Unlock()
	if h != nil {
		h(w, r)
		return
	}
	switch r.URL.Path {
	case "/.well-known/openid-configuration":
		op.discovery(w)
	case "/jwks":
		op.mu.Lock()
		keys := append([]jose.JSONWebKey{{Key: &op.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}, op.jwksExtra...)
		op.mu.Unlock()
		writeJSONBody(w, jose.JSONWebKeySet{Keys: keys})
	case "/authorize":
		q := r.URL.Query()
		op.mu.Lock()
		op.nonce = q.Get("nonce")
		op.mu.Unlock()
		back := url.Values{"code": {"code-" + randHex(6)}, "state": {q.Get("state")}}
		http.Redirect(w, r, q.Get("redirect_uri")+"?"+back.Encode(), http.StatusFound)
	case "/token":
		_ = r.ParseForm()
		writeJSONBody(w, op.tokenResponse(r.Form.Get("grant_type")))
	case "/userinfo":
		if !strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			w.Header().Set("WWW-Authenticate", `Bearer error="invalid_token"`)
			w.WriteHeader(http.StatusUnauthorized)
			return
		}
		op.mu.Lock()
		u := op.user
		op.mu.Unlock()
		writeJSONBody(w, u)
	case "/revoke":
	case "/introspect":
		writeJSONBody(w, map[string]any{"active": true, "scope": "read"})
	case "/device":
		writeJSONBody(w, map[string]any{"device_code": "dc-" + randHex(8), "user_code": "ABCD-EFGH",
			"verification_uri": op.url() + "/activate", "expires_in": 60, "interval": 1})
	default:
		http.NotFound(w, r)
	}
}

func (op *hostileOP) discovery(w http.ResponseWriter) {
	u := op.url()
	d := map[string]any{
		"issuer": u, "authorization_endpoint": u + "/authorize", "token_endpoint": u + "/token",
		"userinfo_endpoint": u + "/userinfo", "revocation_endpoint": u + "/revoke",
		"introspection_endpoint": u + "/introspect", "device_authorization_endpoint": u + "/device",
		"jwks_uri": u + "/jwks", "response_types_supported": []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"token_endpoint_auth_methods_supported": []string{"none", "client_secret_post"},
	}
	op.mu.Lock()
	edit := op.discoveryEdit
	op.mu.Unlock()
	if edit != nil {
		edit(d)
	}
	writeJSONBody(w, d)
}

// tokenResponse answers a grant with fresh tokens (and an ID token for
// OIDC), remembering them as secrets to look for.
func (op *hostileOP) tokenResponse(grant string) map[string]any {
	at, rt := "AT-SECRET-"+randHex(10), "RT-SECRET-"+randHex(10)
	resp := map[string]any{"access_token": at, "token_type": "Bearer", "expires_in": 3600, "scope": "read"}
	if grant != "client_credentials" {
		resp["refresh_token"] = rt
	}
	op.mu.Lock()
	op.issued = append(op.issued, at, rt)
	op.mu.Unlock()
	if op.oidc {
		resp["scope"] = "openid profile email"
		resp["id_token"] = op.idToken(at)
	}
	return resp
}

// idToken signs the ID token of the last authorization request.
func (op *hostileOP) idToken(accessToken string) string {
	op.mu.Lock()
	c := map[string]any{
		"iss": op.url(), "sub": "user-1", "aud": "client-1", "email": "test@example.com",
		"exp": time.Now().Add(time.Hour).Unix(), "iat": time.Now().Unix(), "nonce": op.nonce,
	}
	edit, sign := op.claims, op.sign
	op.mu.Unlock()
	if edit != nil {
		edit(c, accessToken)
	}
	if sign != nil {
		return sign(c)
	}
	return signJWS(op.t, jose.RS256, jose.JSONWebKey{Key: op.key, KeyID: "k1"}, c)
}

// signJWS signs claims as a compact JWS.
func signJWS(t *testing.T, alg jose.SignatureAlgorithm, key jose.JSONWebKey, claims map[string]any) string {
	t.Helper()
	s, err := jose.NewSigner(jose.SigningKey{Algorithm: alg, Key: key}, (&jose.SignerOptions{}).WithType("JWT"))
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

// collector is a second listener (another origin) that records whatever
// arrives, standing for the host a hostile redirect points at.
type collector struct {
	srv *httptest.Server
	mu  sync.Mutex
	got []string
}

// newCollector starts a recording listener.
func newCollector(t *testing.T) *collector {
	c := &collector{}
	c.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		var b strings.Builder
		fmt.Fprintf(&b, "%s %s\n", r.Method, r.URL)
		for k, vs := range r.Header {
			fmt.Fprintf(&b, "%s: %s\n", k, strings.Join(vs, ", "))
		}
		b.Write(body)
		c.mu.Lock()
		c.got = append(c.got, b.String())
		c.mu.Unlock()
		writeJSONBody(w, map[string]any{"access_token": "from-collector", "token_type": "Bearer"})
	}))
	t.Cleanup(c.srv.Close)
	return c
}

// requests are what arrived, one string per request.
func (c *collector) requests() []string {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]string(nil), c.got...)
}

func writeJSONBody(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}

// randHex is n random bytes in hex.
func randHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b)
	return hex.EncodeToString(b)
}
