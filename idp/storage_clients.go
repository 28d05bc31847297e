package idp

import (
	"context"
	"crypto/subtle"
	"errors"
	"slices"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// errBadClient is returned for an unknown client or a wrong secret. op turns
// it into invalid_client.
var errBadClient = errors.New("unknown client or wrong client secret")

// GetClientByClientID implements op.OPStorage.
func (s *storage) GetClientByClientID(_ context.Context, clientID string) (op.Client, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	c := s.clients[clientID]
	if c == nil {
		return nil, errBadClient
	}
	return c, nil
}

// authenticateClient returns the client if it has a secret and secret
// matches it.
func (s *storage) authenticateClient(clientID, secret string) (*client, error) {
	s.mu.Lock()
	c := s.clients[clientID]
	s.mu.Unlock()
	if c == nil || c.secret == "" || subtle.ConstantTimeCompare([]byte(c.secret), []byte(secret)) != 1 {
		return nil, errBadClient
	}
	return c, nil
}

// AuthorizeClientIDSecret implements op.OPStorage.
func (s *storage) AuthorizeClientIDSecret(_ context.Context, clientID, secret string) error {
	_, err := s.authenticateClient(clientID, secret)
	return err
}

// ClientCredentials implements op.ClientCredentialsStorage.
func (s *storage) ClientCredentials(_ context.Context, clientID, secret string) (op.Client, error) {
	return s.authenticateClient(clientID, secret)
}

// ClientCredentialsTokenRequest implements op.ClientCredentialsStorage. The
// token's subject is the client itself; user scopes make no sense without a
// user, so only scopes other than openid and offline_access are kept.
func (s *storage) ClientCredentialsTokenRequest(_ context.Context, clientID string, scopes []string) (op.TokenRequest, error) {
	var granted []string
	for _, sc := range scopes {
		if slices.Contains(supportedScopes, sc) && sc != oidc.ScopeOpenID && sc != oidc.ScopeOfflineAccess && !slices.Contains(granted, sc) {
			granted = append(granted, sc)
		}
	}
	return &clientCredentialsRequest{clientID: clientID, scopes: granted}, nil
}

// clientCredentialsRequest implements op.TokenRequest for the
// client_credentials grant.
type clientCredentialsRequest struct {
	clientID string
	scopes   []string
}

// GetSubject implements op.TokenRequest: the client acts for itself.
func (c *clientCredentialsRequest) GetSubject() string { return c.clientID }

// GetAudience implements op.TokenRequest.
func (c *clientCredentialsRequest) GetAudience() []string { return []string{c.clientID} }

// GetScopes implements op.TokenRequest.
func (c *clientCredentialsRequest) GetScopes() []string { return c.scopes }

// GetClientID names the client, for the token record.
func (c *clientCredentialsRequest) GetClientID() string { return c.clientID }
