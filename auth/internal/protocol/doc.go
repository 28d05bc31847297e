// Package protocol holds the few OAuth 2.0 / OpenID Connect rules that more
// than one part of oauthdesk applies: the error a provider sends back
// (ProviderError, RFC 6749 §4.1.2.1 and §5.2), how two issuer URLs are
// compared (OpenID Connect Discovery §4.3, RFC 9207) with ErrIssuerMismatch
// for when they differ, and what counts as a loopback host (RFC 8252 §7.3).
// It has no state and makes no requests.
package protocol
