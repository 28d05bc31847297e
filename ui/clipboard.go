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
