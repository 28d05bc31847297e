package e2e

import (
	"fmt"
	"testing"
)

// TestAttackReservedAuthParams: a providers file from someone else sets
// authorization request parameters that oauthdesk owns (in any letter
// case), or ones that replace the whole request (request, request_uri) or
// change how the code comes back (response_mode). Each is refused with the
// file's field named, before anything is sent; a harmless one still works.
func TestAttackReservedAuthParams(t *testing.T) {
	e := newEnv(t)
	op := newHostileOP(t, false)
	for _, key := range []string{"state", "State", "REDIRECT_URI", "Code_Challenge_Method", "response_type", "Scope",
		"request", "Request", "request_uri", "response_mode", "Response_Mode"} {
		t.Run(key, func(t *testing.T) {
			e.writeConfig(op.config("evil", fmt.Sprintf("auth_params = { %q = \"x\" }\n", key)))
			assertOneLineError(t, e.run("providers"), "auth_params")
		})
	}
	e.writeConfig(op.config("evil", "auth_params = { prompt = \"login\", login_hint = \"a@example.com\" }\n"))
	e.mustRun("providers")
}
