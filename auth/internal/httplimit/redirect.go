package httplimit

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"oauthdesk/auth/internal/sanitize"
)

// MaxRedirects is how many redirects a request may follow.
const MaxRedirects = 5

// ErrRedirectRefused means a provider answered a request that carries
// credentials with a redirect that oauthdesk does not follow: nothing was
// sent to the redirect's target.
var ErrRedirectRefused = errors.New("not following the provider's redirect with credentials")

// CheckRedirect is the redirect policy of provider calls (an
// http.Client's CheckRedirect):
//
//   - a request other than GET or HEAD — every token-endpoint-style POST:
//     code exchange, refresh, client credentials, device authorization
//     and polling, revocation, introspection, PAR — never follows a
//     redirect: its body holds the client secret, a code, a verifier or a
//     token, and a 307/308 would send that body on unchanged;
//   - a GET that carries credentials (Authorization, DPoP or Cookie
//     header — userinfo, a profile API) follows only within its own origin
//     (scheme, host and port), so the bearer token never reaches another
//     server, nor the same host on another port or over plain http;
//   - a GET without credentials (discovery, JWKS, an avatar) follows
//     anywhere;
//
// and none follows more than MaxRedirects.
func CheckRedirect(req *http.Request, via []*http.Request) error {
	if err := LimitRedirects(req, via); err != nil {
		return err
	}
	first := via[0]
	to := sanitize.URL(req.URL.String())
	if first.Method != http.MethodGet && first.Method != http.MethodHead {
		return fmt.Errorf("%w: %s %s answered with a redirect to %s, and a request that carries a secret, a code or a token is never sent on",
			ErrRedirectRefused, first.Method, sanitize.URL(first.URL.String()), to)
	}
	if carriesCredentials(first.Header) && !SameOrigin(first.URL, req.URL) {
		return fmt.Errorf("%w: %s answered with a redirect to %s, another origin, and the access token goes only to the origin it was meant for",
			ErrRedirectRefused, sanitize.URL(first.URL.String()), to)
	}
	return nil
}

// LimitRedirects only bounds the number of redirects, for requests the
// person composed themselves (the API console has its own rules).
func LimitRedirects(req *http.Request, via []*http.Request) error {
	if len(via) >= MaxRedirects {
		return fmt.Errorf("stopped after %d redirects", len(via))
	}
	return nil
}

// carriesCredentials reports whether h holds a credential header.
func carriesCredentials(h http.Header) bool {
	for _, k := range []string{"Authorization", "Dpop", "Cookie", "Proxy-Authorization"} {
		if h.Get(k) != "" {
			return true
		}
	}
	return false
}

// SameOrigin reports whether a and b have the same scheme, host and port
// (RFC 6454), with default ports filled in.
func SameOrigin(a, b *url.URL) bool {
	return strings.EqualFold(a.Scheme, b.Scheme) && strings.EqualFold(a.Hostname(), b.Hostname()) && port(a) == port(b)
}

// port is u's port, or its scheme's default.
func port(u *url.URL) string {
	if p := u.Port(); p != "" {
		return p
	}
	switch strings.ToLower(u.Scheme) {
	case "https":
		return "443"
	case "http":
		return "80"
	}
	return ""
}
