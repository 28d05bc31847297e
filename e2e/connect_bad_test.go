package e2e

import (
	"encoding/json"
	"net"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"oauthdesk/internal/oidcpeer"
)

// Issue 11 item 2: bad input fails with a clear one-line error and saves
// nothing (no providers file, no registration at the server).

// assertNothingSaved checks that no providers file was written.
func assertNothingSaved(t *testing.T, e *env, r result) {
	t.Helper()
	if _, err := os.Stat(e.vars["OAUTHDESK_CONFIG"]); !os.IsNotExist(err) {
		data, _ := os.ReadFile(e.vars["OAUTHDESK_CONFIG"])
		t.Fatalf("a providers file was written after a failed connect:\n%s", data)
	}
	if !strings.Contains(r.stderr, "nothing was saved") {
		t.Fatalf("the error does not say nothing was saved:\n%s", r.stderr)
	}
}

// TestConnectBadInput: each refusal, against the real peer and resource
// server, changed one way each.
func TestConnectBadInput(t *testing.T) {
	rs, peer := connectPeer(t, 300, nil)
	hostile := startHostileAS(t)
	cases := []struct {
		name string
		set  func(rs *protectedRS)
		want string
	}{
		{"not protected (200 with no token)", func(rs *protectedRS) { rs.Unprotected = true },
			"is not a protected resource: " + rs.Resource() + " answered HTTP 200 without asking for a token"},
		{"metadata for another resource", func(rs *protectedRS) { rs.Metadata = map[string]any{"resource": rs.Base + "/other"} },
			`the metadata is for another resource: ` + rs.Base + `/.well-known/oauth-protected-resource/api/data names resource "` + rs.Base + `/other", not "` + rs.Resource() + `" (RFC 9728 §3.3)`},
		{"authorization server whose metadata names another issuer", func(rs *protectedRS) {
			rs.Metadata = map[string]any{"authorization_servers": []string{hostile}}
		}, `names issuer "https://someone-else.example", not "` + hostile + `" (RFC 8414 §3.3)`},
		{"oversized metadata", func(rs *protectedRS) { rs.Oversized = true }, "the metadata document is too large (more than 65536 bytes)"},
		{"redirect loop", func(rs *protectedRS) { rs.Loop = true }, "too many redirects: " + rs.Base + "/.well-known/oauth-protected-resource/api/data redirects back to itself (a loop)"},
		{"no authorization server", func(rs *protectedRS) { rs.Metadata = map[string]any{"authorization_servers": []string{}} }, "names no authorization server"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			rs.set(func(rs *protectedRS) {
				rs.Unprotected, rs.Metadata, rs.Oversized, rs.Loop = false, nil, false, false
				c.set(rs)
			})
			e := newEnv(t)
			regs := len(peer.Requests("/reg"))
			r := e.run("connect", rs.Resource())
			assertOneLineError(t, r, c.want)
			assertNothingSaved(t, e, r)
			if n := len(peer.Requests("/reg")); n != regs {
				t.Fatal("a client was registered although connect failed")
			}
		})
	}
	rs.set(func(rs *protectedRS) { rs.Unprotected, rs.Metadata, rs.Oversized, rs.Loop = false, nil, false, false })
}

// TestConnectRegistrationRefused: a server that wants an initial access
// token for registration (RFC 7591 §3) refuses; its error is shown and
// nothing is saved.
func TestConnectRegistrationRefused(t *testing.T) {
	rs, peer := connectPeer(t, 300, func(m *oidcpeer.Mode) {
		m.Features = map[string]any{"registration": map[string]any{"initialAccessToken": true}}
	})
	e := newEnv(t)
	r := e.run("connect", rs.Resource())
	assertOneLineError(t, r, "the authorization server refused the client registration: registering at "+peer.Issuer+"/reg: the server refused: invalid_token: no access token provided (HTTP 401)")
	assertNothingSaved(t, e, r)
}

// TestConnectWellKnownFallbackWithClientID: the API's challenge names no
// metadata, so it is read at the path-suffixed well-known URL (RFC 9728
// §3.1); with --client-id nothing is registered; call then works.
func TestConnectWellKnownFallbackWithClientID(t *testing.T) {
	rs, peer := connectPeer(t, 300, func(m *oidcpeer.Mode) {
		m.Registration = false
		m.Features = nil
		m.Clients = []oidcpeer.Client{oidcpeer.NativeClient("pub", "", "none")}
	})
	rs.set(func(rs *protectedRS) { rs.NoParam = true })
	e := newEnv(t)
	t.Cleanup(func() { e.run("logout", "api") })
	r := e.mustRun("connect", rs.Resource(), "--id", "api", "--client-id", "pub", "--scope", "openid", "--scope", "api:read")
	mustContain(t, "connect", r.stdout,
		"metadata: "+rs.Base+"/.well-known/oauth-protected-resource/api/data, found through the well-known URL (RFC 9728 §3.1)",
		"Client: pub (given)", "Scopes: openid api:read", "Audience granted: "+rs.Resource())
	if n := len(peer.Requests("/reg")); n != 0 {
		t.Fatal("connect registered a client although --client-id was given")
	}
	mustContain(t, "call", e.mustRun("call", "api", rs.Resource(), "-i").stdout, "200")
	// Without --id the ID comes from the host; a second connect gets -2.
	r = e.mustRun("connect", rs.Resource(), "--client-id", "pub", "--scope", "api:read", "--no-login")
	mustContain(t, "second connect", r.stdout, "Saved provider 127-0-0-1-")
}

// startHostileAS serves RFC 8414 metadata whose issuer is not its own URL.
func startHostileAS(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	base := "http://" + ln.Addr().String()
	mux := http.NewServeMux()
	mux.HandleFunc("/.well-known/oauth-authorization-server", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer":                 "https://someone-else.example",
			"authorization_endpoint": base + "/authorize",
			"token_endpoint":         base + "/token",
			"registration_endpoint":  base + "/reg",
		})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second}
	go srv.Serve(ln)
	t.Cleanup(func() { srv.Close() })
	return base
}
