package sanitize

import (
	"net/url"
	"strings"
)

// secretParams are query parameters whose values never go into an error
// or a log line.
var secretParams = map[string]bool{
	"code": true, "access_token": true, "refresh_token": true, "id_token": true,
	"client_secret": true, "code_verifier": true, "token": true, "state": true,
	"nonce": true, "password": true, "device_code": true,
	// A request object (JAR, RFC 9101) carries state, nonce and the PKCE
	// challenge; a client assertion authenticates the client.
	"request": true, "client_assertion": true,
}

// URL returns raw with secret query values replaced by "REDACTED" and any
// user info and fragment dropped, for messages and log lines.
func URL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparseable URL)"
	}
	u.User = nil
	if u.RawQuery != "" {
		q := u.Query()
		for k := range q {
			if secretParams[strings.ToLower(k)] {
				q.Set(k, "REDACTED")
			}
		}
		u.RawQuery = q.Encode()
	}
	u.Fragment = ""
	return u.String()
}
