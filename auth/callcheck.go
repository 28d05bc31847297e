package auth

import (
	"errors"
	"fmt"
	"net/http"
	"net/netip"
	"net/url"
	"strings"

	"oauthdesk/auth/internal/sanitize"
)

// checkAPIRequest validates the method and the URL.
func checkAPIRequest(req APIRequest) (string, *url.URL, error) {
	method := strings.ToUpper(strings.TrimSpace(req.Method))
	if method == "" {
		method = http.MethodGet
	}
	for _, c := range method {
		if !(c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.ContainsRune("!#$%&'*+-.^_`|~", c)) {
			return "", nil, fmt.Errorf("%q is not an HTTP method", sanitize.Text(req.Method, 40))
		}
	}
	if strings.TrimSpace(req.URL) == "" {
		return "", nil, fmt.Errorf("%w: no URL was given", ErrInvalidURL)
	}
	u, err := url.Parse(req.URL)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return "", nil, fmt.Errorf("%w: the URL cannot be read (%v)", ErrInvalidURL, err)
	}
	switch {
	case !strings.Contains(req.URL, "://"):
		return "", nil, fmt.Errorf("%w: %s is not an absolute URL; write it in full, like https://api.example.com/v1/me", ErrInvalidURL, sanitize.URL(req.URL))
	case u.Scheme != "http" && u.Scheme != "https":
		return "", nil, fmt.Errorf("%w: %s: the scheme %s is not supported, only http and https", ErrInvalidURL, sanitize.URL(req.URL), sanitize.Text(u.Scheme, 20))
	case u.Hostname() == "":
		return "", nil, fmt.Errorf("%w: %s has no host", ErrInvalidURL, sanitize.URL(req.URL))
	case u.User != nil:
		return "", nil, fmt.Errorf("%w: %s has credentials in it; send them in a header instead", ErrInvalidURL, sanitize.URL(req.URL))
	}
	return method, u, nil
}

// secureOrLoopback reports whether a bearer token may be sent to u: over
// https, or over http to the loopback interface (which never leaves the
// machine).
func secureOrLoopback(u *url.URL) bool {
	if strings.EqualFold(u.Scheme, "https") {
		return true
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip, err := netip.ParseAddr(host)
	return err == nil && ip.Unmap().IsLoopback()
}
