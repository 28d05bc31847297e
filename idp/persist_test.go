package idp_test

import (
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"oauthdesk/idp"
)

// jwks fetches the provider's key set as raw JSON.
func jwks(t *testing.T, srv *idp.Server) string {
	t.Helper()
	resp, err := http.Get(srv.Issuer() + "/keys")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

func TestRestartKeepsKeyAndRefreshToken(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "data")
	srv1, err := idp.Start(t.Context(), idp.Options{Addr: "127.0.0.1:0", DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	a := newApp(t)
	c1 := newClient(t, srv1, idp.DemoClientID, "", a.redirectURI())
	tok, _ := c1.signIn(t, a, idp.DemoUsername, idp.DemoPassword)
	keys1 := jwks(t, srv1)
	addr := strings.TrimPrefix(srv1.Issuer(), "http://")
	if err := srv1.Close(); err != nil {
		t.Fatal(err)
	}

	// The file holds no usable token and is private.
	path := filepath.Join(dir, "idp-state.json")
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(data), tok.RefreshToken) || strings.Contains(string(data), tok.AccessToken) {
		t.Error("state file contains a raw token")
	}
	if !strings.Contains(string(data), `"password_hash": "pbkdf2-sha256$`) {
		t.Error("state file does not hold password hashes")
	}
	if runtime.GOOS != "windows" {
		if fi, _ := os.Stat(path); fi.Mode().Perm() != 0o600 {
			t.Errorf("state file mode %v, want 0600", fi.Mode().Perm())
		}
		if fi, _ := os.Stat(dir); fi.Mode().Perm() != 0o700 {
			t.Errorf("data dir mode %v, want 0700", fi.Mode().Perm())
		}
	}

	// A later process on the same port: same key, the refresh token works,
	// and the access token from before is still accepted by userinfo.
	srv2, err := idp.Start(t.Context(), idp.Options{Addr: addr, DataDir: dir})
	if err != nil {
		t.Fatal(err)
	}
	defer srv2.Close()
	if srv2.Issuer() != srv1.Issuer() {
		t.Fatalf("issuer changed: %s → %s", srv1.Issuer(), srv2.Issuer())
	}
	if keys2 := jwks(t, srv2); keys2 != keys1 {
		t.Errorf("signing key changed across restart:\n%s\n%s", keys1, keys2)
	}
	c2 := newClient(t, srv2, idp.DemoClientID, "", a.redirectURI())
	if _, err := c2.provider.UserInfo(t.Context(), c2.cfg.TokenSource(t.Context(), tok)); err != nil {
		t.Errorf("userinfo with the old access token: %v", err)
	}
	if _, err := c2.refresh(t.Context(), tok.RefreshToken); err != nil {
		t.Fatalf("refresh after restart: %v", err)
	}
	if _, err := c2.refresh(t.Context(), tok.RefreshToken); oauthErrorCode(err) != "invalid_grant" {
		t.Errorf("old refresh token after rotation: err = %v", err)
	}
	var st struct {
		RefreshTokens []json.RawMessage `json:"refresh_tokens"`
	}
	data, _ = os.ReadFile(path)
	if err := json.Unmarshal(data, &st); err != nil || len(st.RefreshTokens) != 1 {
		t.Errorf("state file after rotation: %d refresh tokens, err %v", len(st.RefreshTokens), err)
	}
}

func TestMalformedStateFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "idp-state.json")
	if err := os.WriteFile(path, []byte("{not json"), 0o600); err != nil {
		t.Fatal(err)
	}
	srv, err := idp.Start(t.Context(), idp.Options{Addr: "127.0.0.1:0", DataDir: dir})
	if err == nil {
		srv.Close()
		t.Fatal("Start accepted a malformed state file")
	}
	if !strings.Contains(err.Error(), path) {
		t.Errorf("error %q does not name the file", err)
	}
	// A bad key is named too.
	if err := os.WriteFile(path, []byte(`{"version":1,"signing_key":"nope"}`), 0o600); err != nil {
		t.Fatal(err)
	}
	if _, err := idp.Start(t.Context(), idp.Options{Addr: "127.0.0.1:0", DataDir: dir}); err == nil || !strings.Contains(err.Error(), path) {
		t.Errorf("bad key: err = %v", err)
	}
}
