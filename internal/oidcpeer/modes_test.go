package oidcpeer

import (
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/go-jose/go-jose/v4"

	"oauthdesk/internal/testbrowser"
)

// TestDPoPRequiredWithNonce: a DPoP-bound client gets use_dpop_nonce and
// a DPoP-Nonce first, a DPoP token with the nonce, and userinfo wants the
// proof and the DPoP scheme.
func TestDPoPRequiredWithNonce(t *testing.T) {
	p := StartT(t, Mode{DPoP: &DPoP{RequireNonce: true}, Clients: []Client{
		NativeClient("pub", "", "none").With("dpop_bound_access_tokens", true),
	}})
	d := discovery(t, p)
	if !strings.Contains(strings.Join(anyStrings(d["dpop_signing_alg_values_supported"]), " "), "ES256") {
		t.Fatalf("dpop_signing_alg_values_supported: %v", d["dpop_signing_alg_values_supported"])
	}
	k := newDPoPKey(t)
	pk := newPKCE()
	code := codeFlow(t, p, "pub", pk, url.Values{"dpop_jkt": {k.jkt}})
	tokenURL := p.Issuer + "/token"
	form := codeForm(code, pk)
	form.Set("client_id", "pub")

	noProof := post(t, tokenURL, form, [2]string{}, nil)
	// The code is bound to the key (dpop_jkt): without a proof the real
	// server answers invalid_grant, which is why oauthdesk's hint must
	// come from knowing it sent no proof, not from the error code.
	mustEqual(t, "token without proof", noProof.str("error"), "invalid_grant")

	first := post(t, tokenURL, form, [2]string{}, map[string]string{"DPoP": k.proof(t, "POST", tokenURL, "", "")})
	mustEqual(t, "first proof", first.str("error"), "use_dpop_nonce")
	nonce := first.header.Get("DPoP-Nonce")
	if nonce == "" {
		t.Fatal("no DPoP-Nonce header")
	}
	tok := post(t, tokenURL, form, [2]string{}, map[string]string{"DPoP": k.proof(t, "POST", tokenURL, nonce, "")})
	if tok.status != 200 || tok.str("token_type") != "DPoP" {
		t.Fatalf("token with nonce: %d %v", tok.status, tok.body)
	}
	at := tok.str("access_token")

	ui := func(scheme, proof string) tokenResponse {
		req, _ := http.NewRequest(http.MethodGet, p.Issuer+"/me", nil)
		req.Header.Set("Authorization", scheme+" "+at)
		if proof != "" {
			req.Header.Set("DPoP", proof)
		}
		return do(t, req)
	}
	mustEqual(t, "userinfo as Bearer", ui("Bearer", "").status, 401)
	r := ui("DPoP", k.proof(t, "GET", p.Issuer+"/me", "", at))
	mustEqual(t, "userinfo first proof status", r.status, 401)
	if !strings.Contains(r.header.Get("WWW-Authenticate"), "use_dpop_nonce") || r.header.Get("DPoP-Nonce") == "" {
		t.Fatalf("userinfo first proof: %v %v", r.header, r.body)
	}
	r = ui("DPoP", k.proof(t, "GET", p.Issuer+"/me", r.header.Get("DPoP-Nonce"), at))
	mustEqual(t, "userinfo with nonce", r.body["sub"], "peer-user-0001")

	// Refresh needs a proof with the same key.
	rf := url.Values{"grant_type": {"refresh_token"}, "refresh_token": {tok.str("refresh_token")}, "client_id": {"pub"}}
	other := newDPoPKey(t)
	bad := post(t, tokenURL, rf, [2]string{}, map[string]string{"DPoP": other.proof(t, "POST", tokenURL, tok.header.Get("DPoP-Nonce"), "")})
	if bad.status == 200 {
		t.Fatal("refresh with another DPoP key worked")
	}
	good := post(t, tokenURL, rf, [2]string{}, map[string]string{"DPoP": k.proof(t, "POST", tokenURL, nonce, "")})
	if good.status != 200 {
		// The nonce may have rotated.
		good = post(t, tokenURL, rf, [2]string{}, map[string]string{"DPoP": k.proof(t, "POST", tokenURL, good.header.Get("DPoP-Nonce"), "")})
	}
	mustEqual(t, "refresh token_type", good.str("token_type"), "DPoP")
}

// TestJARRequired: without a request object the authorization request is
// refused; with one signed HS256 by the client secret it works, also
// through PAR.
func TestJARRequired(t *testing.T) {
	secret := "a-client-secret-of-at-least-32-bytes-long"
	p := StartT(t, Mode{RequireJAR: true, Clients: []Client{NativeClient("conf", secret, "client_secret_basic")}})
	d := discovery(t, p)
	mustEqual(t, "require_signed_request_object", d["require_signed_request_object"], true)
	q := browse(t, p.Issuer+"/auth?"+authParams("conf", newPKCE(), nil).Encode(), testbrowser.Options{})
	mustEqual(t, "plain authorize", q.Get("error"), "invalid_request")
	if !strings.Contains(q.Get("error_description"), "Request Object must be used") {
		t.Fatalf("description %q", q.Get("error_description"))
	}
	requestObject := func(pk pkce) string {
		claims := map[string]any{"iss": "conf", "aud": p.Issuer, "exp": nowPlus(60), "nbf": nowPlus(0), "jti": randomID()}
		for k, v := range authParams("conf", pk, nil) {
			claims[k] = v[0]
		}
		return signJWT(t, []byte(secret), jose.HS256, claims, map[jose.HeaderKey]any{"typ": "oauth-authz-req+jwt"})
	}
	pk := newPKCE()
	q = browse(t, p.Issuer+"/auth?"+url.Values{"client_id": {"conf"}, "request": {requestObject(pk)}}.Encode(), testbrowser.Options{})
	if q.Get("code") == "" {
		t.Fatalf("JAR authorize: %v", q)
	}
	mustEqual(t, "token", post(t, p.Issuer+"/token", codeForm(q.Get("code"), pk), [2]string{"conf", secret}, nil).status, 200)

	pk = newPKCE()
	par := post(t, p.Issuer+"/request", url.Values{"request": {requestObject(pk)}}, [2]string{"conf", secret}, nil)
	if par.status != 201 {
		t.Fatalf("PAR with a request object: %d %v", par.status, par.body)
	}
	q = browse(t, p.Issuer+"/auth?"+url.Values{"client_id": {"conf"}, "request_uri": {par.str("request_uri")}}.Encode(), testbrowser.Options{})
	if q.Get("code") == "" {
		t.Fatalf("JAR+PAR authorize: %v", q)
	}
}

// TestResourceIndicatorJWTAccessToken: a token requested for a resource
// is an RFC 9068 JWT with that audience and scope.
func TestResourceIndicatorJWTAccessToken(t *testing.T) {
	api := "https://api.peer.example/"
	p := StartT(t, Mode{
		Scopes:          []string{"api:read"},
		ResourceServers: map[string]ResourceServer{api: {Scope: "api:read", JWTAlg: "ES256"}},
		Clients:         []Client{NativeClient("pub", "", "none")},
	})
	pk := newPKCE()
	code := codeFlow(t, p, "pub", pk, url.Values{"resource": {api}, "scope": {"openid api:read offline_access"}})
	form := codeForm(code, pk)
	form.Set("client_id", "pub")
	form.Set("resource", api)
	tok := post(t, p.Issuer+"/token", form, [2]string{}, nil)
	if tok.status != 200 {
		t.Fatalf("token: %d %v", tok.status, tok.body)
	}
	at := tok.str("access_token")
	mustEqual(t, "typ", jwtPart(t, at, 0)["typ"], "at+jwt")
	mustEqual(t, "alg", jwtPart(t, at, 0)["alg"], "ES256")
	claims := jwtPart(t, at, 1)
	mustEqual(t, "aud", claims["aud"], api)
	mustEqual(t, "scope", claims["scope"], "api:read")
	// userinfo does not take a token for another audience.
	req, _ := http.NewRequest(http.MethodGet, p.Issuer+"/me", nil)
	req.Header.Set("Authorization", "Bearer "+at)
	if r := do(t, req); r.status == 200 {
		t.Fatalf("userinfo took a token for %s", api)
	}
}

// TestIDTokenAlgsAndSignedUserinfo: ES256 and EdDSA ID tokens, and a
// signed (application/jwt) userinfo answer.
func TestIDTokenAlgsAndSignedUserinfo(t *testing.T) {
	p := StartT(t, Mode{Clients: []Client{
		NativeClient("es", "", "none").With("id_token_signed_response_alg", "ES256", "userinfo_signed_response_alg", "ES256"),
		NativeClient("ed", "", "none").With("id_token_signed_response_alg", "EdDSA"),
		NativeClient("ed25519", "", "none").With("id_token_signed_response_alg", "Ed25519"),
	}})
	for _, c := range []struct{ id, alg string }{{"es", "ES256"}, {"ed", "EdDSA"}, {"ed25519", "Ed25519"}} {
		pk := newPKCE()
		form := codeForm(codeFlow(t, p, c.id, pk, nil), pk)
		form.Set("client_id", c.id)
		tok := post(t, p.Issuer+"/token", form, [2]string{}, nil)
		mustEqual(t, c.id+" id_token alg", jwtPart(t, tok.str("id_token"), 0)["alg"], c.alg)
		if c.id == "es" {
			req, _ := http.NewRequest(http.MethodGet, p.Issuer+"/me", nil)
			req.Header.Set("Authorization", "Bearer "+tok.str("access_token"))
			resp, err := httpc.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			mustEqual(t, "userinfo content type", resp.Header.Get("Content-Type"), "application/jwt; charset=utf-8")
		}
	}
}

// TestDynamicRegistration: POST /reg registers a native client.
func TestDynamicRegistration(t *testing.T) {
	p := StartT(t, Mode{Registration: true})
	d := discovery(t, p)
	reg := d["registration_endpoint"].(string)
	req, _ := http.NewRequest(http.MethodPost, reg, strings.NewReader(`{"application_type":"native","redirect_uris":["http://127.0.0.1/callback"],"token_endpoint_auth_method":"none"}`))
	req.Header.Set("Content-Type", "application/json")
	r := do(t, req)
	if r.status != 201 || r.str("client_id") == "" {
		t.Fatalf("registration: %d %v", r.status, r.body)
	}
	pk := newPKCE()
	codeFlow(t, p, r.str("client_id"), pk, nil)
}

func anyStrings(v any) []string {
	var out []string
	for _, x := range v.([]any) {
		out = append(out, x.(string))
	}
	return out
}
