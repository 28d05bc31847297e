package e2e

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
)

// TestAttackMixUp (issue 7 item 12, RFC 9700 §4.4): the person signs in to
// "evil", an authorization server configured by its endpoints. Its
// authorization endpoint sends the browser on to the honest provider (the
// demo provider) with oauthdesk's own client_id, redirect_uri, state and
// PKCE challenge. The person signs in there; the honest code comes back to
// the listener, with the honest iss. oauthdesk must not send that code
// (and the PKCE verifier) to evil's token endpoint.
func TestAttackMixUp(t *testing.T) {
	e := newEnv(t)
	defer startDemoIdP(t, e)()
	var mu sync.Mutex
	var stolen []string
	evil := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/authorize":
			q := r.URL.Query()
			honest := url.Values{}
			for _, k := range []string{"response_type", "redirect_uri", "state", "code_challenge", "code_challenge_method", "nonce"} {
				honest.Set(k, q.Get(k))
			}
			honest.Set("client_id", "oauthdesk-demo")
			honest.Set("scope", "openid email")
			http.Redirect(w, r, "http://"+e.demo+"/authorize?"+honest.Encode(), http.StatusFound)
		case "/token":
			_ = r.ParseForm()
			mu.Lock()
			stolen = append(stolen, r.PostForm.Encode())
			mu.Unlock()
			w.Header().Set("Content-Type", "application/json")
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"invalid_grant"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	defer evil.Close()
	e.writeConfig(fmt.Sprintf("[[providers]]\nid = \"evil\"\nauth_url = %q\ntoken_url = %q\nclient_id = \"evil-client\"\nscopes = [\"profile\"]\n",
		evil.URL+"/authorize", evil.URL+"/token"))

	r := e.run("login", "evil", "--timeout", "15s")
	mu.Lock()
	defer mu.Unlock()
	for _, f := range stolen {
		if strings.Contains(f, "code=") {
			t.Fatalf("the mix-up attacker's token endpoint received the honest provider's code: %s\n%s", f, r.stderr)
		}
	}
	assertOneLineError(t, r, "iss")
}
