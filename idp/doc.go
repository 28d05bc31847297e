// Package idp is oauthdesk's own OpenID provider: a real OAuth 2.0 / OpenID
// Connect authorization server, built on github.com/zitadel/oidc/v3/pkg/op,
// that listens on a loopback address only.
//
// It has two jobs. It is the zero-setup "demo" provider a new user can sign
// in to (user demo, password demo), and it is the peer the engine's
// end-to-end tests and benchmarks talk to over real HTTP.
//
// It serves discovery, JWKS, the authorization endpoint (code flow with
// PKCE, its own login and consent pages), the token endpoint
// (authorization_code, refresh_token with rotation, client_credentials,
// device_code), userinfo, revocation (RFC 7009), introspection (RFC 7662),
// device authorization (RFC 8628) and end_session. Authorization responses
// carry iss (RFC 9207). Access tokens are RS256 JWTs.
//
// With a data directory it keeps its signing key, its users and the refresh
// and access tokens it issued in DataDir/idp-state.json, so a sign-in made
// against one process can be refreshed against a later one.
package idp
