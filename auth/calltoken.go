package auth

import (
	"errors"
	"fmt"
	"net/url"
	"strings"

	"oauthdesk/auth/flowlog"
)

// ErrTokenPlacement is returned by Call for an APIRequest.TokenIn other
// than "", TokenInHeader or TokenInQuery, or a query token with a URL that
// has an access_token parameter already.
var ErrTokenPlacement = errors.New("cannot place the access token")

// tokenInQuery reports whether req asks for the token in the query, and
// whether it can go there.
func tokenInQuery(req APIRequest, u *url.URL) (bool, error) {
	switch req.TokenIn {
	case "", TokenInHeader:
		return false, nil
	case TokenInQuery:
		if u.Query().Has("access_token") {
			return false, fmt.Errorf("%w: the URL has an access_token parameter already; remove it, or send the token in the header", ErrTokenPlacement)
		}
		return true, nil
	}
	return false, fmt.Errorf("%w: token placement %q is not header or query", ErrTokenPlacement, req.TokenIn)
}

// addQueryToken appends the access_token parameter to u, leaving the rest
// of the query as the person wrote it.
func addQueryToken(u *url.URL, token string) {
	param := "access_token=" + url.QueryEscape(token)
	if u.RawQuery == "" {
		u.RawQuery = param
	} else {
		u.RawQuery += "&" + param
	}
}

// responseURL is the URL an answer came from, for people: with the query
// token masked.
func responseURL(u *url.URL, inQuery bool) string {
	if !inQuery {
		return u.String()
	}
	c := *u
	parts := strings.Split(c.RawQuery, "&")
	for i, p := range parts {
		if k, _, ok := strings.Cut(p, "="); ok && k == "access_token" {
			parts[i] = "access_token=" + url.QueryEscape(flowlog.Mask)
		}
	}
	c.RawQuery = strings.Join(parts, "&")
	return c.String()
}
