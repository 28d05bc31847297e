package par

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"oauthdesk/auth/internal/protocol"
	"oauthdesk/internal/oidcpeer"
)

func TestDecide(t *testing.T) {
	for _, c := range []struct {
		mode, endpoint string
		required, use  bool
		err            error
	}{
		{"", "https://op/par", false, true, nil},
		{"", "", false, false, nil},
		{Auto, "https://op/par", true, true, nil},
		{On, "https://op/par", false, true, nil},
		{On, "", false, false, ErrNoEndpoint},
		{Off, "https://op/par", false, false, nil},
		{Off, "https://op/par", true, false, ErrRequiredButOff},
	} {
		use, why, err := Decide(c.mode, c.endpoint, c.required)
		if use != c.use || !errors.Is(err, c.err) || (err == nil && why == "") {
			t.Errorf("Decide(%q, %q, %v) = %v, %q, %v", c.mode, c.endpoint, c.required, use, why, err)
		}
	}
	if _, _, err := Decide("yes", "", false); err == nil {
		t.Error("par = yes was taken")
	}
}

// TestPushAgainstPeer: a real PAR endpoint answers a request_uri, and a
// refusal is the provider's OAuth error.
func TestPushAgainstPeer(t *testing.T) {
	p := oidcpeer.StartT(t, oidcpeer.Mode{RequirePAR: true, Clients: []oidcpeer.Client{oidcpeer.NativeClient("conf", "secret-secret-secret-secret-secret-1", "client_secret_basic")}})
	form := url.Values{"client_id": {"conf"}, "response_type": {"code"}, "redirect_uri": {"http://127.0.0.1:4000/callback"}, "scope": {"openid"},
		"code_challenge": {"E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM"}, "code_challenge_method": {"S256"}, "state": {"s-123456789"}}
	h := http.Header{}
	req, _ := http.NewRequest("POST", "/", nil)
	req.SetBasicAuth("conf", "secret-secret-secret-secret-secret-1")
	h.Set("Authorization", req.Header.Get("Authorization"))
	r, err := Push(context.Background(), http.DefaultClient, p.Issuer+"/request", form, h)
	if err != nil || !strings.HasPrefix(r.RequestURI, "urn:ietf:params:oauth:request_uri:") || r.ExpiresIn <= 0 {
		t.Fatalf("Push = %+v, %v", r, err)
	}
	u, err := AuthorizeURL(p.Issuer+"/auth", "conf", r.RequestURI)
	if err != nil {
		t.Fatal(err)
	}
	resp, err := (&http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}).Get(u)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if loc := resp.Header.Get("Location"); !strings.Contains(loc, "/interaction/") {
		t.Fatalf("the pushed request was not taken: %d %s", resp.StatusCode, loc)
	}
	h.Set("Authorization", "Basic Y29uZjp3cm9uZw==") // conf:wrong
	_, err = Push(context.Background(), http.DefaultClient, p.Issuer+"/request", form, h)
	var pe *protocol.ProviderError
	if !errors.As(err, &pe) || pe.Code != "invalid_client" {
		t.Fatalf("a wrong secret: %v", err)
	}
}
