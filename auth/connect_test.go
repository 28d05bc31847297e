package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"oauthdesk/auth/store"
)

// connectServers is a protected resource and two authorization servers
// over real HTTP on 127.0.0.1, the second with RFC 7591/7592 registration.
type connectServers struct {
	rs, as1, as2 *httptest.Server
	mu           sync.Mutex
	registered   []map[string]any
	deleted      []string
}

func newConnectServers(t *testing.T) *connectServers {
	cs := &connectServers{}
	asHandler := func(self **httptest.Server, withReg bool) http.Handler {
		mux := http.NewServeMux()
		mux.HandleFunc("/.well-known/oauth-authorization-server", func(w http.ResponseWriter, r *http.Request) {
			md := map[string]any{"issuer": (*self).URL, "authorization_endpoint": (*self).URL + "/authorize", "token_endpoint": (*self).URL + "/token",
				"scopes_supported": []string{"openid", "offline_access", "read"}}
			if withReg {
				md["registration_endpoint"] = (*self).URL + "/reg"
			}
			writeTestJSON(w, md)
		})
		mux.HandleFunc("/reg", func(w http.ResponseWriter, r *http.Request) {
			var m map[string]any
			_ = json.NewDecoder(r.Body).Decode(&m)
			cs.mu.Lock()
			cs.registered = append(cs.registered, m)
			cs.mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusCreated)
			_ = json.NewEncoder(w).Encode(map[string]any{"client_id": "dyn-1", "token_endpoint_auth_method": "none",
				"registration_access_token": "rat-secret", "registration_client_uri": (*self).URL + "/reg/dyn-1"})
		})
		mux.HandleFunc("/reg/dyn-1", func(w http.ResponseWriter, r *http.Request) {
			cs.mu.Lock()
			cs.deleted = append(cs.deleted, r.Method+" "+r.Header.Get("Authorization"))
			cs.mu.Unlock()
			w.WriteHeader(http.StatusNoContent)
		})
		return mux
	}
	cs.as1 = httptest.NewServer(asHandler(&cs.as1, false))
	cs.as2 = httptest.NewServer(asHandler(&cs.as2, true))
	cs.rs = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "/.well-known/oauth-protected-resource/api" {
			writeTestJSON(w, map[string]any{"resource": cs.rs.URL + "/api", "authorization_servers": []string{cs.as1.URL, cs.as2.URL}, "scopes_supported": []string{"read"}})
			return
		}
		w.Header().Set("WWW-Authenticate", `Bearer resource_metadata="`+cs.rs.URL+`/.well-known/oauth-protected-resource/api"`)
		w.WriteHeader(http.StatusUnauthorized)
	}))
	t.Cleanup(func() { cs.rs.Close(); cs.as1.Close(); cs.as2.Close() })
	return cs
}

// TestConnectChoosesTheServerAndExplainsEachStep: the second of two
// authorization servers is chosen; the client registered there is a
// native public one; the provider file gets the resource and no secret;
// the store keeps the registration; the flow log names each RFC section;
// removing the provider deletes the registration with its token.
func TestConnectChoosesTheServerAndExplainsEachStep(t *testing.T) {
	cs := newConnectServers(t)
	dir := t.TempDir()
	cfg := filepath.Join(dir, "providers.toml")
	e, err := New(Options{ConfigPath: cfg, Store: store.NewFileStore(filepath.Join(dir, "tokens.json")), LockDir: filepath.Join(dir, "locks"), HTTPTimeout: 2 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	ctx := context.Background()
	rd, err := e.DiscoverResource(ctx, "api", cs.rs.URL+"/api")
	if err != nil {
		t.Fatal(err)
	}
	if len(rd.AuthorizationServers) != 2 || !rd.FromChallenge {
		t.Fatalf("discovery: %+v", rd)
	}
	if _, err := e.Connect(ctx, ConnectRequest{URL: rd.URL, ID: "api", AuthorizationServer: "https://not.listed.example", Discovery: rd}); err == nil {
		t.Fatal("an authorization server the resource does not name was accepted")
	}
	r, err := e.Connect(ctx, ConnectRequest{URL: rd.URL, ID: "api", AuthorizationServer: cs.as2.URL, Discovery: rd})
	if err != nil {
		t.Fatal(err)
	}
	if r.Issuer != cs.as2.URL || r.ClientID != "dyn-1" || !r.Registered || !r.Manageable || strings.Join(r.Scopes, " ") != "openid offline_access read" {
		t.Fatalf("result: %+v", r)
	}
	reg := cs.registered[0]
	if reg["application_type"] != "native" || reg["token_endpoint_auth_method"] != "none" || reg["client_name"] != "oauthdesk" ||
		!strings.HasPrefix(reg["redirect_uris"].([]any)[0].(string), "http://127.0.0.1/") {
		t.Fatalf("registration request: %v", reg)
	}
	data, _ := os.ReadFile(cfg)
	if !strings.Contains(string(data), `resources = ["`+cs.rs.URL+`/api"]`) || strings.Contains(string(data), "rat-secret") {
		t.Fatalf("providers.toml:\n%s", data)
	}
	if !e.HasRegistration("api") {
		t.Fatal("the registration is not kept")
	}
	var explains []string
	for _, s := range e.FlowLog("api") {
		explains = append(explains, s.Explain)
		if r := s.Redacted(); strings.Contains(string(r.ResponseBody)+string(r.RequestBody)+fmt.Sprint(r.RequestHeader), "rat-secret") {
			t.Errorf("the redacted flow log shows the registration access token: %s", r.ResponseBody)
		}
	}
	all := strings.Join(explains, "\n")
	for _, want := range []string{"RFC 9728 §5.1", "RFC 9728 §5.1, §3.3", "RFC 8414 §3, §3.3", "RFC 7591 §3.1"} {
		if !strings.Contains(all, want) {
			t.Errorf("the flow log does not explain %q:\n%s", want, all)
		}
	}
	if cover := e.CoveringProvider(cs.rs.URL + "/api/items?x=1"); cover != "api" {
		t.Errorf("CoveringProvider = %q", cover)
	}
	if cover := e.CoveringProvider(cs.rs.URL + "/apiother"); cover != "" {
		t.Errorf("CoveringProvider of another path = %q", cover)
	}
	uri, err := e.RemoveProviderAndRegistration(ctx, "api")
	if err != nil || uri != cs.as2.URL+"/reg/dyn-1" {
		t.Fatalf("remove: %q %v", uri, err)
	}
	if len(cs.deleted) != 1 || cs.deleted[0] != "DELETE Bearer rat-secret" || e.HasRegistration("api") {
		t.Fatalf("deleted: %v", cs.deleted)
	}
}
