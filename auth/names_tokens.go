package auth

import (
	"oauthdesk/auth/accesstoken"
	"oauthdesk/auth/provider"
)

// AccessTokenInfo is what a JWT access token (RFC 9068) says about itself,
// decoded without checking its signature; see accesstoken.Info.
type AccessTokenInfo = accesstoken.Info

// NotVerified labels anything read from a JWT access token: the client
// does not check it (the resource server does).
const NotVerified = accesstoken.NotVerified

// ErrNoDiscovery means the issuer publishes neither OpenID Connect
// discovery nor RFC 8414 metadata; see provider.ErrNoDiscovery.
var ErrNoDiscovery = provider.ErrNoDiscovery

// DecodeAccessToken decodes a JWT access token's header and claims
// without verifying it; ok is false for an opaque token.
func DecodeAccessToken(raw string) (info *AccessTokenInfo, ok bool) { return accesstoken.Decode(raw) }
