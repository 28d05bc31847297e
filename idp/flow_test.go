package idp_test

import (
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"
	"strings"
	"testing"

	"github.com/coreos/go-oidc/v3/oidc"

	"oauthdesk/idp"
)

func TestCodeFlowWithPKCE(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, t.TempDir())
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())

	tok, f := c.signIn(t, a, idp.DemoUsername, idp.DemoPassword)

	rawID, _ := tok.Extra("id_token").(string)
	if rawID == "" {
		t.Fatal("no id_token in the token response")
	}
	idt, err := c.provider.Verifier(&oidc.Config{ClientID: idp.DemoClientID}).Verify(t.Context(), rawID)
	if err != nil {
		t.Fatalf("verify ID token: %v", err)
	}
	if idt.Issuer != srv.Issuer() || !slices.Contains(idt.Audience, idp.DemoClientID) {
		t.Errorf("ID token iss %q aud %v", idt.Issuer, idt.Audience)
	}
	if idt.Nonce != f.nonce {
		t.Errorf("nonce = %q, want %q", idt.Nonce, f.nonce)
	}
	var claims struct {
		Name          string `json:"name"`
		Email         string `json:"email"`
		EmailVerified bool   `json:"email_verified"`
	}
	if err := idt.Claims(&claims); err != nil {
		t.Fatal(err)
	}
	if idt.Subject != "demo-user-0001" || claims.Name != "Demo User" || claims.Email != "demo@example.com" || !claims.EmailVerified {
		t.Errorf("ID token sub %q claims %+v", idt.Subject, claims)
	}

	// The granted scope is in the token response.
	scope, _ := tok.Extra("scope").(string)
	for _, want := range []string{"openid", "profile", "email", "offline_access"} {
		if !slices.Contains(strings.Fields(scope), want) {
			t.Errorf("scope %q lacks %s", scope, want)
		}
	}
	if tok.RefreshToken == "" {
		t.Fatal("no refresh token")
	}

	// The access token is an RS256 JWT that verifies against the JWKS.
	parts := strings.Split(tok.AccessToken, ".")
	if len(parts) != 3 {
		t.Fatalf("access token is not a JWT")
	}
	hdr, _ := base64.RawURLEncoding.DecodeString(parts[0])
	var h struct{ Alg, Kid string }
	_ = json.Unmarshal(hdr, &h)
	if h.Alg != "RS256" || h.Kid == "" {
		t.Errorf("access token header %s", hdr)
	}
	at, err := c.provider.Verifier(&oidc.Config{ClientID: idp.DemoClientID}).Verify(t.Context(), tok.AccessToken)
	if err != nil {
		t.Fatalf("verify access token JWT: %v", err)
	}
	var atClaims struct {
		Scope    string `json:"scope"`
		ClientID string `json:"client_id"`
	}
	_ = at.Claims(&atClaims)
	if atClaims.ClientID != idp.DemoClientID || !strings.Contains(atClaims.Scope, "openid") {
		t.Errorf("access token claims %+v", atClaims)
	}

	// Userinfo answers for the access token.
	ui, err := c.provider.UserInfo(t.Context(), c.cfg.TokenSource(t.Context(), tok))
	if err != nil {
		t.Fatalf("userinfo: %v", err)
	}
	if ui.Subject != "demo-user-0001" || ui.Email != "demo@example.com" {
		t.Errorf("userinfo %+v", ui)
	}

	// Refresh rotates: a new refresh token, and the old one is dead.
	tok2, err := c.refresh(t.Context(), tok.RefreshToken)
	if err != nil {
		t.Fatalf("refresh: %v", err)
	}
	if tok2.RefreshToken == "" || tok2.RefreshToken == tok.RefreshToken || tok2.AccessToken == tok.AccessToken {
		t.Fatal("refresh did not rotate the tokens")
	}
	if _, err := c.refresh(t.Context(), tok.RefreshToken); oauthErrorCode(err) != "invalid_grant" {
		t.Fatalf("old refresh token: err = %v, want invalid_grant", err)
	}
	if _, err := c.refresh(t.Context(), tok2.RefreshToken); err != nil {
		t.Fatalf("refresh with the new token: %v", err)
	}
}

func TestDiscovery(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	resp, err := http.Get(srv.Issuer() + "/.well-known/openid-configuration")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if resp.Header.Get(idp.MarkerHeader) != "1" {
		t.Errorf("marker header missing")
	}
	var d map[string]any
	if err := json.NewDecoder(resp.Body).Decode(&d); err != nil {
		t.Fatal(err)
	}
	if d["issuer"] != srv.Issuer() || d["authorization_response_iss_parameter_supported"] != true {
		t.Errorf("discovery issuer %v, iss flag %v", d["issuer"], d["authorization_response_iss_parameter_supported"])
	}
	for _, k := range []string{"revocation_endpoint", "introspection_endpoint", "userinfo_endpoint", "device_authorization_endpoint", "jwks_uri"} {
		if s, _ := d[k].(string); !strings.HasPrefix(s, srv.Issuer()+"/") {
			t.Errorf("%s = %v", k, d[k])
		}
	}
	if !strings.HasPrefix(srv.Issuer(), "http://127.0.0.1:") {
		t.Errorf("issuer %q", srv.Issuer())
	}
}

func TestConfidentialClientCodeFlow(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.ConfidentialClientID, idp.ConfidentialClientSecret, a.redirectURI())
	tok, _ := c.signIn(t, a, "alice", "alice")
	if tok.RefreshToken == "" {
		t.Fatal("no refresh token")
	}
	if _, err := c.refresh(t.Context(), tok.RefreshToken); err != nil {
		t.Fatalf("refresh: %v", err)
	}
	// The wrong secret is refused.
	bad := *c
	bad.cfg.ClientSecret = "wrong"
	if _, err := bad.refresh(t.Context(), tok.RefreshToken); oauthErrorCode(err) != "invalid_client" {
		t.Fatalf("wrong secret: err = %v, want invalid_client", err)
	}
}
