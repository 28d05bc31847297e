package auth

import (
	"context"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"
)

// Resource indicators (RFC 8707): the provider's resources are sent as
// resource parameters on the authorization request (§2.1) and on every
// token request — code exchange, refresh, client credentials, device —
// (§2.2), so that the token's audience is the API it is for and a refresh
// does not widen it back.

// resourcesKey carries the resources to add to token requests on a ctx.
type resourcesKey struct{}

// withResources returns ctx marked so that tokenTransport adds the
// resource parameters to the token request sent with it.
func withResources(ctx context.Context, resources []string) context.Context {
	if len(resources) == 0 {
		return ctx
	}
	return context.WithValue(ctx, resourcesKey{}, resources)
}

// withResourceParams returns the authorization URL with one resource
// parameter per indicator.
func withResourceParams(authURL string, resources []string) (string, error) {
	if len(resources) == 0 {
		return authURL, nil
	}
	u, err := url.Parse(authURL)
	if err != nil {
		return "", fmt.Errorf("adding resource indicators to the authorization URL: %w", err)
	}
	q := u.Query()
	q["resource"] = append([]string(nil), resources...)
	u.RawQuery = q.Encode()
	return u.String(), nil
}

// addResourceParams returns req with the resources its context carries
// added to its form body (x/oauth2 can set only one value per parameter).
// A request that already names a resource, or is not a form POST, is left
// as it is. req itself is not changed (http.RoundTripper's contract).
func addResourceParams(req *http.Request) (*http.Request, error) {
	resources, _ := req.Context().Value(resourcesKey{}).([]string)
	if len(resources) == 0 || req.Method != http.MethodPost || req.Body == nil {
		return req, nil
	}
	if ct, _, _ := mime.ParseMediaType(req.Header.Get("Content-Type")); ct != "application/x-www-form-urlencoded" {
		return req, nil
	}
	body, err := io.ReadAll(req.Body)
	req.Body.Close()
	if err != nil {
		return nil, fmt.Errorf("adding resource indicators to the token request: %w", err)
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		return nil, fmt.Errorf("adding resource indicators to the token request: %w", err)
	}
	if !form.Has("resource") {
		form["resource"] = append([]string(nil), resources...)
	}
	enc := form.Encode()
	out := req.Clone(req.Context())
	out.Body = io.NopCloser(strings.NewReader(enc))
	out.ContentLength = int64(len(enc))
	out.GetBody = func() (io.ReadCloser, error) { return io.NopCloser(strings.NewReader(enc)), nil }
	return out, nil
}
