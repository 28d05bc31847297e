package auth

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"oauthdesk/auth/store"
	"oauthdesk/internal/oidcpeer"
)

// TestDPoPResourceServerNonce: a resource server (oidc-provider's
// userinfo) that wants a nonce the session does not have answers 401
// use_dpop_nonce; Call sends the request once more with its DPoP-Nonce,
// gets the answer, and keeps the new nonce with the session, so the next
// call needs no retry. A bearer session never sends a proof.
func TestDPoPResourceServerNonce(t *testing.T) {
	p, e := peerEngine(t)
	ctx := context.Background()
	key, cur, err := e.load("dpop")
	if err != nil {
		t.Fatal(err)
	}
	cur.DPoPNonces = nil // as a session from before the server's nonce
	if err := e.saveKey(key, cur); err != nil {
		t.Fatal(err)
	}
	before := len(p.Requests("/me"))
	for i := range 2 {
		resp, err := e.Call(ctx, "dpop", APIRequest{URL: p.Issuer + "/me"})
		if err != nil || resp.Status != 200 || !strings.Contains(string(resp.Body), "peer-user-0001") {
			t.Fatalf("call %d: %v %+v", i+1, err, resp)
		}
	}
	me := p.Requests("/me")[before:]
	if len(me) != 3 || me[0].Status != 401 || me[0].WWWAuthenticate != "DPoP" || !me[0].DPoPNonceSent || me[1].Status != 200 || me[2].Status != 200 {
		t.Fatalf("want 401 use_dpop_nonce, then 200, then 200 with the kept nonce: %+v", me)
	}
	for _, r := range me {
		if r.AuthScheme != "DPoP" || !r.HasHeader("dpop") {
			t.Fatalf("a DPoP session's call without its scheme or proof: %+v", r)
		}
	}
	if st, _ := e.Stored("dpop"); len(st.DPoPNonces) == 0 {
		t.Fatal("the new nonce was not kept with the session")
	}
	if _, err := e.Call(ctx, "bearer", APIRequest{URL: p.Issuer + "/me"}); err != nil {
		t.Fatal(err)
	}
	last := p.Requests("/me")
	if r := last[len(last)-1]; r.AuthScheme != "Bearer" || r.HasHeader("dpop") {
		t.Fatalf("a bearer session's call: %+v", r)
	}
}

// TestDPoPClientCredentials: dpop = true on a client_credentials provider
// whose client the server binds: the token request carries a proof (the
// server refuses it without), the session is DPoP-bound to a new key, and
// the next token (Refresh) is bound to another new key.
func TestDPoPClientCredentials(t *testing.T) {
	secret := "m2m-secret-0123456789-0123456789-abc"
	p := oidcpeer.StartT(t, oidcpeer.Mode{DPoP: &oidcpeer.DPoP{RequireNonce: true}, Clients: []oidcpeer.Client{{
		"client_id": "m2m", "client_secret": secret, "grant_types": []string{"client_credentials"},
		"redirect_uris": []string{}, "response_types": []string{}, "dpop_bound_access_tokens": true,
	}}})
	dir := t.TempDir()
	cfg := "[[providers]]\nid = \"m2m\"\npreset = \"oidc\"\nissuer = \"" + p.Issuer + "\"\nclient_id = \"m2m\"\nclient_secret = \"" + secret + "\"\ngrant = \"client_credentials\"\nscopes = []\n"
	path := filepath.Join(dir, "providers.toml")
	if err := os.WriteFile(path, []byte(cfg+"dpop = true\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	e, err := New(Options{ConfigPath: path, Store: store.NewFileStore(filepath.Join(dir, "t.json")), LockDir: filepath.Join(dir, "locks")})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	ts, err := e.Login(ctx, "m2m", LoginOptions{})
	if err != nil || !ts.IsDPoP() || ts.DPoPJKT == "" {
		t.Fatalf("login: %v %+v", err, ts)
	}
	next, err := e.Refresh(ctx, "m2m")
	if err != nil || !next.IsDPoP() || next.DPoPJKT == ts.DPoPJKT {
		t.Fatalf("refresh: %v, %+v", err, next)
	}
	for _, r := range p.Requests("/token") {
		if !r.HasHeader("dpop") {
			t.Fatalf("a token request without a proof: %+v", r)
		}
	}
	// Without dpop, the server refuses the same client.
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	e2, err := New(Options{ConfigPath: path, Store: store.NewFileStore(filepath.Join(dir, "t2.json")), LockDir: filepath.Join(dir, "locks")})
	if err != nil {
		t.Fatal(err)
	}
	defer e2.Close()
	if _, err := e2.Login(ctx, "m2m", LoginOptions{}); err == nil {
		t.Fatal("the server took a token request without a proof for a DPoP-bound client")
	}
}
