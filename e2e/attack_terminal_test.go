package e2e

import (
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// Terminal escapes a hostile provider puts in the text it controls: an OSC
// window-title change, an OSC 52 clipboard write, CSI sequences (7-bit and
// the 8-bit C1 form), a carriage return that overwrites the line, and bidi
// overrides that reorder what the person reads.
const (
	oscTitle  = "\x1b]0;owned\x07"
	osc52     = "\x1b]52;c;ZWNobyBvd25lZA==\x07"
	csiClear  = "\x1b[2J\x1b[31m"
	c1CSI     = "\u009b31m"
	bidiRLO   = "\u202egnp.exe"
	bidiIsol  = "\u2066x\u2069"
	overwrite = "\rsafe"
)

// terminalHazards are the bytes and runes that must never reach the
// terminal from provider text.
var terminalHazards = []string{"\x1b", "\x07", "\u009b", "\u202e", "\u2066", "\u2069", "\r"}

// assertTerminalSafe fails if out holds a terminal control or bidi
// character.
func assertTerminalSafe(t *testing.T, what, out string) {
	t.Helper()
	for _, h := range terminalHazards {
		if strings.Contains(out, h) {
			t.Fatalf("%s carries %q to the terminal:\n%q", what, h, out)
		}
	}
	for _, b := range []byte(out) {
		if b < 0x20 && b != '\n' && b != '\t' || b == 0x7f {
			t.Fatalf("%s carries the control byte %#x to the terminal:\n%q", what, b, out)
		}
	}
}

// TestAttackTerminalEscapes: the provider's name, email, error_description,
// device user code, response headers and bodies (in -v output) carry
// escape sequences; the built binary's stdout and stderr must hold none of
// them, and still show the text around them.
func TestAttackTerminalEscapes(t *testing.T) {
	e := newEnv(t)
	op := newHostileOP(t, false)
	op.user = map[string]any{
		"sub":   "user-1",
		"name":  "Mallory" + oscTitle + csiClear + " Evil",
		"email": "m@example.com" + osc52 + bidiRLO + c1CSI + bidiIsol + overwrite,
	}
	e.writeConfig(op.config("evil", ""))
	t.Cleanup(func() { e.run("logout", "evil") })

	var outputs []string
	check := func(what string, r result) result {
		t.Helper()
		assertTerminalSafe(t, what+" stdout", r.stdout)
		assertTerminalSafe(t, what+" stderr", r.stderr)
		outputs = append(outputs, r.stdout+r.stderr)
		return r
	}
	check("login", e.mustRun("login", "evil"))
	r := check("profile", e.mustRun("profile", "evil"))
	if !strings.Contains(r.stdout, "Mallory") || !strings.Contains(r.stdout, "Evil") || !strings.Contains(r.stdout, "m@example.com") {
		t.Fatalf("profile no longer shows the text around the escapes:\n%s", r.stdout)
	}
	check("profile --json", e.mustRun("profile", "evil", "--json"))
	check("status", e.mustRun("status", "evil"))
	check("status --json", e.mustRun("status", "evil", "--json"))
	check("providers", e.mustRun("providers"))
	check("accounts", e.run("accounts", "evil"))

	// -v prints raw bodies: a body that is not JSON, with the escapes as
	// raw bytes. (Go's client itself refuses such bytes in a header.)
	op.override("/userinfo", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/plain")
		fmt.Fprint(w, "not json"+osc52+csiClear+bidiRLO+c1CSI+overwrite)
	})
	check("-v profile", e.run("-v", "profile", "evil"))

	// An error_description with escapes, from the token endpoint.
	op.override("/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprintf(w, `{"error":"invalid_grant","error_description":"expired\u001b]52;c;ZWNobyBvd25lZA==\u0007 \u202eoh\u009b31m\r"}`)
	})
	r = check("-v refresh", e.run("-v", "refresh", "evil"))
	if r.code == 0 || !strings.Contains(r.stderr, "expired") || !strings.Contains(r.stderr, "#1 refresh") {
		t.Fatalf("refresh against invalid_grant:\n%s\n%s", r.stdout, r.stderr)
	}

	// A device user code with escapes; the person then denies. (A
	// verification URI with control characters is refused before anything
	// is printed: see TestAttackHostileDeviceProvider.)
	op.override("/device", func(w http.ResponseWriter, r *http.Request) {
		writeJSONBody(w, map[string]any{"device_code": "dc-1", "user_code": "AB" + csiClear + "CD" + bidiRLO,
			"verification_uri": op.url() + "/activate", "expires_in": 30, "interval": 1})
	})
	op.override("/token", func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		fmt.Fprint(w, `{"error":"access_denied","error_description":"no\u001b]0;t\u0007"}`)
	})
	check("login --device", e.run("login", "evil", "--device", "--timeout", "10s"))

	if all := strings.Join(outputs, "\n"); !strings.Contains(all, "not json") || !strings.Contains(all, "(AB") {
		t.Fatalf("the -v body or the user code is no longer shown:\n%s", all)
	}
}
