package protocol

import (
	"strings"
	"testing"
)

// TestHintsNameTheRequirement: errors that say what the server requires
// get the setting that provides it, never "sign in again" or the redirect
// URI hint.
func TestHintsNameTheRequirement(t *testing.T) {
	for _, c := range []struct{ code, desc, want string }{
		{"invalid_request", "Pushed Authorization Request must be used", "par = auto"},
		{"invalid_request", "Request Object must be used", "request_object = true"},
		{"invalid_dpop_proof", "DPoP proof JWT not provided", "dpop = true"},
		{"use_dpop_nonce", "", "dpop = true"},
		{"invalid_grant", "DPoP proof JWT is missing", "dpop = true"},
		{"invalid_client", "the provided authentication mechanism does not match the registered client authentication method", "token_endpoint_auth_method"},
	} {
		got := (&ProviderError{Code: c.code, Description: c.desc, Where: "token"}).Error()
		if !strings.Contains(got, c.want) || strings.Contains(got, "sign in again") || strings.Contains(got, "redirect URI") {
			t.Errorf("%s (%s): %s", c.code, c.desc, got)
		}
	}
	if got := (&ProviderError{Code: "invalid_grant"}).Error(); !strings.Contains(got, "sign in again") {
		t.Errorf("a plain invalid_grant: %s", got)
	}
	if got := (&ProviderError{Code: "invalid_client", Hint: "mine"}).Error(); !strings.HasSuffix(got, "; mine") {
		t.Errorf("an explicit hint: %s", got)
	}
}
