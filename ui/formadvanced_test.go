package ui

import (
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"oauthdesk/auth"
	"oauthdesk/internal/oidcpeer"
)

// memStore is an in-memory auth.SecretStore for an engine that only runs
// discovery here (the secrets of these tests are not real ones).
type memStore struct {
	mu sync.Mutex
	m  map[string][]byte
}

func (s *memStore) Load(k string) ([]byte, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if v, ok := s.m[k]; ok {
		return v, nil
	}
	return nil, auth.ErrNotFound
}

func (s *memStore) Save(k string, v []byte) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.m == nil {
		s.m = map[string][]byte{}
	}
	s.m[k] = v
	return nil
}

func (s *memStore) Delete(k string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	delete(s.m, k)
	return nil
}

func (s *memStore) Describe() string { return "memory" }

// TestFormAdvancedShowsWhyAutoChose: the Advanced section, against a real
// oidc-provider (PAR required, DPoP offered) through the real engine's
// discovery, shows what the server supports and what auto chose and why;
// a bad resource indicator is refused under its field; the settings are
// saved as chosen.
func TestFormAdvancedShowsWhyAutoChose(t *testing.T) {
	peer := oidcpeer.StartT(t, oidcpeer.Mode{RequirePAR: true, Clients: []oidcpeer.Client{
		oidcpeer.NativeClient("conf", "a-client-secret-of-at-least-32-bytes-long", "client_secret_post"),
	}})
	cfg := filepath.Join(t.TempDir(), "providers.toml")
	if err := os.WriteFile(cfg, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	eng, err := auth.New(auth.Options{ConfigPath: cfg, Store: &memStore{}, LockDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { eng.Close() })

	h := newHarness(t, func(fb *fakeBackend, _ time.Time) { fb.support = eng.ServerSupport })
	f := openForm(h)
	test.Type(f.id, "peer")
	test.Type(f.issuer, peer.Issuer)
	test.Type(f.clientID, "conf")
	test.Type(f.secret, "a-client-secret-of-at-least-32-bytes-long")
	f.dpop.SetSelected(T(switchAutoOption))
	f.advanced.Open(0)
	h.tap("Check server")
	h.waitFor("the server's support", func() bool { return strings.Contains(f.support.Text, "ID token algorithms") })
	got := f.support.Text
	for _, want := range []string{
		"Discovery: OpenID Connect discovery (/.well-known/openid-configuration), read from " + peer.Issuer + "/.well-known/openid-configuration",
		"Client authentication: the server supports ", "client_secret_post",
		"PAR: endpoint " + peer.Issuer + "/request; required: Yes.",
		"→ pushed (par = auto, and the provider requires it (require_pushed_authorization_requests))",
		"DPoP: proof algorithms ", "ES256",
		"→ tokens are DPoP-bound (dpop = auto, and the provider advertises ES256 DPoP proofs)",
		"Request objects: algorithms ",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("the support text lacks %q:\n%s", want, got)
		}
	}
	if !strings.Contains(got, "→ oauthdesk uses client_secret_") {
		t.Errorf("the support text does not say which method auto picked:\n%s", got)
	}

	// par = false against a server that requires PAR: said before sign-in.
	f.par.SetSelected(T(switchOffOption))
	h.tap("Check server")
	h.waitFor("the PAR refusal", func() bool { return strings.Contains(f.support.Text, "par = false in providers.toml") })

	f.resources.SetText("https://api.peer.example/\nnot a uri#x")
	h.tap("Save")
	h.waitText("Not an absolute URI without #fragment: not a uri#x")
	f.resources.SetText("https://api.peer.example/")
	f.par.SetSelected(T(switchAutoOption))
	f.authMethod.SetSelected("client_secret_post")
	f.requestObject.SetChecked(true)
	h.tap("Save")
	h.waitFor("the saved provider", func() bool { return h.mw.selected == "peer" && h.mw.form == nil })
	h.fb.mu.Lock()
	saved := h.fb.providers[len(h.fb.providers)-1]
	h.fb.mu.Unlock()
	if saved.DPoP != auth.SwitchAuto || saved.PAR != auth.SwitchUnset || saved.TokenEndpointAuthMethod != "client_secret_post" ||
		!saved.RequestObject || len(saved.Resources) != 1 || saved.Resources[0] != "https://api.peer.example/" {
		t.Errorf("saved %+v", saved)
	}
	// The provider's Configuration card lists what is set.
	h.waitText("Resources", "https://api.peer.example/", "Client authentication", "client_secret_post", "DPoP", "Request object")
}
