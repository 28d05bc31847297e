// Package auth is oauthdesk's engine: it signs a person in to an OAuth 2.0 /
// OpenID Connect provider the way RFC 8252 (OAuth 2.0 for Native Apps) and
// RFC 9700 (OAuth 2.0 Security Best Current Practice) ask, keeps the resulting
// token set in the OS keyring, and refreshes, inspects and revokes it.
//
// The package has no user interface. The command line (package cli) and the
// desktop app (package ui) both drive it through an *Engine, whose methods
// are the use cases: Login, DeviceLogin, Token, Refresh, Logout, Profile,
// Accounts and SwitchAccount, Call, Introspect, and the provider list. A
// failed sign-in stores nothing and leaves the earlier session as it was;
// errors callers branch on are sentinels (errors.Is) or typed (errors.As).
//
// The engine is built on leaf packages that never import it: auth/store
// (where secrets are kept), auth/provider (providers.toml, presets,
// discovery), auth/loopback (the redirect listener and the browser) and
// auth/flowlog (the step-by-step record of each flow), with small shared
// pieces in auth/internal. The names of theirs that callers need are
// re-exported here (names.go), so that callers import this package only.
//
// Vocabulary follows RFC 6749: the provider is the authorization server, the
// API it protects is the resource server, the person signing in is the
// resource owner, and oauthdesk is the client.
package auth
