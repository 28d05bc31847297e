package idp_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"golang.org/x/oauth2"
	"golang.org/x/oauth2/clientcredentials"

	"oauthdesk/idp"
	"oauthdesk/internal/testbrowser"
)

// postForm posts form to the endpoint, with basic auth if user is set, and
// decodes a JSON answer.
func postForm(t *testing.T, endpoint, user, pass string, form url.Values) (int, map[string]any) {
	t.Helper()
	req, err := http.NewRequestWithContext(t.Context(), http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	if user != "" {
		req.SetBasicAuth(url.QueryEscape(user), url.QueryEscape(pass))
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	_ = json.NewDecoder(resp.Body).Decode(&out)
	return resp.StatusCode, out
}

func introspect(t *testing.T, srv *idp.Server, token string) map[string]any {
	t.Helper()
	status, out := postForm(t, srv.Issuer()+"/oauth/introspect", idp.ConfidentialClientID, idp.ConfidentialClientSecret, url.Values{"token": {token}})
	if status != http.StatusOK {
		t.Fatalf("introspection status %d", status)
	}
	return out
}

func TestIntrospection(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	tok, _ := c.signIn(t, a, idp.DemoUsername, idp.DemoPassword)

	got := introspect(t, srv, tok.AccessToken)
	if got["active"] != true || got["sub"] != "demo-user-0001" || got["client_id"] != idp.DemoClientID ||
		got["username"] != "demo" || !strings.Contains(got["scope"].(string), "email") || got["iss"] != srv.Issuer() {
		t.Errorf("introspection = %v", got)
	}
	if got := introspect(t, srv, "not-a-token"); got["active"] != false {
		t.Errorf("garbage token: %v", got)
	}
	// The public client cannot introspect; a wrong secret is refused.
	if status, _ := postForm(t, srv.Issuer()+"/oauth/introspect", "", "", url.Values{"token": {tok.AccessToken}, "client_id": {idp.DemoClientID}}); status != http.StatusUnauthorized {
		t.Errorf("public client introspection: status %d, want 401", status)
	}
	if status, _ := postForm(t, srv.Issuer()+"/oauth/introspect", idp.ConfidentialClientID, "wrong", url.Values{"token": {tok.AccessToken}}); status != http.StatusUnauthorized {
		t.Errorf("wrong secret: status %d, want 401", status)
	}
}

func TestRevocation(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, t.TempDir())
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	revoke := srv.Issuer() + "/revoke"

	// Revoking the access token: introspection and userinfo stop accepting it.
	tok, _ := c.signIn(t, a, idp.DemoUsername, idp.DemoPassword)
	if status, out := postForm(t, revoke, "", "", url.Values{"token": {tok.AccessToken}, "token_type_hint": {"access_token"}, "client_id": {idp.DemoClientID}}); status != http.StatusOK {
		t.Fatalf("revoke access token: %d %v", status, out)
	}
	if got := introspect(t, srv, tok.AccessToken); got["active"] != false {
		t.Errorf("revoked access token still active: %v", got)
	}
	if _, err := c.provider.UserInfo(t.Context(), oauth2.StaticTokenSource(tok)); err == nil {
		t.Error("userinfo accepted a revoked access token")
	}
	for name, auth := range map[string]string{"revoked": "Bearer " + tok.AccessToken, "garbage": "Bearer garbage", "none": ""} {
		req, _ := http.NewRequestWithContext(t.Context(), http.MethodGet, srv.Issuer()+"/userinfo", nil)
		if auth != "" {
			req.Header.Set("Authorization", auth)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		want := `Bearer error="invalid_token"`
		if auth == "" {
			want = "Bearer"
		}
		if resp.StatusCode != http.StatusUnauthorized || !strings.HasPrefix(resp.Header.Get("WWW-Authenticate"), want) {
			t.Errorf("userinfo with %s token: %d %q", name, resp.StatusCode, resp.Header.Get("WWW-Authenticate"))
		}
	}

	// Revoking the refresh token kills it and the grant's access tokens.
	tok, _ = c.signIn(t, a, idp.DemoUsername, idp.DemoPassword)
	if status, out := postForm(t, revoke, "", "", url.Values{"token": {tok.RefreshToken}, "client_id": {idp.DemoClientID}}); status != http.StatusOK {
		t.Fatalf("revoke refresh token: %d %v", status, out)
	}
	if _, err := c.refresh(t.Context(), tok.RefreshToken); oauthErrorCode(err) != "invalid_grant" {
		t.Errorf("revoked refresh token: err = %v, want invalid_grant", err)
	}
	if got := introspect(t, srv, tok.AccessToken); got["active"] != false {
		t.Errorf("access token of a revoked grant still active: %v", got)
	}

	// Another client may not revoke the demo client's token.
	tok, _ = c.signIn(t, a, idp.DemoUsername, idp.DemoPassword)
	if status, _ := postForm(t, revoke, idp.ConfidentialClientID, idp.ConfidentialClientSecret, url.Values{"token": {tok.RefreshToken}}); status == http.StatusOK {
		t.Error("the confidential client revoked the demo client's token")
	}
	// Unknown tokens are fine (RFC 7009 §2.2).
	if status, _ := postForm(t, revoke, "", "", url.Values{"token": {"nonsense"}, "client_id": {idp.DemoClientID}}); status != http.StatusOK {
		t.Errorf("unknown token: status %d, want 200", status)
	}

	// The test helper revokes all refresh tokens of a user.
	srv.RevokeRefreshTokens(idp.DemoUsername)
	if _, err := c.refresh(t.Context(), tok.RefreshToken); oauthErrorCode(err) != "invalid_grant" {
		t.Errorf("after RevokeRefreshTokens: err = %v, want invalid_grant", err)
	}
}

func TestCodeIsSingleUse(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	f := newFlow()
	if _, _, err := testbrowser.Visit(t.Context(), c.authURL(f), testbrowser.Options{}); err != nil {
		t.Fatal(err)
	}
	code := a.response(t).Get("code")
	// A wrong verifier fails, and burns the code.
	if _, err := c.cfg.Exchange(t.Context(), code, oauth2.VerifierOption(oauth2.GenerateVerifier())); oauthErrorCode(err) != "invalid_grant" {
		t.Fatalf("wrong verifier: err = %v, want invalid_grant", err)
	}
	if _, err := c.cfg.Exchange(t.Context(), code, oauth2.VerifierOption(f.verifier)); oauthErrorCode(err) != "invalid_grant" {
		t.Fatalf("second use: err = %v, want invalid_grant", err)
	}
}

func TestClientCredentials(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	cc := clientcredentials.Config{
		ClientID: idp.ConfidentialClientID, ClientSecret: idp.ConfidentialClientSecret,
		TokenURL: srv.Issuer() + "/oauth/token", AuthStyle: oauth2.AuthStyleInHeader, Scopes: []string{"profile"},
	}
	tok, err := cc.Token(t.Context())
	if err != nil {
		t.Fatalf("client_credentials: %v", err)
	}
	if tok.RefreshToken != "" {
		t.Error("client_credentials issued a refresh token")
	}
	if got := introspect(t, srv, tok.AccessToken); got["active"] != true || got["sub"] != idp.ConfidentialClientID {
		t.Errorf("introspection = %v", got)
	}
	// The public client has no such grant.
	status, out := postForm(t, srv.Issuer()+"/oauth/token", "", "", url.Values{"grant_type": {"client_credentials"}, "client_id": {idp.DemoClientID}})
	if status < 400 {
		t.Errorf("public client got client_credentials: %d %v", status, out)
	}
}

func TestDeviceFlow(t *testing.T) {
	t.Parallel()
	srv := startIDP(t, "")
	cfg := oauth2.Config{
		ClientID: idp.DemoClientID,
		Endpoint: oauth2.Endpoint{
			DeviceAuthURL: srv.Issuer() + "/device_authorization",
			TokenURL:      srv.Issuer() + "/oauth/token",
			AuthStyle:     oauth2.AuthStyleInParams,
		},
		Scopes: []string{"openid", "profile"},
	}
	da, err := cfg.DeviceAuth(t.Context())
	if err != nil {
		t.Fatalf("device authorization: %v", err)
	}
	if !strings.HasPrefix(da.VerificationURIComplete, srv.Issuer()+"/device?user_code=") {
		t.Fatalf("verification_uri_complete = %q", da.VerificationURIComplete)
	}
	status, body, err := testbrowser.Visit(t.Context(), da.VerificationURIComplete, testbrowser.Options{})
	if err != nil || status != http.StatusOK || !strings.Contains(body, "Device connected") {
		t.Fatalf("verification: %v, %d %q", err, status, body)
	}
	tok, err := cfg.DeviceAccessToken(t.Context(), da)
	if err != nil {
		t.Fatalf("device token: %v", err)
	}
	if tok.RefreshToken == "" || tok.Extra("id_token") == nil {
		t.Error("device flow: missing refresh or ID token")
	}

	// Deny ends in access_denied.
	da, err = cfg.DeviceAuth(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := testbrowser.Visit(t.Context(), da.VerificationURIComplete, testbrowser.Options{Action: "deny"}); err != nil {
		t.Fatal(err)
	}
	if _, err := cfg.DeviceAccessToken(t.Context(), da); oauthErrorCode(err) != "access_denied" {
		t.Errorf("denied device: err = %v, want access_denied", err)
	}
}
