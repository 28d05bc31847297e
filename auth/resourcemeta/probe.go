package resourcemeta

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"

	"oauthdesk/auth/internal/sanitize"
)

// ProbeResult is what the resource said to a request with no token.
type ProbeResult struct {
	// Status is the HTTP status of the answer.
	Status int
	// Challenge is its Bearer challenge; HasChallenge says there was one.
	Challenge    Challenge
	HasChallenge bool
}

// Probe GETs resource with no token (RFC 9728 §5). A 401 (or a 403 with a
// Bearer challenge) is a protected resource; anything else that answers
// is ErrNotProtected, saying what came back.
func Probe(ctx context.Context, client *http.Client, resource string) (*ProbeResult, error) {
	if _, err := parseHTTPURL(resource); err != nil {
		return nil, err
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, resource, nil)
	if err != nil {
		return nil, fmt.Errorf("asking %s: %w", sanitize.URL(resource), err)
	}
	resp, err := limited(client).Do(req)
	if err != nil {
		return nil, fmt.Errorf("asking %s: %w", sanitize.URL(resource), unwrap(err))
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, MaxMetadataBytes))
	resp.Body.Close()
	r := &ProbeResult{Status: resp.StatusCode}
	r.Challenge, r.HasChallenge = BearerChallenge(resp.Header)
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden && r.HasChallenge {
		return r, nil
	}
	return nil, fmt.Errorf("%w: %s answered HTTP %d without asking for a token (a protected resource answers 401 with WWW-Authenticate: Bearer, RFC 9728 §5)",
		ErrNotProtected, sanitize.URL(resource), resp.StatusCode)
}

// Locate reads the metadata of resource given the probe's answer: from
// the challenge's resource_metadata when there is one (§5.1), else from
// the well-known URLs in order (§3.1). label, if not nil, labels the
// context of each read (for the flow log). Neither published is
// ErrNoMetadata.
func Locate(ctx context.Context, client *http.Client, resource string, pr *ProbeResult, label func(ctx context.Context, url string, fromChallenge bool) context.Context) (*Metadata, error) {
	if label == nil {
		label = func(ctx context.Context, _ string, _ bool) context.Context { return ctx }
	}
	if pr != nil && pr.Challenge.ResourceMetadata != "" {
		u := pr.Challenge.ResourceMetadata
		return Fetch(label(ctx, u, true), client, u, resource, true)
	}
	urls, err := WellKnownURLs(resource)
	if err != nil {
		return nil, err
	}
	var misses []string
	for _, u := range urls {
		md, err := Fetch(label(ctx, u, false), client, u, resource, false)
		if err == nil {
			return md, nil
		}
		if !errors.Is(err, errNotThere) {
			return nil, err
		}
		misses = append(misses, err.Error())
	}
	return nil, fmt.Errorf("%w: no resource_metadata in its WWW-Authenticate challenge, and %v", ErrNoMetadata, misses)
}
