package loopback

import (
	"crypto/subtle"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"oauthdesk/auth/internal/protocol"
	"oauthdesk/auth/internal/sanitize"
)

// Errors of a redirect that callers branch on.
var (
	// ErrStateMismatch means the redirect's state did not match the one we
	// sent (RFC 6749 §10.12, CSRF).
	ErrStateMismatch = errors.New("the redirect's state does not match this sign-in (possible CSRF); nothing was stored")
	// ErrMissingCode means the redirect carried neither a code nor an error.
	ErrMissingCode = errors.New("the redirect carried no authorization code")
)

// Check is what a redirect back from the provider must match.
type Check struct {
	// State is the value sent in the authorization request.
	State string
	// Issuer is the provider's issuer, for RFC 9207's iss parameter; ""
	// when the provider is configured by explicit endpoints.
	Issuer string
	// IssRequired is true when the provider advertises
	// authorization_response_iss_parameter_supported.
	IssRequired bool
	// TenantPlaceholder allows Microsoft's {tenantid} in the issuer.
	TenantPlaceholder bool
}

// ParseCallback validates the query of the redirect to the loopback
// listener and returns the authorization code. The checks run in this
// order: duplicated parameters, state (a forged redirect must not even be
// able to report an error, RFC 6749 §10.12), iss (RFC 9207 §2.4, on errors
// too), the provider's error (RFC 6749 §4.1.2.1), and finally the code.
func ParseCallback(q url.Values, c Check) (string, error) {
	for k, v := range q {
		if len(v) > 1 {
			return "", fmt.Errorf("the redirect repeats the %q parameter (RFC 6749 §3.1); nothing was stored", sanitize.Text(k, 40))
		}
	}
	got := q.Get("state")
	if got == "" || c.State == "" || subtle.ConstantTimeCompare([]byte(got), []byte(c.State)) != 1 {
		return "", ErrStateMismatch
	}
	// iss must match whenever it is present (RFC 9207 §2.4). Without a
	// known issuer (a provider configured by its endpoints) there is
	// nothing it can match: a redirect naming an issuer then comes from an
	// OpenID provider this sign-in did not go to, the mark of a mix-up
	// (RFC 9700 §4.4), where an attacker's server passed the browser on to
	// an honest one to have its code sent to the attacker's token endpoint.
	if iss, ok := q["iss"]; ok && c.Issuer == "" {
		return "", fmt.Errorf("%w: the redirect says it comes from %q, but this provider has no issuer configured, so oauthdesk cannot tell that the code is its own (mix-up, RFC 9700 §4.4); nothing was stored. If that is this provider's issuer, set issuer = %q",
			protocol.ErrIssuerMismatch, sanitize.Text(iss[0], 200), sanitize.Text(iss[0], 200))
	} else if ok {
		if !protocol.SameIssuer(iss[0], c.Issuer, false) && !(c.TenantPlaceholder && protocol.TenantIssuerMatch(iss[0], c.Issuer)) {
			return "", fmt.Errorf("%w: the redirect says it comes from %q, but this sign-in went to %q (RFC 9207); nothing was stored",
				protocol.ErrIssuerMismatch, sanitize.Text(iss[0], 200), c.Issuer)
		}
	} else if c.IssRequired {
		return "", fmt.Errorf("%w: the provider promises an iss parameter (RFC 9207) but the redirect has none; nothing was stored", protocol.ErrIssuerMismatch)
	}
	if e := q.Get("error"); e != "" {
		return "", &protocol.ProviderError{Code: e, Description: q.Get("error_description"), URI: q.Get("error_uri"), Where: "authorization"}
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

// ParsePasted reads the URL a person copied from their browser's address
// bar after the provider redirected (the manual path, for a browser on
// another machine), checks that it is the redirect to redirectURI, and
// returns its query for ParseCallback.
func ParsePasted(pasted, redirectURI string) (url.Values, error) {
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
	if u.Scheme != "" && (u.Path != want.Path || !protocol.IsLoopbackHost(u.Hostname())) {
		return nil, fmt.Errorf("the pasted URL is not the redirect to %s; paste the address of the page the provider sent you to", want.Host+want.Path)
	}
	return u.Query(), nil
}
