package ui

import (
	"net/netip"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"oauthdesk/auth"
)

// The provider form's fields, as keys of fieldErrors.
const (
	fieldID          = "id"
	fieldName        = "name"
	fieldIssuer      = "issuer"
	fieldAuthURL     = "auth_url"
	fieldTokenURL    = "token_url"
	fieldUserinfoURL = "userinfo_url"
	fieldClientID    = "client_id"
	fieldSecret      = "client_secret"
	fieldScopes      = "scopes"
	fieldParams      = "auth_params"
	fieldHost        = "redirect_host"
	fieldPort        = "redirect_port"
)

// fieldOrder is the order of the fields on the form, to focus the first
// field in error.
var fieldOrder = []string{fieldID, fieldName, fieldIssuer, fieldAuthURL, fieldTokenURL, fieldUserinfoURL,
	fieldClientID, fieldSecret, fieldScopes, fieldParams, fieldResources, fieldHost, fieldPort}

// fieldErrors maps a field to what is wrong with it.
type fieldErrors map[string]string

// formInput is the provider form's text, as typed.
type formInput struct {
	ID, Name                       string
	Issuer                         string
	AuthURL, TokenURL, UserinfoURL string
	ClientID                       string
	// Grant is auth.GrantAuthorizationCode or auth.GrantClientCredentials.
	Grant string
	// HasSecret is true when a secret is typed or already stored.
	HasSecret                  bool
	Scopes, Params             string
	RedirectHost, RedirectPort string
}

// idPattern is what a provider ID may contain.
var idPattern = regexp.MustCompile(`^[a-z0-9_-]+$`)

// reservedParams are authorize parameters oauthdesk sets itself.
var reservedParams = map[string]bool{
	"client_id": true, "redirect_uri": true, "response_type": true, "state": true,
	"code_challenge": true, "code_challenge_method": true, "scope": true, "nonce": true,
}

// provider validates in and builds the provider from base (a preset or the
// provider being edited). taken lists the IDs in use when adding; nil when
// editing.
func (in formInput) provider(base auth.Provider, taken map[string]bool) (auth.Provider, fieldErrors) {
	errs := fieldErrors{}
	p := base
	p.ID = strings.TrimSpace(in.ID)
	p.Name = strings.TrimSpace(in.Name)
	p.Issuer = strings.TrimSpace(in.Issuer)
	p.AuthURL = strings.TrimSpace(in.AuthURL)
	p.TokenURL = strings.TrimSpace(in.TokenURL)
	p.UserinfoURL = strings.TrimSpace(in.UserinfoURL)
	p.ClientID = strings.TrimSpace(in.ClientID)
	p.ClientSecret = "" // the secret goes to the keyring, not the file
	p.Scopes = strings.Fields(strings.ReplaceAll(in.Scopes, ",", " "))
	p.Grant = ""
	machine := in.Grant == auth.GrantClientCredentials
	if machine {
		p.Grant = auth.GrantClientCredentials
		if !in.HasSecret {
			errs[fieldSecret] = T("The client credentials grant authenticates with the client secret: enter it.")
		}
	}

	switch {
	case p.ID == "":
		errs[fieldID] = T("Enter an ID, such as github. The command line uses it.")
	case !idPattern.MatchString(p.ID):
		// The rule itself is the hint under the field; name what breaks it.
		errs[fieldID] = T("Not allowed in an ID: {{.Chars}}.", "Chars", badIDChars(p.ID))
	case taken[p.ID]:
		errs[fieldID] = T("A provider with this ID exists already.")
	}
	if p.ClientID == "" {
		errs[fieldClientID] = T("Enter the client ID the provider issued when you registered oauthdesk.")
	}
	for field, raw := range map[string]string{fieldIssuer: p.Issuer, fieldAuthURL: p.AuthURL,
		fieldTokenURL: p.TokenURL, fieldUserinfoURL: p.UserinfoURL} {
		if msg := checkURL(raw); msg != "" {
			errs[field] = msg
		}
	}
	switch {
	case p.Issuer == "" && machine:
		if p.TokenURL == "" && errs[fieldTokenURL] == "" {
			errs[fieldTokenURL] = T("Required without an issuer: the client credentials grant only uses the token URL.")
		}
	case p.Issuer == "":
		if p.AuthURL == "" && p.TokenURL == "" {
			errs[fieldIssuer] = T("Enter the issuer (its endpoints are discovered), or the authorization and token URLs below.")
		}
		if p.AuthURL == "" && errs[fieldAuthURL] == "" {
			errs[fieldAuthURL] = T("Required without an issuer.")
		}
		if p.TokenURL == "" && errs[fieldTokenURL] == "" {
			errs[fieldTokenURL] = T("Required without an issuer.")
		}
	}

	params, msg := parseParams(in.Params)
	if msg != "" {
		errs[fieldParams] = msg
	}
	p.AuthParams = params

	host := strings.TrimSpace(in.RedirectHost)
	if host != "" && !isLoopbackHost(host) {
		errs[fieldHost] = T("Use a loopback address: 127.0.0.1, [::1] or localhost.")
	}
	p.RedirectHost = host
	port, msg := parsePort(in.RedirectPort)
	if msg != "" {
		errs[fieldPort] = msg
	}
	p.RedirectPort = port
	return p, errs
}

// checkURL says what is wrong with an endpoint URL, or "" when it is fine
// (or empty).
func checkURL(raw string) string {
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err == nil && u.Host != "" && u.Scheme != "" && u.Scheme != "https" && u.Scheme != "http" {
		// A URL, but not one of the web's: say so rather than "not a URL".
		return T("Use https:// (or http:// on this computer); {{.Scheme}}:// is not an OAuth endpoint.", "Scheme", u.Scheme)
	}
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return T("Not a URL; write it like https://example.com/path.")
	}
	if u.Scheme == "http" && !isLoopbackHost(u.Hostname()) {
		return T("Use https://. Plain http is only allowed for localhost and 127.0.0.1.")
	}
	return ""
}

// isLoopbackHost reports whether host (perhaps bracketed) is a loopback IP
// or localhost.
func isLoopbackHost(host string) bool {
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	a, err := netip.ParseAddr(host)
	return err == nil && a.IsLoopback()
}

// parsePort reads the redirect port; empty means 0 (any free port).
func parsePort(raw string) (int, string) {
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return 0, ""
	}
	n, err := strconv.Atoi(raw)
	if err != nil || n < 0 || n > 65535 {
		return 0, T("Enter a port from 0 to 65535 (0 picks a free port for each sign-in).")
	}
	return n, ""
}

// parseParams reads key=value lines; blank lines and # comments are skipped.
func parseParams(text string) (map[string]string, string) {
	var out map[string]string
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, "=")
		k = strings.TrimSpace(k)
		if !ok || k == "" {
			return out, T("Line {{.Line}}: write one parameter per line as key=value.", "Line", i+1)
		}
		if reservedParams[k] {
			return out, T("Line {{.Line}}: oauthdesk sets {{.Param}} itself.", "Line", i+1, "Param", k)
		}
		if out == nil {
			out = map[string]string{}
		}
		out[k] = strings.TrimSpace(v)
	}
	return out, ""
}

// formatParams writes parameters as sorted key=value lines.
func formatParams(m map[string]string) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	lines := make([]string, len(keys))
	for i, k := range keys {
		lines[i] = k + "=" + m[k]
	}
	return strings.Join(lines, "\n")
}

// badIDChars lists, once each and in order, the characters of id that
// idPattern refuses: "B", space, "!".
func badIDChars(id string) string {
	var out []string
	seen := map[rune]bool{}
	for _, r := range id {
		if seen[r] || idPattern.MatchString(string(r)) {
			continue
		}
		seen[r] = true
		if r == ' ' {
			out = append(out, T("space"))
		} else {
			out = append(out, strconv.QuoteRune(r))
		}
	}
	return strings.Join(out, ", ")
}
