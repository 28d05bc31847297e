package auth

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"
)

// earlier stores a session that a failed sign-in must leave intact.
func storeEarlier(t *testing.T, e *Engine) {
	t.Helper()
	if err := e.saveKey(tokenKey("op"), &TokenSet{AccessToken: "earlier-session", RefreshToken: "earlier-refresh", Expiry: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
}

func assertEarlierIntact(t *testing.T, e *Engine) {
	t.Helper()
	got, err := e.Stored("op")
	if err != nil {
		t.Fatalf("the earlier session is gone: %v", err)
	}
	if got.AccessToken != "earlier-session" || got.RefreshToken != "earlier-refresh" {
		t.Fatalf("the earlier session was overwritten: %+v", got)
	}
}

func TestLoginSucceedsAgainstTestOP(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	storeEarlier(t, e)
	ts, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if ts.Subject != "user-1" || ts.Account != "test@example.com" || ts.IDToken == "" {
		t.Fatalf("unexpected token set: %+v", ts)
	}
	if strings.Join(ts.Scopes, " ") != "openid profile" || ts.ScopesRequested {
		t.Fatalf("scopes: %v requested=%v", ts.Scopes, ts.ScopesRequested)
	}
	got, err := e.Stored("op")
	if err != nil || got.AccessToken != ts.AccessToken {
		t.Fatalf("the new session was not stored: %v %+v", err, got)
	}
}

// TestLoginBadInput is the list of ways a provider or a browser can send
// something wrong. Each must fail with a specific error and keep the
// earlier session.
func TestLoginBadInput(t *testing.T) {
	otherKey := newTestOP(t).key
	tests := []struct {
		name     string
		setup    func(op *testOP)
		redirect func(q url.Values)
		wantIs   error
		wantText string
	}{
		{name: "error redirect", redirect: func(q url.Values) { q.Del("code"); q.Set("error", "access_denied") }, wantText: "access_denied"},
		{name: "missing code", redirect: func(q url.Values) { q.Del("code") }, wantIs: ErrMissingCode},
		{name: "iss mismatch", redirect: func(q url.Values) { q.Set("iss", "https://evil.example") }, wantIs: ErrIssuerMismatch},
		{name: "iss missing though advertised", setup: func(op *testOP) { op.issParam = true }, redirect: func(q url.Values) { q.Del("iss") }, wantIs: ErrIssuerMismatch},
		{name: "discovery issuer mismatch", setup: func(op *testOP) { op.discoveryIssuer = "https://evil.example" }, wantIs: ErrIssuerMismatch},
		{name: "bad signature", setup: func(op *testOP) {
			op.sign = func(c map[string]any) string { return signJWT(op.t, otherKey, "k1", c) }
		}, wantIs: ErrInvalidIDToken},
		{name: "alg none", setup: func(op *testOP) { op.sign = unsignedJWT }, wantIs: ErrInvalidIDToken},
		{name: "unknown key", setup: func(op *testOP) {
			op.sign = func(c map[string]any) string { return signJWT(op.t, otherKey, "k-unknown", c) }
		}, wantIs: ErrInvalidIDToken},
		{name: "wrong issuer", setup: func(op *testOP) { op.claims = func(c map[string]any) { c["iss"] = "https://evil.example" } }, wantIs: ErrInvalidIDToken},
		{name: "wrong audience", setup: func(op *testOP) { op.claims = func(c map[string]any) { c["aud"] = "someone-else" } }, wantIs: ErrInvalidIDToken},
		{name: "expired ID token", setup: func(op *testOP) {
			op.claims = func(c map[string]any) { c["exp"] = time.Now().Add(-time.Hour).Unix() }
		}, wantIs: ErrInvalidIDToken},
		{name: "several audiences, azp another party", setup: func(op *testOP) {
			op.claims = func(c map[string]any) { c["aud"] = []string{"other", "client-1"}; c["azp"] = "other" }
		}, wantIs: ErrInvalidIDToken, wantText: "azp"},
		{name: "iat years ahead", setup: func(op *testOP) {
			op.claims = func(c map[string]any) { c["iat"] = time.Now().AddDate(10, 0, 0).Unix() }
		}, wantIs: ErrInvalidIDToken, wantText: "future"},
		{name: "wrong at_hash", setup: func(op *testOP) {
			op.claims = func(c map[string]any) { c["at_hash"] = "d3JvbmctaGFzaC0xMjM0" }
		}, wantIs: ErrInvalidIDToken, wantText: "at_hash"},
		{name: "nonce mismatch", setup: func(op *testOP) { op.claims = func(c map[string]any) { c["nonce"] = "replayed" } }, wantIs: ErrInvalidIDToken, wantText: "nonce"},
		{name: "token endpoint 500 HTML", setup: func(op *testOP) {
			op.token = func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.WriteHeader(500)
				w.Write([]byte("<html>oops</html>"))
			}
		}, wantIs: ErrBadTokenResponse, wantText: "HTTP 500"},
		{name: "token endpoint 200 HTML", setup: func(op *testOP) {
			op.token = func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "text/html")
				w.Write([]byte("<html>login wall</html>"))
			}
		}, wantIs: ErrBadTokenResponse, wantText: "HTML"},
		{name: "token endpoint non-JSON", setup: func(op *testOP) {
			op.token = func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte("this is not json"))
			}
		}, wantIs: ErrBadTokenResponse, wantText: "JSON"},
		{name: "token endpoint missing access_token", setup: func(op *testOP) {
			op.token = func(w http.ResponseWriter, r *http.Request) {
				writeTestJSON(w, map[string]any{"token_type": "Bearer"})
			}
		}, wantIs: ErrBadTokenResponse, wantText: "access_token"},
		{name: "token endpoint OAuth error", setup: func(op *testOP) {
			op.token = func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.WriteHeader(400)
				w.Write([]byte(`{"error":"invalid_client","error_description":"bad secret"}`))
			}
		}, wantText: "invalid_client"},
		{name: "huge token response", setup: func(op *testOP) {
			op.token = func(w http.ResponseWriter, r *http.Request) {
				w.Header().Set("Content-Type", "application/json")
				w.Write([]byte(`{"access_token":"` + strings.Repeat("a", 3<<20) + `"}`))
			}
		}, wantIs: ErrResponseTooLarge},
		{name: "slow token endpoint", setup: func(op *testOP) {
			op.token = func(w http.ResponseWriter, r *http.Request) {
				select {
				case <-time.After(4 * time.Second):
				case <-r.Context().Done():
				}
			}
		}, wantText: "token request"},
		{name: "no ID token although openid", setup: func(op *testOP) {
			op.token = func(w http.ResponseWriter, r *http.Request) {
				writeTestJSON(w, map[string]any{"access_token": "x", "token_type": "Bearer"})
			}
		}, wantIs: ErrInvalidIDToken},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			op := newTestOP(t)
			if tt.setup != nil {
				tt.setup(op)
			}
			e := testEngine(t, op, tt.redirect)
			storeEarlier(t, e)
			ts, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second})
			if err == nil {
				t.Fatalf("sign-in succeeded: %+v", ts)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Fatalf("got %v, want %v", err, tt.wantIs)
			}
			if tt.wantText != "" && !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("got %q, want it to mention %q", err, tt.wantText)
			}
			for _, secret := range []string{"code-", "at-", "rt-"} {
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("error %q leaks a secret", err)
				}
			}
			assertEarlierIntact(t, e)
		})
	}
}

func TestUserinfoSubjectMismatch(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	if _, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second}); err != nil {
		t.Fatal(err)
	}
	if _, err := e.Profile(context.Background(), "op"); err != nil {
		t.Fatalf("profile: %v", err)
	}
	op.mu.Lock()
	op.userinfoSub = "someone-else"
	op.mu.Unlock()
	_, err := e.Profile(context.Background(), "op")
	if !errors.Is(err, ErrSubjectMismatch) {
		t.Fatalf("got %v, want ErrSubjectMismatch", err)
	}
}

func TestLoginTimeoutAndCancel(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	e.open = func(string) error { return nil } // the person never comes back
	storeEarlier(t, e)
	_, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 300 * time.Millisecond})
	if !errors.Is(err, ErrTimeout) {
		t.Fatalf("got %v, want ErrTimeout", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	go func() { time.Sleep(100 * time.Millisecond); cancel() }()
	_, err = e.Login(ctx, "op", LoginOptions{Timeout: time.Minute})
	if !errors.Is(err, ErrCanceled) {
		t.Fatalf("got %v, want ErrCanceled", err)
	}
	assertEarlierIntact(t, e)
}

func TestRefreshRotatesAndInvalidGrantSignsOut(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	first, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	second, err := e.Refresh(context.Background(), "op")
	if err != nil {
		t.Fatal(err)
	}
	if second.RefreshToken == first.RefreshToken || second.AccessToken == first.AccessToken {
		t.Fatal("the rotated tokens were not kept")
	}
	if second.Subject != "user-1" || second.RefreshedAt.IsZero() {
		t.Fatalf("refresh lost the identity or the time: %+v", second)
	}
	stored, _ := e.Stored("op")
	if stored.RefreshToken != second.RefreshToken {
		t.Fatal("the rotated refresh token was not saved")
	}
	op.mu.Lock()
	op.token = func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		w.Write([]byte(`{"error":"invalid_grant","error_description":"revoked"}`))
	}
	op.mu.Unlock()
	_, err = e.Refresh(context.Background(), "op")
	if !errors.Is(err, ErrSessionExpired) {
		t.Fatalf("got %v, want ErrSessionExpired", err)
	}
	if _, err := e.Stored("op"); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("the dead session is still stored: %v", err)
	}
}

func TestConcurrentRefreshesSpendTheRefreshTokenOnce(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	if _, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second}); err != nil {
		t.Fatal(err)
	}
	// Expire the stored token, then ask for it from many goroutines.
	ts, _ := e.Stored("op")
	ts.Expiry = time.Now().Add(-time.Minute)
	if err := e.saveKey(tokenKey("op"), ts); err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 8)
	for range 8 {
		go func() { _, err := e.Token(context.Background(), "op"); errs <- err }()
	}
	for range 8 {
		if err := <-errs; err != nil {
			t.Fatal(err)
		}
	}
	op.mu.Lock()
	defer op.mu.Unlock()
	if op.refreshes != 1 {
		t.Fatalf("refreshed %d times, want once", op.refreshes)
	}
}

func TestPortInUse(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	other, err := net.Listen("tcp", "127.0.0.1:0") // another program on the port
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	e.cfg.Providers[0].RedirectPort = other.Addr().(*net.TCPAddr).Port
	_, err = e.Login(context.Background(), "op", LoginOptions{Timeout: time.Second})
	if !errors.Is(err, ErrPortInUse) {
		t.Fatalf("got %v, want ErrPortInUse", err)
	}
}
