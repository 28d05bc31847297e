package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/go-jose/go-jose/v4"
	"github.com/go-jose/go-jose/v4/jwt"
)

// protectedRS is a small protected resource server (RFC 9728) over real
// HTTP on 127.0.0.1, for the connect tests: GET /api/data answers 401
// with a Bearer challenge naming its metadata (unless NoParam), serves
// the metadata at the path-suffixed well-known URL, and answers 200 only
// to a JWT access token whose signature checks out against the
// authorization server's JWKS, whose aud names the resource and which has
// not expired.
type protectedRS struct {
	t    *testing.T
	ln   net.Listener
	Base string // http://127.0.0.1:PORT

	mu sync.Mutex
	// Issuer is the authorization server whose keys sign the tokens; JWKS
	// its key set URL.
	Issuer, JWKS string
	// Metadata overrides fields of the served metadata (nil: none).
	Metadata map[string]any
	// NoParam leaves resource_metadata out of the challenge.
	NoParam bool
	// Unprotected answers 200 with no token.
	Unprotected bool
	// Oversized pads the metadata past any sane size.
	Oversized bool
	// Loop makes the metadata URL redirect to itself.
	Loop bool
	// seen are the tokens accepted, in order.
	seen []string
}

const rsPath = "/api/data"

// startRS listens on a free port (so the peer can be told the resource
// indicator before the server is started) and serves.
func startRS(t *testing.T) *protectedRS {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	rs := &protectedRS{t: t, ln: ln, Base: "http://" + ln.Addr().String()}
	srv := &http.Server{Handler: rs, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return rs
}

// Resource is the API's URL, its resource identifier too.
func (rs *protectedRS) Resource() string { return rs.Base + rsPath }

func (rs *protectedRS) set(f func(rs *protectedRS)) {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	f(rs)
}

func (rs *protectedRS) tokens() []string {
	rs.mu.Lock()
	defer rs.mu.Unlock()
	return slices.Clone(rs.seen)
}

func (rs *protectedRS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	rs.mu.Lock()
	issuer, jwks, md, noParam, unprot, big, loop := rs.Issuer, rs.JWKS, rs.Metadata, rs.NoParam, rs.Unprotected, rs.Oversized, rs.Loop
	rs.mu.Unlock()
	mdPath := "/.well-known/oauth-protected-resource" + rsPath
	switch r.URL.Path {
	case mdPath:
		if loop {
			http.Redirect(w, r, mdPath, http.StatusFound)
			return
		}
		doc := map[string]any{
			"resource":                 rs.Resource(),
			"authorization_servers":    []string{issuer},
			"scopes_supported":         []string{"api:read"},
			"bearer_methods_supported": []string{"header"},
			"resource_name":            "Test API",
		}
		for k, v := range md {
			doc[k] = v
		}
		if big {
			doc["padding"] = strings.Repeat("x", 200<<10)
		}
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(doc)
	case rsPath:
		if unprot {
			w.Header().Set("Content-Type", "application/json")
			fmt.Fprint(w, `{"open":true}`)
			return
		}
		raw, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer ")
		if !ok {
			if noParam {
				w.Header().Set("WWW-Authenticate", `Bearer realm="api"`)
			} else {
				w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer realm="api", resource_metadata="%s%s", scope="api:read"`, rs.Base, mdPath))
			}
			http.Error(w, "token required", http.StatusUnauthorized)
			return
		}
		if err := rs.check(raw, issuer, jwks); err != nil {
			w.Header().Set("WWW-Authenticate", fmt.Sprintf(`Bearer error="invalid_token", error_description=%q`, err.Error()))
			http.Error(w, err.Error(), http.StatusUnauthorized)
			return
		}
		rs.mu.Lock()
		rs.seen = append(rs.seen, raw)
		rs.mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		fmt.Fprint(w, `{"data":"for the resource"}`)
	default:
		http.NotFound(w, r)
	}
}

// check verifies a JWT access token: signature by the issuer's JWKS, iss,
// aud containing the resource, exp in the future.
func (rs *protectedRS) check(raw, issuer, jwksURL string) error {
	tok, err := jwt.ParseSigned(raw, []jose.SignatureAlgorithm{jose.RS256, jose.ES256, jose.PS256, jose.EdDSA})
	if err != nil {
		return fmt.Errorf("not a JWT: %v", err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	req, _ := http.NewRequestWithContext(ctx, http.MethodGet, jwksURL, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return fmt.Errorf("jwks: %v", err)
	}
	defer resp.Body.Close()
	var set jose.JSONWebKeySet
	if err := json.NewDecoder(resp.Body).Decode(&set); err != nil {
		return fmt.Errorf("jwks: %v", err)
	}
	if len(tok.Headers) != 1 {
		return fmt.Errorf("one signature expected")
	}
	keys := set.Key(tok.Headers[0].KeyID)
	if len(keys) == 0 {
		return fmt.Errorf("unknown kid")
	}
	var claims jwt.Claims
	if err := tok.Claims(keys[0].Key, &claims); err != nil {
		return fmt.Errorf("bad signature: %v", err)
	}
	if err := claims.ValidateWithLeeway(jwt.Expected{Issuer: issuer, AnyAudience: jwt.Audience{rs.Resource()}, Time: time.Now()}, 0); err != nil {
		return fmt.Errorf("claims: %v", err)
	}
	return nil
}
