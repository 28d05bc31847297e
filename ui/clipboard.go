package ui

import "strings"

// bearerHeader is the HTTP header that carries token.
func bearerHeader(token string) string { return "Authorization: Bearer " + token }

// curlCommand is a shell command that reads endpoint with token.
func curlCommand(token, endpoint string) string {
	return "curl -H " + shellQuote(bearerHeader(token)) + " " + shellQuote(endpoint)
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
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
