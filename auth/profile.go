package auth

import (
	"context"
	"encoding/json"
	"fmt"
	"mime"
	"net/http"
	"strconv"
	"strings"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/httplimit"
	"oauthdesk/auth/internal/sanitize"
)

// Profile reads the signed-in person's profile: the OpenID Connect
// userinfo endpoint, or the provider's profile API, with the bearer token
// (refreshed first if it has expired). For OpenID Connect, userinfo's sub
// must equal the ID token's (OpenID Connect Core §5.3.2), or the answer
// may be about someone else.
func (e *Engine) Profile(ctx context.Context, id string) (*Profile, error) {
	t, err := e.Token(ctx, id)
	if err != nil {
		return nil, err
	}
	r, err := e.resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	p, err := e.fetchProfile(ctx, r, t)
	if err != nil {
		if fb, ok := e.profileFromIDToken(r, t, err); ok {
			return fb, nil
		}
		return nil, err
	}
	return p, nil
}

// ProfileURL is where the provider's profile is read from, or "".
func (r *resolved) profileURL() string {
	if r.UserinfoURL != "" {
		return r.UserinfoURL
	}
	return r.ProfileURL
}

// ProfileEndpoint returns the URL Profile reads, for a curl example.
func (e *Engine) ProfileEndpoint(ctx context.Context, id string) (string, error) {
	r, err := e.resolve(ctx, id)
	if err != nil {
		return "", err
	}
	return r.profileURL(), nil
}

// fetchProfile GETs the profile with t's access token.
func (e *Engine) fetchProfile(ctx context.Context, r *resolved, t *TokenSet) (*Profile, error) {
	u := r.profileURL()
	if u == "" {
		return nil, fmt.Errorf("%s: %w: no userinfo_url or profile_url is configured", r.ID, ErrNotSupported)
	}
	kind, explain := "userinfo", "Read who signed in from the userinfo endpoint with the access token (OpenID Connect Core §5.3)"
	if r.UserinfoURL == "" {
		kind, explain = "profile", "Read who signed in from the provider's profile API with the access token"
	}
	if t.IsDPoP() {
		explain += ", sent as a DPoP-bound token with a proof of the session's key (RFC 9449 §7)"
	}
	if kind == "userinfo" && t.IDToken != "" && (len(t.Resources) > 0 || len(t.Audience()) > 0) {
		explain += "; the token is restricted to " + strings.Join(firstNonNil(t.Audience(), t.Resources), " ") +
			" (RFC 8707), so if userinfo refuses it the profile is the ID token's claims instead"
	}
	resp, err := e.withToken(r.ID, e.client, t, func() (*http.Request, error) {
		req, err := http.NewRequestWithContext(flowlog.WithStep(ctx, r.ID, kind, explain), http.MethodGet, u, nil)
		if err != nil {
			return nil, fmt.Errorf("building the profile request: %w", err)
		}
		req.Header.Set("Accept", "application/json")
		return req, nil
	})
	if err != nil {
		return nil, fmt.Errorf("reading the profile from %s: %w", sanitize.URL(u), err)
	}
	body, err := httplimit.ReadBody(resp)
	if err != nil {
		return nil, fmt.Errorf("reading the profile from %s: %w", sanitize.URL(u), err)
	}
	if resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden {
		return nil, &tokenRejectedError{url: u, status: resp.StatusCode, code: bearerErrorOf(resp), audience: t.Audience()}
	}
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("the profile endpoint %s answered HTTP %d", sanitize.URL(u), resp.StatusCode)
	}
	signedAlg := ""
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "application/jwt" {
		// OpenID Connect Core §5.3.2: a signed userinfo answer, checked
		// against the provider's keys like the ID token.
		if body, signedAlg, err = e.verifySignedUserinfo(ctx, r, body); err != nil {
			return nil, fmt.Errorf("reading the signed userinfo from %s: %w", sanitize.URL(u), err)
		}
	}
	p, err := parseProfile(body, r.Quirks)
	if err != nil {
		return nil, fmt.Errorf("reading the profile from %s: %w", sanitize.URL(u), err)
	}
	p.Source, p.SignedWith = u, signedAlg
	if r.UserinfoURL != "" && t.Subject != "" && p.Subject != t.Subject {
		return nil, fmt.Errorf("%w (userinfo says %q, the ID token %q): the answer may be about another account", ErrSubjectMismatch, sanitize.Text(p.Subject, 80), t.Subject)
	}
	return p, nil
}

// parseProfile reads the common fields of a profile document.
func parseProfile(body []byte, q Quirks) (*Profile, error) {
	var doc map[string]any
	if err := json.Unmarshal(body, &doc); err != nil {
		return nil, fmt.Errorf("the answer is not a JSON object")
	}
	src := doc
	if q.ProfileRoot != "" {
		inner, ok := doc[q.ProfileRoot].(map[string]any)
		if !ok {
			return nil, fmt.Errorf("the answer has no %q object", q.ProfileRoot)
		}
		src = inner
	}
	subField := "sub"
	if q.ProfileSubject != "" {
		subField = q.ProfileSubject
	}
	p := &Profile{Raw: json.RawMessage(body)}
	p.Subject = stringField(src, subField)
	if p.Subject == "" {
		p.Subject = stringField(src, "id")
	}
	p.Name = firstNonEmpty(stringField(src, "name"), stringField(src, "nickname"), stringField(src, "displayName"), stringField(src, "login"), stringField(src, "preferred_username"))
	p.Email = firstNonEmpty(stringField(src, "email"), stringField(src, "mail"), stringField(src, "userPrincipalName"))
	p.Picture = firstNonEmpty(stringField(src, "picture"), stringField(src, "avatar_url"), stringField(src, "profile_image"))
	if p.Picture == "" {
		// Facebook: picture.data.url.
		if pic, ok := src["picture"].(map[string]any); ok {
			if data, ok := pic["data"].(map[string]any); ok {
				p.Picture = stringField(data, "url")
			}
		}
	}
	return p, nil
}

// stringField reads a string or number field as a string.
func stringField(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	case json.Number:
		return v.String()
	}
	return ""
}

// bearerErrorOf quotes the error of a WWW-Authenticate: Bearer challenge
// (RFC 6750 §3), for messages.
func bearerErrorOf(resp *http.Response) string {
	h := resp.Header.Get("WWW-Authenticate")
	_, rest, ok := strings.Cut(h, `error="`)
	if !ok {
		return ""
	}
	code, _, _ := strings.Cut(rest, `"`)
	return ", " + sanitize.Text(code, 40)
}
