// Package auth is oauthdesk's engine: it signs a person in to an OAuth 2.0 /
// OpenID Connect provider the way RFC 8252 (OAuth 2.0 for Native Apps) and
// RFC 9700 (OAuth 2.0 Security Best Current Practice) ask, keeps the resulting
// token set in the OS keyring, and refreshes, inspects and revokes it.
//
// The package has no user interface. The command line (package cli) and the
// desktop app (package ui) both drive it through an *Engine.
//
// Vocabulary follows RFC 6749: the provider is the authorization server, the
// API it protects is the resource server, the person signing in is the
// resource owner, and oauthdesk is the client.
package auth
