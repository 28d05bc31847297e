package auth

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
}

// redactURL replaces secret query values with "REDACTED", for messages.
func redactURL(raw string) string {
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
