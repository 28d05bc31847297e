package ui

import (
	"net/http"

	"oauthdesk/auth"
)

// bearerHeader is the HTTP header that carries token.
func bearerHeader(token string) string { return "Authorization: Bearer " + token }

// curlCommand is a shell command that reads endpoint with token. The
// token goes to curl through a here-document, never in its arguments
// (which other local users can read in /proc): see auth.CurlCommand.
func curlCommand(token, endpoint string) string {
	return auth.CurlCommand(auth.APIRequest{URL: endpoint, Header: http.Header{"Authorization": {"Bearer " + token}}}, true)
}

// authHeader is the Authorization header of ts's access token: Bearer,
// or DPoP for a DPoP-bound token (RFC 9449 §7.1).
func authHeader(ts *auth.TokenSet) string {
	if ts.IsDPoP() {
		return "Authorization: DPoP " + ts.AccessToken
	}
	return bearerHeader(ts.AccessToken)
}

// curlCommandFor is a shell command that reads endpoint with ts's token.
// For a DPoP-bound token it reads the token and a fresh proof from
// oauthdesk token and oauthdesk proof each time it runs, since a proof is
// single-use (auth.CurlCommandDPoP).
func curlCommandFor(id string, ts *auth.TokenSet, endpoint string) string {
	if ts.IsDPoP() {
		return auth.CurlCommandDPoP(id, auth.APIRequest{URL: endpoint})
	}
	return curlCommand(ts.AccessToken, endpoint)
}

// profileEndpoint is the URL a curl command should read: the userinfo
// endpoint, else the profile API, else wherever the profile was read from.
func profileEndpoint(s *session) string {
	switch {
	case s.provider.UserinfoURL != "":
		return s.provider.UserinfoURL
	case s.provider.ProfileURL != "":
		return s.provider.ProfileURL
	case s.profile != nil:
		return s.profile.Source
	}
	return ""
}
