// Package par sends pushed authorization requests (PAR, RFC 9126): the
// authorization parameters go straight to the provider, authenticated
// like a token request, and the browser is sent only client_id and the
// request_uri the provider hands back (§4), so nothing of the request can
// be read or changed on its way through the browser.
//
// Decide applies providers.toml's par setting to what discovery says;
// Push makes the request; AuthorizeURL builds the browser's URL.
package par

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"oauthdesk/auth/internal/protocol"
	"oauthdesk/auth/internal/sanitize"
)

// The par setting's values.
const (
	Auto = "auto"
	On   = "true"
	Off  = "false"
)

// ErrNoEndpoint means par = true, but the provider has no PAR endpoint.
var ErrNoEndpoint = errors.New("par = true, but the provider advertises no pushed_authorization_request_endpoint (set par_url, or par = auto)")

// ErrRequiredButOff means the provider requires PAR and par = false.
var ErrRequiredButOff = errors.New("the provider requires pushed authorization requests (require_pushed_authorization_requests), but par = false in providers.toml; set par = true or auto")

// Decide says whether to push: with par = true always (an endpoint is
// needed), false never (an error when the provider requires PAR), and
// auto (or unset) whenever there is an endpoint. why explains it for the
// flow log.
func Decide(mode, endpoint string, required bool) (use bool, why string, err error) {
	switch mode {
	case On:
		if endpoint == "" {
			return false, "", ErrNoEndpoint
		}
		return true, "par = true in providers.toml", nil
	case Off:
		if required {
			return false, "", ErrRequiredButOff
		}
		return false, "par = false in providers.toml", nil
	case Auto, "":
		switch {
		case required && endpoint != "":
			return true, "par = auto, and the provider requires it (require_pushed_authorization_requests)", nil
		case required:
			return false, "", errors.New("the provider requires pushed authorization requests, but names no pushed_authorization_request_endpoint (set par_url)")
		case endpoint != "":
			return true, "par = auto, and the provider advertises a pushed_authorization_request_endpoint", nil
		}
		return false, "par = auto, and the provider has no pushed_authorization_request_endpoint", nil
	}
	return false, "", fmt.Errorf("par = %q: want true, false or auto", mode)
}

// Response is the provider's answer to a pushed request (RFC 9126 §2.2).
type Response struct {
	// RequestURI references the pushed request, for the browser.
	RequestURI string `json:"request_uri"`
	// ExpiresIn is its lifetime in seconds.
	ExpiresIn int `json:"expires_in"`
}

// Push POSTs the form (authorization parameters and client
// authentication) with header to endpoint and reads the answer. An OAuth
// error answer is a *protocol.ProviderError with Where "pushed
// authorization".
func Push(ctx context.Context, client *http.Client, endpoint string, form url.Values, header http.Header) (*Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, fmt.Errorf("building the pushed authorization request: %w", err)
	}
	for k, vs := range header {
		req.Header[k] = vs
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("sending the pushed authorization request to %s: %w", sanitize.URL(endpoint), err)
	}
	return Read(resp)
}

// Read reads a PAR endpoint's answer (and closes its body).
func Read(resp *http.Response) (*Response, error) {
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, 1<<20))
	if err != nil {
		return nil, fmt.Errorf("reading the pushed authorization response: %w", err)
	}
	if resp.StatusCode != http.StatusCreated && resp.StatusCode != http.StatusOK {
		var e struct {
			Code        string `json:"error"`
			Description string `json:"error_description"`
			URI         string `json:"error_uri"`
		}
		if json.Unmarshal(body, &e) == nil && e.Code != "" {
			return nil, &protocol.ProviderError{Code: e.Code, Description: e.Description, URI: e.URI, Where: "pushed authorization"}
		}
		ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type"))
		return nil, fmt.Errorf("the pushed authorization request failed with HTTP %d (%s)", resp.StatusCode, sanitize.Text(ct, 60))
	}
	var out Response
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("the pushed authorization response is not JSON: %v", err)
	}
	if out.RequestURI == "" {
		return nil, errors.New("the pushed authorization response has no request_uri")
	}
	return &out, nil
}

// AuthorizeURL is the browser's authorization URL for a pushed request:
// the endpoint with only client_id and request_uri (RFC 9126 §4).
func AuthorizeURL(authEndpoint, clientID, requestURI string) (string, error) {
	u, err := url.Parse(authEndpoint)
	if err != nil {
		return "", fmt.Errorf("the authorization endpoint %q: %w", sanitize.URL(authEndpoint), err)
	}
	q := u.Query()
	q.Set("client_id", clientID)
	q.Set("request_uri", requestURI)
	u.RawQuery = q.Encode()
	return u.String(), nil
}
