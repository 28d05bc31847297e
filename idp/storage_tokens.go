package idp

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// accessToken is what the provider remembers about an issued access token.
// The token itself is a signed JWT whose jti is ID; userinfo and
// introspection accept it only while this record exists, so revocation works.
type accessToken struct {
	ID        string    `json:"id"`
	GrantID   string    `json:"grant_id"`
	ClientID  string    `json:"client_id"`
	Subject   string    `json:"sub"`
	Audience  []string  `json:"aud"`
	Scopes    []string  `json:"scopes"`
	AuthTime  time.Time `json:"auth_time,omitzero"`
	IssuedAt  time.Time `json:"iat"`
	ExpiresAt time.Time `json:"exp"`
}

// refreshToken is what the provider remembers about an issued refresh
// token: everything needed to mint new tokens, keyed by a hash of the token.
type refreshToken struct {
	ID        string    `json:"id"` // refreshTokenID(token)
	GrantID   string    `json:"grant_id"`
	ClientID  string    `json:"client_id"`
	Subject   string    `json:"sub"`
	Audience  []string  `json:"aud"`
	Scopes    []string  `json:"scopes"`
	AMR       []string  `json:"amr,omitempty"`
	AuthTime  time.Time `json:"auth_time,omitzero"`
	IssuedAt  time.Time `json:"iat"`
	ExpiresAt time.Time `json:"exp"`
}

// refreshRequest is a refresh token presented at the token endpoint; it
// implements op.RefreshTokenRequest.
type refreshRequest struct {
	rt      refreshToken
	current []string // scopes of this request: rt.Scopes or a subset
}

// GetAMR implements op.RefreshTokenRequest.
func (r *refreshRequest) GetAMR() []string { return r.rt.AMR }

// GetAudience implements op.RefreshTokenRequest.
func (r *refreshRequest) GetAudience() []string { return r.rt.Audience }

// GetAuthTime implements op.RefreshTokenRequest.
func (r *refreshRequest) GetAuthTime() time.Time { return r.rt.AuthTime }

// GetClientID implements op.RefreshTokenRequest.
func (r *refreshRequest) GetClientID() string { return r.rt.ClientID }

// GetScopes implements op.RefreshTokenRequest.
func (r *refreshRequest) GetScopes() []string { return r.current }

// GetSubject implements op.RefreshTokenRequest.
func (r *refreshRequest) GetSubject() string { return r.rt.Subject }

// SetCurrentScopes implements op.RefreshTokenRequest (a narrower scope
// requested with the refresh).
func (r *refreshRequest) SetCurrentScopes(scopes []string) { r.current = slices.Clone(scopes) }

// grantInfo is what every kind of token request tells about the grant.
type grantInfo struct {
	grantID  string
	clientID string
	subject  string
	audience []string
	scopes   []string
	amr      []string
	authTime time.Time
}

// grantOf extracts grantInfo from any op.TokenRequest this storage sees.
func grantOf(req op.TokenRequest) grantInfo {
	g := grantInfo{
		subject:  req.GetSubject(),
		audience: slices.Clone(req.GetAudience()),
		scopes:   slices.Clone(req.GetScopes()),
	}
	if c, ok := req.(interface{ GetClientID() string }); ok {
		g.clientID = c.GetClientID()
	}
	if a, ok := req.(interface{ GetAMR() []string }); ok {
		g.amr = slices.Clone(a.GetAMR())
	}
	if a, ok := req.(interface{ GetAuthTime() time.Time }); ok {
		g.authTime = a.GetAuthTime()
	}
	if r, ok := req.(*refreshRequest); ok {
		g.grantID = r.rt.GrantID
	}
	if g.grantID == "" {
		g.grantID = randomID(12)
	}
	if len(g.audience) == 0 && g.clientID != "" {
		g.audience = []string{g.clientID}
	}
	return g
}

// newAccessTokenLocked records a new access token for g. The caller holds s.mu.
func (s *storage) newAccessTokenLocked(g grantInfo, now time.Time) *accessToken {
	at := &accessToken{
		ID:        randomID(18),
		GrantID:   g.grantID,
		ClientID:  g.clientID,
		Subject:   g.subject,
		Audience:  g.audience,
		Scopes:    g.scopes,
		AuthTime:  g.authTime,
		IssuedAt:  now,
		ExpiresAt: now.Add(s.accessTTL),
	}
	s.accessTokens[at.ID] = at
	return at
}

// CreateAccessToken implements op.AuthStorage.
func (s *storage) CreateAccessToken(_ context.Context, req op.TokenRequest) (string, time.Time, error) {
	g := grantOf(req)
	now := time.Now()
	s.mu.Lock()
	at := s.newAccessTokenLocked(g, now)
	s.version++
	s.mu.Unlock()
	if err := s.persist(); err != nil {
		return "", time.Time{}, oidc.ErrServerError().WithParent(err)
	}
	return at.ID, at.ExpiresAt, nil
}

// CreateAccessAndRefreshTokens implements op.AuthStorage. With
// currentRefreshToken set it rotates: the presented token stops working in
// the same step, so of two concurrent refreshes with one token only one wins.
// The new refresh token keeps the grant's full scope even when this request
// asked for less.
func (s *storage) CreateAccessAndRefreshTokens(_ context.Context, req op.TokenRequest, currentRefreshToken string) (string, string, time.Time, error) {
	g := grantOf(req)
	rtScopes := g.scopes
	now := time.Now()
	token := randomID(32)

	s.mu.Lock()
	if currentRefreshToken != "" {
		old := s.refreshTokens[refreshTokenID(currentRefreshToken)]
		if old == nil || now.After(old.ExpiresAt) || old.ClientID != g.clientID {
			s.mu.Unlock()
			return "", "", time.Time{}, oidc.ErrInvalidGrant().WithDescription("refresh token is invalid, expired or already used")
		}
		delete(s.refreshTokens, old.ID)
		g.grantID = old.GrantID
		rtScopes = old.Scopes
	}
	at := s.newAccessTokenLocked(g, now)
	rt := &refreshToken{
		ID:        refreshTokenID(token),
		GrantID:   g.grantID,
		ClientID:  g.clientID,
		Subject:   g.subject,
		Audience:  g.audience,
		Scopes:    slices.Clone(rtScopes),
		AMR:       g.amr,
		AuthTime:  g.authTime,
		IssuedAt:  now,
		ExpiresAt: now.Add(refreshTokenTTL),
	}
	s.refreshTokens[rt.ID] = rt
	s.version++
	s.mu.Unlock()

	if err := s.persist(); err != nil {
		return "", "", time.Time{}, oidc.ErrServerError().WithParent(err)
	}
	return at.ID, token, at.ExpiresAt, nil
}

// TokenRequestByRefreshToken implements op.AuthStorage.
func (s *storage) TokenRequestByRefreshToken(_ context.Context, token string) (op.RefreshTokenRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt := s.refreshTokens[refreshTokenID(token)]
	if rt == nil || time.Now().After(rt.ExpiresAt) {
		return nil, fmt.Errorf("refresh token: %w", errNotFound)
	}
	c := *rt
	c.Scopes = slices.Clone(rt.Scopes)
	return &refreshRequest{rt: c, current: slices.Clone(rt.Scopes)}, nil
}

// TerminateSession implements op.AuthStorage. The provider keeps no browser
// sessions, so there is nothing to end; tokens stay valid until revoked.
func (s *storage) TerminateSession(context.Context, string, string) error { return nil }

// GetRefreshTokenInfo implements op.AuthStorage.
func (s *storage) GetRefreshTokenInfo(_ context.Context, _ string, token string) (string, string, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	rt := s.refreshTokens[refreshTokenID(token)]
	if rt == nil {
		return "", "", op.ErrInvalidRefreshToken
	}
	return rt.Subject, rt.ID, nil
}

// RevokeToken implements op.AuthStorage (RFC 7009). tokenOrTokenID is a
// refresh token ID (from GetRefreshTokenInfo), a refresh token, or an access
// token's jti. Revoking a refresh token also revokes every access token of
// its grant. Unknown tokens are not an error (RFC 7009 §2.2).
func (s *storage) RevokeToken(_ context.Context, tokenOrTokenID, _ string, clientID string) *oidc.Error {
	s.mu.Lock()
	var changed bool
	var oerr *oidc.Error
	rt := s.refreshTokens[tokenOrTokenID]
	if rt == nil && !strings.HasPrefix(tokenOrTokenID, "rt:") {
		rt = s.refreshTokens[refreshTokenID(tokenOrTokenID)]
	}
	switch {
	case rt != nil && rt.ClientID != clientID:
		oerr = oidc.ErrUnauthorizedClient().WithDescription("the token was not issued to this client")
	case rt != nil:
		s.revokeGrantLocked(rt.GrantID)
		changed = true
	default:
		if at := s.accessTokens[tokenOrTokenID]; at != nil {
			if at.ClientID != clientID {
				oerr = oidc.ErrUnauthorizedClient().WithDescription("the token was not issued to this client")
			} else {
				delete(s.accessTokens, at.ID)
				changed = true
			}
		}
	}
	if changed {
		s.version++
	}
	s.mu.Unlock()
	if oerr != nil {
		return oerr
	}
	if changed {
		if err := s.persist(); err != nil {
			return oidc.ErrServerError().WithParent(err)
		}
	}
	return nil
}

// revokeGrantLocked removes every refresh and access token of a grant.
func (s *storage) revokeGrantLocked(grantID string) {
	for id, rt := range s.refreshTokens {
		if rt.GrantID == grantID {
			delete(s.refreshTokens, id)
		}
	}
	for id, at := range s.accessTokens {
		if at.GrantID == grantID {
			delete(s.accessTokens, id)
		}
	}
}

// revokeRefreshTokensOf removes all refresh tokens issued to a user and
// reports how many there were.
func (s *storage) revokeRefreshTokensOf(username string) (int, error) {
	s.mu.Lock()
	n := 0
	if u := s.byName[username]; u != nil {
		for id, rt := range s.refreshTokens {
			if rt.Subject == u.ID {
				delete(s.refreshTokens, id)
				n++
			}
		}
	}
	if n > 0 {
		s.version++
	}
	s.mu.Unlock()
	if n == 0 {
		return 0, nil
	}
	return n, s.persist()
}

// liveAccessToken returns a copy of an unexpired, unrevoked access token.
func (s *storage) liveAccessToken(id, subject string) (*accessToken, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	at := s.accessTokens[id]
	if at == nil || time.Now().After(at.ExpiresAt) || at.Subject != subject {
		return nil, fmt.Errorf("access token: %w", errNotFound)
	}
	c := *at
	c.Scopes = slices.Clone(at.Scopes)
	c.Audience = slices.Clone(at.Audience)
	return &c, nil
}
