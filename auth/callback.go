package auth

import (
	"crypto/subtle"
	"fmt"
	"net/url"
	"strings"

	"oauthdesk/auth/internal/sanitize"
)

// callbackCheck is what a redirect back from the provider must match.
type callbackCheck struct {
	// state is the value sent in the authorization request.
	state string
	// issuer is the provider's issuer, for RFC 9207's iss parameter.
	issuer string
	// issRequired is true when the provider advertises
	// authorization_response_iss_parameter_supported.
	issRequired bool
	// tenantPlaceholder allows Microsoft's {tenantid} in the issuer.
	tenantPlaceholder bool
}

// parseCallback validates the query of the redirect to our loopback
// listener and returns the authorization code. The checks run in this
// order: duplicated parameters, state (a forged redirect must not even be
// able to report an error, RFC 6749 §10.12), iss (RFC 9207 §2.4, on errors
// too), the provider's error (RFC 6749 §4.1.2.1), and finally the code.
func parseCallback(q url.Values, c callbackCheck) (string, error) {
	for k, v := range q {
		if len(v) > 1 {
			return "", fmt.Errorf("the redirect repeats the %q parameter (RFC 6749 §3.1); nothing was stored", sanitize.Text(k, 40))
		}
	}
	got := q.Get("state")
	if got == "" || c.state == "" || subtle.ConstantTimeCompare([]byte(got), []byte(c.state)) != 1 {
		return "", ErrStateMismatch
	}
	// Without a known issuer (a provider configured by explicit endpoints)
	// there is nothing to compare iss with.
	if iss, ok := q["iss"]; ok && c.issuer != "" {
		if !sameIssuer(iss[0], c.issuer, false) && !(c.tenantPlaceholder && tenantIssuerMatch(iss[0], c.issuer)) {
			return "", fmt.Errorf("%w: the redirect says it comes from %q, but this sign-in went to %q (RFC 9207); nothing was stored",
				ErrIssuerMismatch, sanitize.Text(iss[0], 200), c.issuer)
		}
	} else if c.issRequired {
		return "", fmt.Errorf("%w: the provider promises an iss parameter (RFC 9207) but the redirect has none; nothing was stored", ErrIssuerMismatch)
	}
	if e := q.Get("error"); e != "" {
		return "", &ProviderError{Code: e, Description: q.Get("error_description"), URI: q.Get("error_uri"), Where: "authorization"}
	}
	code := q.Get("code")
	if code == "" {
		return "", ErrMissingCode
	}
	if len(code) > 4096 || strings.ContainsAny(code, "\x00\r\n") {
		return "", fmt.Errorf("the redirect's authorization code is malformed; nothing was stored")
	}
	return code, nil
}

// tenantIssuerMatch accepts a concrete tenant's issuer for a discovered
// issuer holding Microsoft's {tenantid} placeholder.
func tenantIssuerMatch(got, discovered string) bool {
	prefix, suffix, ok := strings.Cut(discovered, "{tenantid}")
	if !ok || !strings.HasPrefix(got, prefix) || !strings.HasSuffix(got, suffix) {
		return false
	}
	tenant := strings.TrimSuffix(strings.TrimPrefix(got, prefix), suffix)
	return tenant != "" && !strings.Contains(tenant, "/")
}

// parsePastedRedirect reads the URL a person copied from their browser's
// address bar after the provider redirected (the manual path), and returns
// its query.
func parsePastedRedirect(pasted, redirectURI string) (url.Values, error) {
	pasted = strings.TrimSpace(pasted)
	if pasted == "" {
		return nil, fmt.Errorf("nothing was pasted; paste the whole address the browser shows after you approve")
	}
	u, err := url.Parse(pasted)
	if err != nil {
		return nil, fmt.Errorf("the pasted text is not a URL; paste the whole address the browser shows after you approve")
	}
	want, err := url.Parse(redirectURI)
	if err != nil {
		return nil, fmt.Errorf("parsing our own redirect URI: %w", err)
	}
	if u.Scheme != "" && (u.Path != want.Path || !isLoopbackHost(u.Hostname())) {
		return nil, fmt.Errorf("the pasted URL is not the redirect to %s; paste the address of the page the provider sent you to", want.Host+want.Path)
	}
	return u.Query(), nil
}
