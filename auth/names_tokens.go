package auth

import (
	"oauthdesk/auth/accesstoken"
	"oauthdesk/auth/clientauth"
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

// Switch is a providers.toml true | false | auto setting (par, dpop); see
// provider.Switch.
type Switch = provider.Switch

// Switch values.
const (
	SwitchUnset = provider.SwitchUnset
	SwitchOn    = provider.SwitchOn
	SwitchOff   = provider.SwitchOff
	SwitchAuto  = provider.SwitchAuto
)

// ClientAuthMethods are the token_endpoint_auth_method values oauthdesk
// implements, in its order of preference.
var ClientAuthMethods = clientauth.Methods

// CheckResource checks one RFC 8707 resource indicator; see
// provider.CheckResource.
func CheckResource(raw string) error { return provider.CheckResource(raw) }
