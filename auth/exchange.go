package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"strings"

	"golang.org/x/oauth2"

	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/sanitize"
)

// oauth2Config builds x/oauth2's view of the provider for one redirect URI.
// x/oauth2 sends only client_id: the client authenticates in the
// transport under it (clientHTTP), the same way on every call.
func (r *resolved) oauth2Config(redirectURI string) *oauth2.Config {
	return &oauth2.Config{
		ClientID:    r.ClientID,
		RedirectURL: redirectURI,
		Scopes:      r.Scopes,
		Endpoint: oauth2.Endpoint{
			AuthURL:       r.AuthURL,
			TokenURL:      r.TokenURL,
			DeviceAuthURL: r.DeviceAuthURL,
			AuthStyle:     oauth2.AuthStyleInParams,
		},
	}
}

// tokenTransport rejects a successful-looking token endpoint answer that is
// an HTML page (a login wall, a proxy's error page): x/oauth2 would report
// it as a JSON syntax error.
type tokenTransport struct{ next http.RoundTripper }

// RoundTrip sends req and checks the response's media type.
func (t *tokenTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	req, err := addResourceParams(req)
	if err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		return nil, err
	}
	ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
	if resp.StatusCode/100 == 2 && (ct == "text/html" || ct == "application/xhtml+xml") {
		resp.Body.Close()
		return nil, fmt.Errorf("%w: %s answered HTTP %d with an HTML page, not a token response; check token_url", ErrBadTokenResponse, sanitize.URL(req.URL.String()), resp.StatusCode)
	}
	// x/oauth2 silently truncates a token response at 1 MB; read it here,
	// under our own limit, so that an oversized answer says so.
	body, err := httplimit.ReadBody(resp)
	if err != nil {
		return nil, fmt.Errorf("reading the answer of %s: %w", sanitize.URL(req.URL.String()), err)
	}
	resp.Body = io.NopCloser(bytes.NewReader(body))
	return resp, nil
}

// tokenError turns x/oauth2's errors into ones a person can act on,
// without the response body (which may hold secrets) in the text.
func tokenError(where string, err error) error {
	var re *oauth2.RetrieveError
	if errors.As(err, &re) {
		if re.ErrorCode != "" {
			return &ProviderError{Code: re.ErrorCode, Description: re.ErrorDescription, URI: re.ErrorURI, Where: where}
		}
		status, ct := 0, ""
		if re.Response != nil {
			status = re.Response.StatusCode
			ct, _, _ = mime.ParseMediaType(re.Response.Header.Get("Content-Type"))
		}
		kind := "a body that is not an OAuth error"
		switch {
		case ct == "text/html":
			kind = "an HTML page"
		case ct == "":
			kind = "a body with no content type"
		}
		return fmt.Errorf("%w: the %s request failed with HTTP %d and %s", ErrBadTokenResponse, where, status, kind)
	}
	if errors.Is(err, ErrBadTokenResponse) || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("the %s request: %w", where, err)
	}
	if errors.Is(err, ErrResponseTooLarge) {
		return fmt.Errorf("%w: the %s response: %w", ErrBadTokenResponse, where, err)
	}
	msg := strings.TrimPrefix(err.Error(), "oauth2: ")
	switch {
	case strings.Contains(msg, "missing access_token"):
		msg = "it has no access_token"
	case strings.Contains(msg, "cannot parse json"):
		msg = "it is not valid JSON"
	}
	return fmt.Errorf("%w: the %s response: %s", ErrBadTokenResponse, where, msg)
}

// grantedScopes reads the scope parameter of a token response (RFC 6749
// §5.1). GitHub separates scopes with commas. ok is false when the
// response names none.
func grantedScopes(tok *oauth2.Token) (scopes []string, ok bool) {
	raw, _ := tok.Extra("scope").(string)
	raw = strings.TrimSpace(raw)
	if raw == "" {
		return nil, false
	}
	f := strings.FieldsFunc(raw, func(r rune) bool { return r == ' ' || r == ',' })
	return f, len(f) > 0
}

// idTokenOf reads the id_token of a token response.
func idTokenOf(tok *oauth2.Token) string {
	s, _ := tok.Extra("id_token").(string)
	return s
}
