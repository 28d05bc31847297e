package oidcpeer

import (
	"net/http"
	"net/url"
	"strconv"
	"testing"
)

// TestOAuthMetadataOnlyWithIssuerPath: with oauthMetadataOnly and an
// issuer path, the peer is a plain OAuth 2.0 server below /tenant-a: no
// OpenID discovery, RFC 8414 metadata at the path-inserted URL naming the
// issuer with its path, and a code flow (without openid) that works there.
func TestOAuthMetadataOnlyWithIssuerPath(t *testing.T) {
	p := StartT(t, Mode{IssuerPath: "/tenant-a", OAuthMetadataOnly: true, Clients: []Client{NativeClient("pub", "", "none")}})
	origin := p.Issuer[:len(p.Issuer)-len("/tenant-a")]
	mustEqual(t, "issuer", p.Issuer, "http://127.0.0.1:"+itoa(p.Port)+"/tenant-a")
	resp, err := httpc.Get(p.Issuer + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	mustEqual(t, "OpenID discovery status", resp.StatusCode, http.StatusNotFound)
	var md map[string]any
	getJSON(t, origin+"/.well-known/oauth-authorization-server/tenant-a", &md)
	mustEqual(t, "issuer", md["issuer"], p.Issuer)
	mustEqual(t, "token_endpoint", md["token_endpoint"], p.Issuer+"/token")
	if _, ok := md["userinfo_endpoint"]; ok {
		t.Fatal("RFC 8414 metadata names userinfo_endpoint")
	}
	pk := newPKCE()
	code := codeFlow(t, p, "pub", pk, url.Values{"scope": {"offline_access"}, "nonce": nil})
	form := codeForm(code, pk)
	form.Set("client_id", "pub")
	tok := post(t, p.Issuer+"/token", form, [2]string{}, nil)
	if tok.status != 200 || tok.str("access_token") == "" {
		t.Fatalf("token: %d %v", tok.status, tok.body)
	}
	if tok.str("id_token") != "" {
		t.Fatal("an ID token without openid")
	}
}

func itoa(n int) string { return strconv.Itoa(n) }
