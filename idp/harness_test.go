package idp_test

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"net/http"
	"net/http/httptest"
	"net/url"
	"testing"
	"time"

	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"

	"oauthdesk/idp"
	"oauthdesk/internal/testbrowser"
)

// startIDP starts a provider on a free loopback port with state in dir
// ("" = memory) and stops it when the test ends.
func startIDP(t *testing.T, dir string) *idp.Server {
	t.Helper()
	srv, err := idp.Start(t.Context(), idp.Options{Addr: "127.0.0.1:0", DataDir: dir})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() {
		if err := srv.Close(); err != nil {
			t.Errorf("Close: %v", err)
		}
	})
	return srv
}

// app is the loopback listener of a native app: it records the
// authorization response it receives and shows a small page.
type app struct {
	srv *httptest.Server
	got chan url.Values
}

// newApp starts an app listener on 127.0.0.1.
func newApp(t *testing.T) *app {
	t.Helper()
	a := &app{got: make(chan url.Values, 4)}
	a.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		a.got <- r.URL.Query()
		if r.URL.Query().Get("error") != "" {
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte("app: sign-in failed: " + r.URL.Query().Get("error")))
			return
		}
		_, _ = w.Write([]byte("app: signed in"))
	}))
	t.Cleanup(a.srv.Close)
	return a
}

// redirectURI is the app's callback URL.
func (a *app) redirectURI() string { return a.srv.URL + "/callback" }

// response returns the authorization response the app received.
func (a *app) response(t *testing.T) url.Values {
	t.Helper()
	select {
	case v := <-a.got:
		return v
	case <-time.After(5 * time.Second):
		t.Fatal("the app never received the authorization response")
		return nil
	}
}

// client is an OAuth client of the provider under test.
type client struct {
	cfg      oauth2.Config
	provider *oidc.Provider
	issuer   string
}

// newClient discovers srv and configures clientID ("" secret = public).
func newClient(t *testing.T, srv *idp.Server, clientID, secret, redirectURI string) *client {
	t.Helper()
	p, err := oidc.NewProvider(t.Context(), srv.Issuer())
	if err != nil {
		t.Fatalf("discovery: %v", err)
	}
	ep := p.Endpoint()
	ep.AuthStyle = oauth2.AuthStyleInParams
	if secret != "" {
		ep.AuthStyle = oauth2.AuthStyleInHeader
	}
	return &client{
		cfg: oauth2.Config{
			ClientID: clientID, ClientSecret: secret, Endpoint: ep, RedirectURL: redirectURI,
			Scopes: []string{oidc.ScopeOpenID, "profile", "email"},
		},
		provider: p,
		issuer:   srv.Issuer(),
	}
}

// flow is one authorization request's secrets.
type flow struct {
	state, nonce, verifier string
}

// newFlow makes fresh state, nonce and PKCE verifier.
func newFlow() flow {
	r := func() string {
		b := make([]byte, 24)
		_, _ = rand.Read(b)
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return flow{state: r(), nonce: r(), verifier: oauth2.GenerateVerifier()}
}

// authURL builds the authorization URL with PKCE S256 and nonce.
func (c *client) authURL(f flow) string {
	return c.cfg.AuthCodeURL(f.state, oauth2.S256ChallengeOption(f.verifier), oauth2.SetAuthURLParam("nonce", f.nonce))
}

// signIn runs a whole code flow through testbrowser and returns the tokens.
func (c *client) signIn(t *testing.T, a *app, user, password string) (*oauth2.Token, flow) {
	t.Helper()
	f := newFlow()
	status, body, err := testbrowser.Visit(t.Context(), c.authURL(f), testbrowser.Options{Username: user, Password: password})
	if err != nil {
		t.Fatalf("Visit: %v (status %d, body %q)", err, status, body)
	}
	if status != http.StatusOK || body != "app: signed in" {
		t.Fatalf("final page: status %d, body %q", status, body)
	}
	resp := a.response(t)
	if resp.Get("state") != f.state {
		t.Fatalf("state = %q, want %q", resp.Get("state"), f.state)
	}
	if resp.Get("iss") != c.issuer {
		t.Fatalf("iss = %q, want %q (RFC 9207)", resp.Get("iss"), c.issuer)
	}
	tok, err := c.cfg.Exchange(t.Context(), resp.Get("code"), oauth2.VerifierOption(f.verifier))
	if err != nil {
		t.Fatalf("Exchange: %v", err)
	}
	return tok, f
}

// refresh trades a refresh token for new tokens.
func (c *client) refresh(ctx context.Context, rt string) (*oauth2.Token, error) {
	return c.cfg.TokenSource(ctx, &oauth2.Token{RefreshToken: rt, Expiry: time.Now().Add(-time.Hour)}).Token()
}

// oauthErrorCode returns the OAuth error code of a token endpoint failure.
func oauthErrorCode(err error) string {
	if re, ok := err.(*oauth2.RetrieveError); ok {
		return re.ErrorCode
	}
	return ""
}

// noRedirectClient returns responses as they are, without following.
var noRedirectClient = &http.Client{
	CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	Timeout:       5 * time.Second,
}
