package provider

import (
	"fmt"
	"slices"
	"strings"
)

// Switch is a setting that is true, false or auto ("" when unset). In
// providers.toml it is written as a boolean or as the string "auto".
type Switch string

// Switch values.
const (
	SwitchUnset Switch = ""
	SwitchOn    Switch = "true"
	SwitchOff   Switch = "false"
	SwitchAuto  Switch = "auto"
)

// UnmarshalTOML reads true, false or "auto" (the strings "true" and
// "false" too).
func (s *Switch) UnmarshalTOML(v any) error {
	switch x := v.(type) {
	case bool:
		*s = SwitchOff
		if x {
			*s = SwitchOn
		}
		return nil
	case string:
		switch Switch(strings.ToLower(x)) {
		case SwitchOn, SwitchOff, SwitchAuto:
			*s = Switch(strings.ToLower(x))
			return nil
		}
	}
	return fmt.Errorf("must be true, false or \"auto\", not %v", v)
}

// MarshalTOML writes true and false as booleans and auto as a string.
func (s Switch) MarshalTOML() ([]byte, error) {
	switch s {
	case SwitchOn, SwitchOff:
		return []byte(s), nil
	}
	return []byte(`"` + string(s) + `"`), nil
}

// tokenEndpointAuthMethods are the values of token_endpoint_auth_method
// (auth/clientauth implements them).
var tokenEndpointAuthMethods = []string{"client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"}

// validateAdvanced checks the client-authentication, PAR, DPoP and
// request-object settings.
func validateAdvanced(r Provider) error {
	if m := r.TokenEndpointAuthMethod; m != "" && !slices.Contains(tokenEndpointAuthMethods, m) {
		return &fieldError{"token_endpoint_auth_method", fmt.Sprintf("%q is not one of %s", m, strings.Join(tokenEndpointAuthMethods, ", "))}
	}
	switch r.ClientAssertionAudience {
	case "", "endpoint", "issuer", "token_endpoint":
	default:
		return &fieldError{"client_assertion_aud", `must be "endpoint", "issuer" or "token_endpoint"`}
	}
	if r.RequestObject && r.TokenEndpointAuthMethod == "none" {
		return &fieldError{"request_object", "a request object is signed with the client key or secret, which a public client (none) does not have"}
	}
	return nil
}
