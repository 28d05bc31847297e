// Package webpage is what oauthdesk's browser pages share: the loopback
// result page (package resultpage) and the demo provider's login, consent,
// device and error pages (package idp).
//
// Its contract:
//   - Negotiate picks English or Korean from an Accept-Language header
//     (RFC 9110 §12.5.4); anything else, or no header, is English.
//   - SetHeaders writes the security headers every page carries: no
//     caching, no referrer, no sniffing, no framing (CSP frame-ancestors
//     and X-Frame-Options), no base URL, and the page's CSP.
//   - Layout is the one card layout with the one stylesheet, for both
//     colour schemes, with Korean font stacks and word-break: keep-all
//     under lang="ko". Its colours meet WCAG 2.x AA in both schemes
//     (text 4.5:1, field borders and focus rings 3:1); the browser tests
//     measure that.
//   - Catalog holds a page family's messages in both languages; a test of
//     each catalog checks that every message has both and the same
//     placeholders.
//
// html/template escapes every value a page shows; the only markup in a
// message is the catalog's own.
package webpage
