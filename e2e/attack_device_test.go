package e2e

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// hostileDeviceProvider is a real HTTP server that answers a device
// authorization request with the given verification URIs, and then keeps
// saying authorization_pending.
func hostileDeviceProvider(t *testing.T, uri, complete string) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		switch r.URL.Path {
		case "/device":
			_ = json.NewEncoder(w).Encode(map[string]any{
				"device_code": "dev-code", "user_code": "WDJB-MJHT", "expires_in": 60, "interval": 1,
				"verification_uri": uri, "verification_uri_complete": complete,
			})
		case "/token":
			w.WriteHeader(http.StatusBadRequest)
			_, _ = w.Write([]byte(`{"error":"authorization_pending"}`))
		default:
			http.NotFound(w, r)
		}
	}))
	t.Cleanup(srv.Close)
	return srv
}

// TestAttackHostileDeviceProvider (issue 7 item 2): a provider's
// verification_uri(_complete) of file:, javascript: or a browser flag is
// refused at once with a clear error; it is neither shown as an address
// to open nor handed to a browser.
func TestAttackHostileDeviceProvider(t *testing.T) {
	for _, tc := range []struct{ name, uri, complete string }{
		{"file", "file:///etc/passwd", ""},
		{"javascript", "javascript:alert(document.cookie)", ""},
		{"browser flag", "--gpu-launcher=/bin/sh -c id", ""},
		{"flag in complete", "https://example.com/device", "--gpu-launcher=/bin/sh -c id"},
		{"http elsewhere", "http://evil.example/device", ""},
		{"terminal escape", "https://example.com/activate\x1b]0;owned\x07", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			srv := hostileDeviceProvider(t, tc.uri, tc.complete)
			e.writeConfig(fmt.Sprintf("[[providers]]\nid = \"hostile\"\nauth_url = %q\ntoken_url = %q\ndevice_auth_url = %q\nclient_id = \"x\"\n",
				srv.URL+"/authorize", srv.URL+"/token", srv.URL+"/device"))
			r := e.run("login", "hostile", "--device", "--timeout", "5s")
			assertOneLineError(t, r, "verification_uri")
			if strings.Contains(r.stderr, "open this address") || strings.Contains(r.stderr, "Waiting for you") {
				t.Fatalf("the hostile address was shown as one to open:\n%s", r.stderr)
			}
		})
	}
}
