package auth

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"oauthdesk/auth/store"
	"oauthdesk/internal/oidcpeer"
	"oauthdesk/internal/testbrowser"
)

// BenchmarkCallPeer measures one API call (Engine.Call of the userinfo
// endpoint) against oidc-provider over real HTTP on 127.0.0.1, with a
// bearer token and with a DPoP-bound token (a fresh ES256 proof per call,
// the server's nonce carried over from the previous answer):
//
//	go test ./auth -run '^$' -bench BenchmarkCallPeer -benchtime 200x
//
// peerEngine starts oidc-provider (DPoP with nonces) and an engine with
// two signed-in sessions there: "bearer" and "dpop" (dpop = true).
func peerEngine(tb testing.TB) (*oidcpeer.Peer, *Engine) {
	tb.Helper()
	p := oidcpeer.StartT(tb, oidcpeer.Mode{DPoP: &oidcpeer.DPoP{RequireNonce: true}, RefreshWithoutOfflineAccess: true, Clients: []oidcpeer.Client{
		oidcpeer.NativeClient("bearer", "", "none"),
		oidcpeer.NativeClient("dpop", "", "none").With("dpop_bound_access_tokens", true),
	}})
	dir := tb.TempDir()
	cfg := ""
	for _, id := range []string{"bearer", "dpop"} {
		cfg += "[[providers]]\nid = \"" + id + "\"\npreset = \"oidc\"\nissuer = \"" + p.Issuer + "\"\nclient_id = \"" + id + "\"\nscopes = [\"openid\", \"email\"]\npar = false\n"
		if id == "dpop" {
			cfg += "dpop = true\n"
		}
	}
	path := filepath.Join(dir, "providers.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		tb.Fatal(err)
	}
	e, err := New(Options{
		ConfigPath: path, Store: store.NewFileStore(filepath.Join(dir, "tokens.json")), LockDir: filepath.Join(dir, "locks"),
		OpenBrowser: func(u string) error {
			go testbrowser.Visit(context.Background(), u, testbrowser.Options{})
			return nil
		},
	})
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { e.Close() })
	ctx := context.Background()
	for _, id := range []string{"bearer", "dpop"} {
		t, err := e.Login(ctx, id, LoginOptions{Timeout: 30 * time.Second})
		if err != nil {
			tb.Fatal(err)
		}
		if (id == "dpop") != t.IsDPoP() {
			tb.Fatalf("%s: token_type %s", id, t.TokenType)
		}
	}
	return p, e
}

func BenchmarkCallPeer(b *testing.B) {
	p, e := peerEngine(b)
	ctx := context.Background()
	for _, id := range []string{"bearer", "dpop"} {
		b.Run(id, func(b *testing.B) {
			req := APIRequest{URL: p.Issuer + "/me"}
			for b.Loop() {
				resp, err := e.Call(ctx, id, req)
				if err != nil || resp.Status != 200 {
					b.Fatalf("call: %v %+v", err, resp)
				}
			}
		})
	}
	retries := 0
	for _, r := range p.Requests("/me") {
		if r.Status == 401 {
			retries++
		}
	}
	b.Logf("%d userinfo requests, %d of them answered use_dpop_nonce (and retried)", len(p.Requests("/me")), retries)
}
