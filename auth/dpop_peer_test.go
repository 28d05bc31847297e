package auth

import (
	"context"
	"strings"
	"testing"
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
