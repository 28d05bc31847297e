package ui

import (
	"net/url"
	"time"

	"oauthdesk/auth"
)

// waitHintAfter is how long a sign-in waits before the window adds what
// to check: a provider that rejects the client ID or the redirect URI
// shows its own error page and never redirects, so oauthdesk would
// otherwise wait out its whole timeout saying only "Waiting…".
const waitHintAfter = 8 * time.Second

// waitHint is the hint for a sign-in of p that sent the browser to
// authURL: the client ID and the exact redirect URI to register. The
// redirect URI is the one the request carries (its port may be picked per
// sign-in); with a pushed request (PAR) it is not in the URL, and the
// provider's configured one is named.
func waitHint(p auth.Provider, authURL string) string {
	clientID, redirect := p.ClientID, p.RedirectURI(0)
	if u, err := url.Parse(authURL); err == nil {
		q := u.Query()
		if v := q.Get("client_id"); v != "" {
			clientID = v
		}
		if v := q.Get("redirect_uri"); v != "" {
			redirect = v
		}
	}
	return T("If the browser shows an error (redirect_uri_mismatch, invalid client…), check these at the provider:\n"+
		"client ID {{.ClientID}}\nredirect URI {{.Redirect}} (registered exactly, as a loopback or desktop app redirect)",
		"ClientID", clientID, "Redirect", redirect)
}
