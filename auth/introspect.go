package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/httplimit"
)

// Introspect asks the provider's RFC 7662 introspection endpoint about the
// access token and returns its answer (active, scope, exp, sub, …).
func (e *Engine) Introspect(ctx context.Context, id string) (map[string]any, error) {
	t, err := e.Stored(id)
	if err != nil {
		return nil, err
	}
	r, err := e.resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.IntrospectionURL == "" {
		return nil, fmt.Errorf("%s: %w: it advertises no introspection endpoint", id, ErrNotSupported)
	}
	ctx = flowlog.WithStep(ctx, r.ID, "introspect", "Ask the provider whether the access token is active and what it grants (RFC 7662)")
	as := r
	if q := r.Quirks; q.IntrospectClientID != "" {
		rs := *r
		rs.ClientID, rs.secret = q.IntrospectClientID, q.IntrospectClientSecret
		e.clientAuth(&rs) // the resource server's own identity and method
		as = &rs
	}
	resp, err := e.postClientForm(ctx, as, r.IntrospectionURL, url.Values{"token": {t.AccessToken}, "token_type_hint": {"access_token"}})
	if err != nil {
		return nil, fmt.Errorf("introspecting %s's access token: %w", id, err)
	}
	body, err := httplimit.ReadBody(resp)
	if err != nil {
		return nil, fmt.Errorf("introspecting %s's access token: %w", id, err)
	}
	if resp.StatusCode != http.StatusOK {
		// The server's own OAuth error (RFC 6749 §5.2 shape), such as
		// invalid_client or unsupported_token_type, rather than a status.
		var oe struct {
			Code        string `json:"error"`
			Description string `json:"error_description"`
			URI         string `json:"error_uri"`
		}
		if json.Unmarshal(body, &oe) == nil && oe.Code != "" {
			return nil, fmt.Errorf("introspecting %s's access token: %w", id, &ProviderError{Code: oe.Code, Description: oe.Description, URI: oe.URI, Where: "introspection"})
		}
	}
	if resp.StatusCode == http.StatusUnauthorized {
		return nil, fmt.Errorf("introspecting %s's access token: the provider did not accept oauthdesk's client credentials (HTTP 401); introspection usually needs a confidential client", id)
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("introspecting %s's access token: the provider answered HTTP %d", id, resp.StatusCode)
	}
	var out map[string]any
	if err := json.Unmarshal(body, &out); err != nil {
		return nil, fmt.Errorf("introspecting %s's access token: the answer is not a JSON object", id)
	}
	if _, ok := out["active"].(bool); !ok {
		return nil, fmt.Errorf("introspecting %s's access token: the answer has no boolean \"active\" (RFC 7662 §2.2)", id)
	}
	return out, nil
}
