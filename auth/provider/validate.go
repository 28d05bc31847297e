package provider

import (
	"fmt"
	"net/url"
	"oauthdesk/auth/internal/protocol"
	"regexp"
	"strings"
)

// fieldError is a validation error about one field of a provider.
type fieldError struct{ field, msg string }

func (e *fieldError) Error() string { return e.field + ": " + e.msg }

// idPattern is what a provider ID may look like.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,62}$`)

// reservedAuthParams are authorization request parameters that a config
// must not set, in any letter case (providers differ in whether names are
// case-sensitive, so "State" may still reach one as state): those
// oauthdesk sets itself, request and request_uri (a request object or a
// PAR reference replaces the whole request, checks included), and
// response_mode (it moves the code out of the loopback redirect's query).
var reservedAuthParams = map[string]bool{
	"response_type": true, "client_id": true, "redirect_uri": true, "state": true,
	"nonce": true, "code_challenge": true, "code_challenge_method": true, "scope": true,
	"request": true, "request_uri": true, "response_mode": true,
}

// ValidateProvider checks a provider as written, before presets apply
// defaults. The error names the field at fault.
func ValidateProvider(p Provider) error { return validateProvider(p) }

// validateProvider is ValidateProvider, its error a *fieldError.
func validateProvider(p Provider) error {
	if p.ID == "" {
		return &fieldError{"id", "is required"}
	}
	if !idPattern.MatchString(p.ID) {
		return &fieldError{"id", "use lower-case letters, digits, - and _ (for example \"google\" or \"work-gitlab\")"}
	}
	if p.ID == DemoID {
		return &fieldError{"id", fmt.Sprintf("%q is the built-in demo provider; choose another id", DemoID)}
	}
	if p.Preset != "" {
		if _, ok := presetByName(p.Preset); !ok || p.Preset == DemoID {
			return &fieldError{"preset", fmt.Sprintf("unknown preset %q (known: %s)", p.Preset, strings.Join(PresetNames(), ", "))}
		}
	}
	r := p.WithPreset()
	switch r.GrantType() {
	case GrantAuthorizationCode, GrantClientCredentials:
	default:
		return &fieldError{"grant", fmt.Sprintf("must be %q or %q", GrantAuthorizationCode, GrantClientCredentials)}
	}
	if r.ClientID == "" {
		return &fieldError{"client_id", "is required: register oauthdesk at the provider and copy the client ID here"}
	}
	for _, f := range []struct{ name, val string }{
		{"issuer", r.Issuer}, {"auth_url", r.AuthURL}, {"token_url", r.TokenURL},
		{"userinfo_url", r.UserinfoURL}, {"profile_url", r.ProfileURL}, {"revocation_url", r.RevocationURL},
		{"introspection_url", r.IntrospectionURL}, {"device_auth_url", r.DeviceAuthURL}, {"par_url", r.PARURL},
	} {
		if f.val == "" {
			continue
		}
		if err := checkEndpointURL(f.val, f.name == "issuer" && r.Quirks.TenantIssuer); err != nil {
			return &fieldError{f.name, err.Error()}
		}
	}
	if r.Issuer == "" {
		if r.TokenURL == "" {
			return &fieldError{"issuer", "set issuer (for OpenID Connect discovery) or auth_url and token_url"}
		}
		if r.GrantType() == GrantAuthorizationCode && r.AuthURL == "" {
			return &fieldError{"auth_url", "is required when there is no issuer"}
		}
	}
	switch strings.ToLower(strings.Trim(r.RedirectHost, "[]")) {
	case "", "127.0.0.1", "::1", "localhost":
	default:
		return &fieldError{"redirect_host", "must be 127.0.0.1, [::1] or localhost: native apps redirect to the loopback interface (RFC 8252 §7.3)"}
	}
	if r.RedirectPort < 0 || r.RedirectPort > 65535 {
		return &fieldError{"redirect_port", "must be between 0 (any free port) and 65535"}
	}
	if strings.ContainsAny(r.RedirectPath, "?#") {
		return &fieldError{"redirect_path", "must be a plain path, without ? or #"}
	}
	for _, s := range r.Scopes {
		if s == "" || strings.ContainsAny(s, " \t\n\"\\") {
			return &fieldError{"scopes", fmt.Sprintf("%q is not a valid scope: give each scope as its own string", s)}
		}
	}
	if err := validateAdvanced(r); err != nil {
		return err
	}
	for _, res := range r.Resources {
		if err := CheckResource(res); err != nil {
			return &fieldError{"resources", err.Error()}
		}
	}
	for k := range p.AuthParams {
		if strings.EqualFold(strings.TrimSpace(k), "resource") {
			return &fieldError{"auth_params", "put resource indicators in resources = [...], which also sends them on the token and refresh requests (RFC 8707)"}
		}
		if reservedAuthParams[strings.ToLower(strings.TrimSpace(k))] {
			return &fieldError{"auth_params", fmt.Sprintf("%q is set by oauthdesk or changes how the sign-in is checked, and cannot be set here", k)}
		}
	}
	return nil
}

// CheckResource checks one RFC 8707 resource indicator: an absolute URI
// with no fragment (§2). It should have no query either, but may.
func CheckResource(raw string) error {
	u, err := url.Parse(raw)
	if err != nil || u.Scheme == "" || (u.Host == "" && u.Opaque == "" && u.Path == "") {
		return fmt.Errorf("%q is not an absolute URI (RFC 8707 §2: a resource indicator is the API's URI, such as https://api.example.com/)", raw)
	}
	if u.Fragment != "" || strings.Contains(raw, "#") {
		return fmt.Errorf("%q must not have a #fragment (RFC 8707 §2)", raw)
	}
	if strings.ContainsAny(raw, " \t\n") {
		return fmt.Errorf("%q must not contain spaces", raw)
	}
	return nil
}

// checkEndpointURL accepts absolute https URLs, and http only on loopback.
func checkEndpointURL(raw string, placeholder bool) error {
	if placeholder {
		raw = strings.ReplaceAll(raw, "{tenantid}", "tenant")
	}
	u, err := url.Parse(raw)
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("%q is not an absolute http(s) URL", raw)
	}
	if u.Scheme == "http" && !protocol.IsLoopbackHost(u.Hostname()) {
		return fmt.Errorf("%q must use https (plain http is allowed only on loopback)", raw)
	}
	if u.Fragment != "" {
		return fmt.Errorf("%q must not have a #fragment", raw)
	}
	return nil
}
