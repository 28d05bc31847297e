package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"oauthdesk/auth/flowlog"
)

// ErrRevokeFailed means the session was forgotten locally but the provider
// did not confirm the revocation.
var ErrRevokeFailed = errors.New("signed out here, but the provider did not confirm revoking the tokens")

// Logout revokes the session's tokens where the provider has a revocation
// endpoint (RFC 7009: the refresh token first, which ends the grant at
// most providers, then the access token), then deletes the session. The
// local session is deleted even when revocation fails; the error then
// wraps ErrRevokeFailed.
func (e *Engine) Logout(ctx context.Context, id string) error {
	key, t, err := e.load(id)
	if err != nil {
		return err
	}
	var revokeErr error
	if r, err := e.resolve(ctx, id); err != nil {
		revokeErr = err
	} else if r.RevocationURL != "" {
		if t.RefreshToken != "" {
			revokeErr = e.revoke(ctx, r, t.RefreshToken, "refresh_token")
		}
		if revokeErr == nil && t.AccessToken != "" {
			revokeErr = e.revoke(ctx, r, t.AccessToken, "access_token")
		}
	}
	if err := e.forget(providerOf(id), key, t); err != nil {
		return err
	}
	if revokeErr != nil {
		return fmt.Errorf("%s: %w: %v", id, ErrRevokeFailed, revokeErr)
	}
	return nil
}

// revoke sends one RFC 7009 revocation request.
func (e *Engine) revoke(ctx context.Context, r *resolved, token, hint string) error {
	form := url.Values{"token": {token}, "token_type_hint": {hint}}
	ctx = flowlog.WithStep(ctx, r.ID, "revoke", "Tell the provider to revoke the "+strings.ReplaceAll(hint, "_", " ")+" (RFC 7009)")
	resp, err := e.postClientForm(ctx, r, r.RevocationURL, form)
	if err != nil {
		return fmt.Errorf("revoking the %s: %w", strings.ReplaceAll(hint, "_", " "), err)
	}
	defer resp.Body.Close()
	// RFC 7009 §2.2: 200 means revoked, or the token was already invalid.
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("revoking the %s: the provider answered HTTP %d", strings.ReplaceAll(hint, "_", " "), resp.StatusCode)
	}
	return nil
}

// postClientForm POSTs a form to an endpoint that authenticates the client
// (revocation, introspection), the same way as the token endpoint
// (clientHTTP).
func (e *Engine) postClientForm(ctx context.Context, r *resolved, endpoint string, form url.Values) (*http.Response, error) {
	client, err := e.clientHTTP(r, nil, nil)
	if err != nil {
		return nil, err
	}
	form.Set("client_id", r.ClientID)
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, endpoint, strings.NewReader(form.Encode()))
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Accept", "application/json")
	return client.Do(req)
}
