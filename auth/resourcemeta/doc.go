// Package resourcemeta finds what a client needs to reach a protected
// resource from the resource's URL alone, as RFC 9728 (OAuth 2.0 Protected
// Resource Metadata) lays out:
//
//   - Probe asks the resource with no token. A 401 whose WWW-Authenticate
//     Bearer challenge has resource_metadata names the metadata (§5.1); a
//     401 without it leaves the well-known URLs (WellKnownURLs, §3.1: the
//     path-suffixed form first, then the host's root); an answer without a
//     401 is ErrNotProtected.
//   - Fetch reads one metadata document, at most MaxMetadataBytes, through
//     at most MaxRedirects redirects (a loop is ErrRedirectLoop), and checks
//     that its resource is the URL asked about (§3.3, ErrResourceMismatch).
//
// It holds no state, stores nothing and sends no credentials. Label the
// context (flowlog.WithStep) to have the requests recorded.
package resourcemeta
