package idp

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// fillUserInfo sets the claims that scopes allow: sub always, the profile
// claims for "profile", email and email_verified for "email".
func fillUserInfo(info *oidc.UserInfo, u *user, scopes []string) {
	info.Subject = u.ID
	if slices.Contains(scopes, oidc.ScopeProfile) {
		info.Name = u.Name
		info.GivenName = u.GivenName
		info.FamilyName = u.FamilyName
		info.PreferredUsername = u.Username
		info.Picture = u.Picture
	}
	if slices.Contains(scopes, oidc.ScopeEmail) {
		info.Email = u.Email
		info.EmailVerified = oidc.Bool(u.EmailVerified)
	}
}

// SetUserinfoFromScopes implements op.OPStorage. op deprecates it in favour
// of SetUserinfoFromRequest, which does the work.
func (s *storage) SetUserinfoFromScopes(context.Context, *oidc.UserInfo, string, string, []string) error {
	return nil
}

// SetUserinfoFromRequest implements op.CanSetUserinfoFromRequest: the
// claims of the ID token.
func (s *storage) SetUserinfoFromRequest(_ context.Context, info *oidc.UserInfo, req op.IDTokenRequest, scopes []string) error {
	u := s.userByID(req.GetSubject())
	if u == nil {
		return fmt.Errorf("user %q: %w", req.GetSubject(), errNotFound)
	}
	fillUserInfo(info, u, scopes)
	return nil
}

// SetUserinfoFromToken implements op.OPStorage: the userinfo endpoint. The
// access token must still be known (not revoked, not expired).
func (s *storage) SetUserinfoFromToken(_ context.Context, info *oidc.UserInfo, tokenID, subject, _ string) error {
	at, err := s.liveAccessToken(tokenID, subject)
	if err != nil {
		return err
	}
	u := s.userByID(at.Subject)
	if u == nil {
		// A client_credentials token has no user behind it.
		info.Subject = at.Subject
		return nil
	}
	fillUserInfo(info, u, at.Scopes)
	return nil
}

// SetIntrospectionFromToken implements op.OPStorage (RFC 7662). Only clients
// allowed to introspect get an answer; any error makes op answer
// {"active":false}.
func (s *storage) SetIntrospectionFromToken(ctx context.Context, resp *oidc.IntrospectionResponse, tokenID, subject, clientID string) error {
	s.mu.Lock()
	caller := s.clients[clientID]
	s.mu.Unlock()
	if caller == nil || !caller.introspect {
		return fmt.Errorf("client %q may not introspect tokens", clientID)
	}
	at, err := s.liveAccessToken(tokenID, subject)
	if err != nil {
		return err
	}
	if u := s.userByID(at.Subject); u != nil {
		info := new(oidc.UserInfo)
		fillUserInfo(info, u, at.Scopes)
		resp.SetUserInfo(info)
		resp.Username = u.Username
	}
	resp.Subject = at.Subject
	resp.Scope = at.Scopes
	resp.ClientID = at.ClientID
	resp.TokenType = oidc.BearerToken
	resp.Expiration = oidc.FromTime(at.ExpiresAt)
	resp.IssuedAt = oidc.FromTime(at.IssuedAt)
	resp.NotBefore = oidc.FromTime(at.IssuedAt)
	if !at.AuthTime.IsZero() {
		resp.AuthTime = oidc.FromTime(at.AuthTime)
	}
	resp.Audience = at.Audience
	resp.Issuer = op.IssuerFromContext(ctx)
	resp.JWTID = at.ID
	return nil
}

// GetPrivateClaimsFromScopes implements op.OPStorage; op calls
// GetPrivateClaimsFromRequest instead.
func (s *storage) GetPrivateClaimsFromScopes(context.Context, string, string, []string) (map[string]any, error) {
	return nil, nil
}

// GetPrivateClaimsFromRequest implements op.CanGetPrivateClaimsFromRequest:
// access token JWTs carry the granted scope (RFC 9068 §2.2.3).
func (s *storage) GetPrivateClaimsFromRequest(_ context.Context, req op.TokenRequest, _ []string) (map[string]any, error) {
	return map[string]any{"scope": strings.Join(req.GetScopes(), " ")}, nil
}
