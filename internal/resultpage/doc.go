// Package resultpage renders the pages oauthdesk's loopback redirect
// listener shows in the browser: the sign-in's outcome, and the answers to
// requests that are not the sign-in's redirect.
//
// The listener calls Render once per request with the request's
// Accept-Language and an Outcome; Render sets the headers (webpage's, with
// a CSP that forbids forms, framing and base URLs), the status, picks
// English or Korean, and writes the page. It never fails half-way: the
// page is rendered to a buffer first.
//
// Every value an Outcome carries is escaped. Reason and the provider's
// error description are shown under "Technical details" in the provider's
// or the engine's own words (English), never as the headline.
package resultpage
