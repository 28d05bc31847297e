package e2e

import (
	"net/http"
	"os/exec"
	"strings"
	"testing"
	"time"

	"oauthdesk/internal/oidcpeer"
)

// checkPushed fails unless every sign-in went through PAR: a pushed
// request answered 201, and the browser's authorization request carried
// only client_id and request_uri.
func (e *peerEnv) checkPushed() {
	e.t.Helper()
	pushed := e.peer.Requests("/request")
	auths := e.peer.Requests("/auth")
	if len(pushed) == 0 || len(auths) == 0 {
		e.t.Fatalf("%d pushed requests, %d authorization requests", len(pushed), len(auths))
	}
	for _, p := range pushed {
		if p.Status != 201 {
			e.t.Fatalf("the pushed authorization request answered %d", p.Status)
		}
	}
	for _, a := range auths {
		if strings.Join(a.Query, " ") != "client_id request_uri" {
			e.t.Fatalf("the browser's authorization request had %v, want only client_id and request_uri", a.Query)
		}
	}
}

// TestPeerPARRequired: a server that requires PAR (par unset = auto): the
// authorization parameters go to the PAR endpoint, authenticated like the
// token request; the browser gets only client_id and request_uri.
func TestPeerPARRequired(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{RequirePAR: true, Clients: []oidcpeer.Client{confidential("conf", "client_secret_basic")}}, "conf", "")
	e.storeSecret()
	e.fullFlow()
	e.checkPushed()
	e.checkClientAuth("client_secret_basic")
}

// TestPeerPAROffHint: par = false against a server that requires it:
// the error names the PAR setting, not the redirect URI.
func TestPeerPAROffHint(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{RequirePAR: true, Clients: []oidcpeer.Client{oidcpeer.NativeClient("pub", "", "none")}}, "pub", `par = false`)
	r := e.run("login", "peer", "--timeout", "30s")
	assertOneLineError(t, r, "par")
	if strings.Contains(r.stderr, "redirect URI") {
		t.Fatalf("the hint is about the redirect URI:\n%s", r.stderr)
	}
	assertOneLineError(t, e.run("token", "peer"), "not signed in")
}

// dpopMode is a server whose client must use DPoP, with nonces.
func dpopMode() oidcpeer.Mode {
	return oidcpeer.Mode{DPoP: &oidcpeer.DPoP{RequireNonce: true}, Clients: []oidcpeer.Client{
		oidcpeer.NativeClient("pub", "", "none").With("dpop_bound_access_tokens", true),
	}}
}

// TestPeerDPoPRequiredWithNonce: dpop = true at a server that binds every
// token and wants a nonce: proofs on the token and refresh requests (with
// the nonce retry), dpop_jkt on the authorization request, DPoP tokens
// on userinfo, profile and call; `oauthdesk proof` prints a fresh proof
// that a plain HTTP client can use, as the curl export does.
func TestPeerDPoPRequiredWithNonce(t *testing.T) {
	e := newPeerEnv(t, dpopMode(), "pub", `dpop = true`)
	e.fullFlow()

	tokens := e.peer.Requests("/token")
	nonceAsked := false
	for _, r := range tokens {
		if !r.HasHeader("dpop") {
			t.Fatalf("a token request without a DPoP proof: %+v", r)
		}
		nonceAsked = nonceAsked || r.Status == 400 && r.DPoPNonceSent
	}
	if !nonceAsked {
		t.Fatal("the server never asked for a nonce: the test does not test the retry")
	}
	pushedJKT := false
	for _, p := range e.peer.Requests("/request") {
		pushedJKT = pushedJKT || p.HasParam("dpop_jkt")
	}
	for _, a := range e.peer.Requests("/auth") {
		if !a.HasQuery("dpop_jkt") && !(a.HasQuery("request_uri") && pushedJKT) {
			t.Fatalf("an authorization request without dpop_jkt: %v", a.Query)
		}
	}
	me := e.peer.Requests("/me")
	if len(me) < 3 {
		t.Fatalf("%d userinfo requests", len(me))
	}
	for _, r := range me {
		if r.AuthScheme != "DPoP" || !r.HasHeader("dpop") {
			t.Fatalf("a userinfo request without the DPoP scheme and proof: %+v", r)
		}
	}

	// A fresh proof for a plain client, as curl would send it.
	e.mustRun("login", "peer")
	if st := e.mustRun("status", "peer", "--json").stdout; !strings.Contains(st, `"token_type": "DPoP"`) {
		t.Fatalf("status does not say the token is DPoP-bound:\n%s", st)
	}
	tok := strings.TrimSpace(e.mustRun("token", "peer").stdout)
	userinfo := e.peer.Issuer + "/me"
	get := func() *http.Response {
		proof := strings.TrimSpace(e.mustRun("proof", "peer", "GET", userinfo).stdout)
		if strings.Count(proof, ".") != 2 {
			t.Fatalf("proof printed %q", proof)
		}
		req, _ := http.NewRequest(http.MethodGet, userinfo, nil)
		req.Header.Set("Authorization", "DPoP "+tok)
		req.Header.Set("DPoP", proof)
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp
	}
	if resp := get(); resp.StatusCode != 200 {
		t.Fatalf("userinfo with the printed proof: HTTP %d %v", resp.StatusCode, resp.Header.Values("WWW-Authenticate"))
	}
	if resp := get(); resp.StatusCode != 200 {
		t.Fatalf("a second proof (each is single-use): HTTP %d", resp.StatusCode)
	}
}

// TestPeerDPoPCurlExport: the curl export of a DPoP-bound session reads
// the token and a fresh proof from oauthdesk, and runs as it is.
func TestPeerDPoPCurlExport(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("no curl")
	}
	e := newPeerEnv(t, dpopMode(), "pub", `dpop = true`)
	e.mustRun("login", "peer")
	cmd := strings.TrimSpace(e.mustRun("call", "peer", "--curl").stdout)
	if !strings.Contains(cmd, `DPoP: $(oauthdesk proof peer GET `) || !strings.Contains(cmd, `Authorization: DPoP $(oauthdesk token peer)`) {
		t.Fatalf("curl export: %s", cmd)
	}
	// Run it with this binary as "oauthdesk".
	// The headers come from a here-document after the options: add ours
	// right after the command name.
	sh := exec.Command("sh", "-c", "oauthdesk() { \"$OAUTHDESK\" \"$@\"; }; "+strings.Replace(cmd, "curl ", "curl -sS -w '\\n%{http_code}' ", 1))
	sh.Env = append(e.environ(), "OAUTHDESK="+binary)
	out, err := sh.CombinedOutput()
	if err != nil || !strings.HasSuffix(strings.TrimSpace(string(out)), "200") || !strings.Contains(string(out), "peer-user-0001") {
		t.Fatalf("running the exported curl: %v\n%s", err, out)
	}
}

// TestPeerDPoPOffHint: a server that binds every token, with dpop not
// set: the error names the DPoP setting and never says "sign in again";
// nothing is stored.
func TestPeerDPoPOffHint(t *testing.T) {
	e := newPeerEnv(t, dpopMode(), "pub", ``)
	r := e.run("login", "peer", "--timeout", "30s")
	assertOneLineError(t, r, "dpop")
	if strings.Contains(strings.ToLower(r.stderr), "sign in again") {
		t.Fatalf("DPoP error answered with sign in again:\n%s", r.stderr)
	}
	assertOneLineError(t, e.run("token", "peer"), "not signed in")
}

// TestPeerJARRequired: request_object = true at a server that requires
// signed request objects: the authorization parameters travel as a
// request object signed HS256 with the secret.
func TestPeerJARRequired(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{RequireJAR: true, Clients: []oidcpeer.Client{confidential("conf", "client_secret_basic")}}, "conf",
		`request_object = true
par = false`)
	e.storeSecret()
	e.fullFlow()
	// The URL printed for the person to open is the real one; everything
	// else -v prints (the flow log, debug lines) hides the request object,
	// which holds state, nonce and the PKCE challenge.
	r := e.mustRun("login", "peer", "-v")
	for _, l := range strings.Split(r.stderr, "\n") {
		if strings.Contains(l, "eyJ") && !strings.HasPrefix(strings.TrimSpace(l), "http://127.0.0.1:") {
			t.Fatalf("login -v shows the request object:\n%s", l)
		}
	}
	for _, a := range e.peer.Requests("/auth") {
		if !a.HasQuery("request") || a.HasQuery("scope") {
			t.Fatalf("the authorization request was not a request object: %v", a.Query)
		}
	}
}

// TestPeerJARWithPAR: request objects signed with the private_key_jwt
// key, pushed (PAR), at a server that requires both.
func TestPeerJARWithPAR(t *testing.T) {
	e := newPeerEnvWithKey(t, oidcpeer.Mode{RequireJAR: true, RequirePAR: true, Clients: []oidcpeer.Client{oidcpeer.NativeClient("pk", "", "private_key_jwt")}}, "pk",
		`token_endpoint_auth_method = "private_key_jwt"
request_object = true`)
	e.fullFlow()
	e.checkPushed()
	for _, p := range e.peer.Requests("/request") {
		if !p.HasParam("request") {
			t.Fatalf("the pushed request carried no request object: %+v", p)
		}
	}
	e.checkClientAuth("private_key_jwt")
}

// TestPeerJAROffHint: a server that requires request objects, with
// request_object unset: the hint names the setting.
func TestPeerJAROffHint(t *testing.T) {
	e := newPeerEnv(t, oidcpeer.Mode{RequireJAR: true, Clients: []oidcpeer.Client{confidential("conf", "client_secret_basic")}}, "conf", "par = false")
	e.storeSecret()
	r := e.run("login", "peer", "--timeout", "30s")
	assertOneLineError(t, r, "request_object")
	if strings.Contains(r.stderr, "redirect URI") {
		t.Fatalf("the hint is about the redirect URI:\n%s", r.stderr)
	}
}

var _ = time.Second
