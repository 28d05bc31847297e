package webpage

import (
	"crypto/sha256"
	"encoding/base64"
	"net/http"
)

// CSPNoForms is the Content-Security-Policy of a page without forms (the
// loopback result page): nothing loads but the page's own inline style,
// no form can be sent, no base URL can be set, and no one can frame it.
const CSPNoForms = "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; form-action 'none'; base-uri 'none'"

// CSPForms is the Content-Security-Policy of a page with forms (the demo
// provider's pages). form-action is left open on purpose: a consent form's
// answer redirects to the app's loopback redirect URI on any port, and
// Chromium applies form-action to that redirect too. The one script
// allowed, by its hash, is freshOnBackScript.
var CSPForms = "default-src 'none'; script-src '" + scriptHash(freshOnBackScript) + "'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'"

// freshOnBackScript reloads a page the browser restores from its
// back/forward cache (Chromium keeps even no-store pages there), so that
// Back shows what is true now (a calm "finished" page) instead of a stale
// form.
const freshOnBackScript = `addEventListener("pageshow",function(e){if(e.persisted)location.reload()})`

// scriptHash is the CSP source expression of an inline script.
func scriptHash(js string) string {
	sum := sha256.Sum256([]byte(js))
	return "sha256-" + base64.StdEncoding.EncodeToString(sum[:])
}

// SetHeaders writes the headers every page carries, with csp as its
// Content-Security-Policy, and the HTML content type.
func SetHeaders(h http.Header, csp string) {
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Cache-Control", "no-store")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("X-Frame-Options", "DENY")
	h.Set("Content-Security-Policy", csp)
}
