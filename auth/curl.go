package auth

import (
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"unicode/utf8"
)

// CurlCommand renders req as a curl command line for a POSIX shell, for
// "copy as curl". Unless reveal is set, the credential of an Authorization
// header is replaced by $TOKEN (set it with TOKEN=$(oauthdesk token ID));
// a request without one gets "Authorization: Bearer $TOKEN", as Call would
// add the access token. With reveal, a token in req is shown as it is.
//
// With req.TokenIn = TokenInQuery and no Authorization header, the token
// goes in the URL as the access_token parameter (RFC 6750 §2.3) instead.
//
// Neither the headers nor the URL go into curl's arguments, which any
// local user can read in /proc/PID/cmdline while curl runs: curl reads
// them as its config (-K) from a here-document, on stdin, or on fd 3 when
// a binary body takes stdin.
func CurlCommand(req APIRequest, reveal bool) string {
	return curlCommand(req, reveal, "$TOKEN")
}

// CurlCommandWithToken is CurlCommand with the access token itself in it,
// in the header or the query as req.TokenIn says, for a copy the person
// asked to have in clear.
func CurlCommandWithToken(req APIRequest, token string) string {
	if req.TokenIn == TokenInQuery {
		sep := "?"
		if strings.Contains(req.URL, "?") {
			sep = "&"
		}
		req.URL += sep + "access_token=" + url.QueryEscape(token)
		req.TokenIn = tokenInURL
		return curlCommand(req, true, "")
	}
	h := http.Header{}
	for k, v := range req.Header {
		h[k] = v
	}
	h.Set("Authorization", "Bearer "+token)
	req.Header = h
	return curlCommand(req, true, "")
}

// tokenInURL marks a request whose URL holds the token already, for
// curlCommand.
const tokenInURL = "url"

// CurlCommandFor is CurlCommand with the masked token written as
// $(oauthdesk token ID), so that the command runs as it is.
func CurlCommandFor(id string, req APIRequest, reveal bool) string {
	return curlCommand(req, reveal, "$(oauthdesk token "+shellQuote(id)+")")
}

// curlHeredoc ends the here-document of curl's config.
const curlHeredoc = "EOF"

// curlCommand renders req, with tokenExpr standing for a hidden token.
func curlCommand(req APIRequest, reveal bool, tokenExpr string) string {
	return curlCommandScheme(req, reveal, tokenExpr, "Bearer", "")
}

// CurlCommandDPoP renders req for session id's DPoP-bound token: the
// token as "Authorization: DPoP $(oauthdesk token ID)" and, since a proof
// is single-use, a fresh one from "DPoP: $(oauthdesk proof ID METHOD URL)"
// each time the command runs (RFC 9449 §7).
func CurlCommandDPoP(id string, req APIRequest) string {
	method := strings.ToUpper(strings.TrimSpace(req.Method))
	if method == "" {
		method = http.MethodGet
	}
	proof := `header = "DPoP: $(oauthdesk proof ` + shellQuote(id) + ` ` + shellQuote(method) + ` ` + shellQuote(req.URL) + `)"`
	return curlCommandScheme(req, false, "$(oauthdesk token "+shellQuote(id)+")", "DPoP", proof)
}

// curlCommandScheme renders req; a request without an Authorization
// header gets scheme and tokenExpr, followed by extra (more config lines
// for curl).
func curlCommandScheme(req APIRequest, reveal bool, tokenExpr, authScheme, extra string) string {
	method := strings.ToUpper(strings.TrimSpace(req.Method))
	if method == "" {
		method = http.MethodGet
	}
	var b strings.Builder
	binary := len(req.Body) > 0 && !utf8.Valid(req.Body)
	if binary {
		// A shell word cannot hold every byte (NUL): pipe the body in.
		fmt.Fprintf(&b, "printf '%%b' %s | ", shellQuote(printfEscape(req.Body)))
	}
	b.WriteString("curl")
	if method != http.MethodGet && (method != http.MethodPost || len(req.Body) == 0) || method == http.MethodGet && len(req.Body) > 0 {
		b.WriteString(" -X " + shellQuote(method))
	}
	// The config comes on stdin, or on fd 3 when the body takes stdin.
	config, redirect := "-", "<<"
	if binary {
		config, redirect = "/dev/fd/3", "3<<"
	}
	b.WriteString(" -K " + config)
	switch {
	case binary:
		b.WriteString(" --data-binary @-")
	case len(req.Body) > 0:
		b.WriteString(" --data-raw " + shellQuote(string(req.Body)))
	}
	b.WriteString(" " + redirect + curlHeredoc + "\n")

	// The here-document is unquoted so that $TOKEN and $(oauthdesk token)
	// expand; every other value is escaped for it (configValue).
	auth := ""
	for _, k := range slices.Sorted(maps.Keys(req.Header)) {
		if http.CanonicalHeaderKey(k) == "Authorization" {
			if vs := req.Header[k]; len(vs) > 0 {
				auth = vs[0]
			}
		}
	}
	scheme, cred, _ := strings.Cut(auth, " ")
	switch {
	case auth == "" && req.TokenIn == TokenInQuery:
		// RFC 6750 §2.3: the token as the access_token parameter.
		sep := "?"
		if strings.Contains(req.URL, "?") {
			sep = "&"
		}
		b.WriteString("url = \"" + configValue(req.URL+sep+"access_token=") + tokenExpr + "\"\n")
	default:
		b.WriteString("url = \"" + configValue(req.URL) + "\"\n")
	}
	switch {
	case auth == "" && (req.TokenIn == TokenInQuery || req.TokenIn == tokenInURL):
	case auth == "":
		b.WriteString("header = \"Authorization: " + authScheme + " " + tokenExpr + "\"\n")
		if extra != "" {
			b.WriteString(extra + "\n")
		}
	case reveal:
		b.WriteString("header = \"" + configValue("Authorization: "+auth) + "\"\n")
	case strings.EqualFold(scheme, "Bearer") && cred != "":
		b.WriteString("header = \"Authorization: " + safeScheme(scheme) + " " + tokenExpr + "\"\n")
	default:
		b.WriteString("header = \"Authorization: " + safeScheme(scheme) + " $CREDENTIALS\"\n")
	}
	for _, k := range slices.Sorted(maps.Keys(req.Header)) {
		if http.CanonicalHeaderKey(k) == "Authorization" {
			continue
		}
		for _, v := range req.Header[k] {
			b.WriteString("header = \"" + configValue(http.CanonicalHeaderKey(k)+": "+v) + "\"\n")
		}
	}
	b.WriteString(curlHeredoc)
	return b.String()
}

// configValue is s inside a double-quoted value of curl's config, inside
// an unquoted here-document: line breaks folded to spaces (a header or a
// URL holds none), then \ and " escaped for curl, then \, $ and ` for the
// shell.
func configValue(s string) string {
	s = strings.NewReplacer("\r", " ", "\n", " ").Replace(s)
	s = strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
	return strings.NewReplacer(`\`, `\\`, "$", `\$`, "`", "\\`").Replace(s)
}

// plainWord matches a shell word that needs no quoting.
var plainWord = regexp.MustCompile(`^[A-Za-z0-9_./:@%+=,-]+$`)

// shellQuote quotes s as one POSIX shell word.
func shellQuote(s string) string {
	if plainWord.MatchString(s) {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}

// safeScheme keeps an auth scheme to token characters, since it is
// written inside double quotes.
func safeScheme(s string) string {
	if plainWord.MatchString(s) && !strings.ContainsAny(s, "%") {
		return s
	}
	return "SCHEME"
}

// printfEscape writes b for printf's %b: printable ASCII as it is, every
// other byte (and the backslash) as \0NNN.
func printfEscape(b []byte) string {
	var out strings.Builder
	for _, c := range b {
		if c >= 0x20 && c < 0x7f && c != '\\' && c != '\'' {
			out.WriteByte(c)
			continue
		}
		fmt.Fprintf(&out, `\0%03o`, c)
	}
	return out.String()
}

// CurlCommand renders req as a curl command for session id that reads
// the token with oauthdesk token, and for a DPoP-bound session a fresh
// proof with oauthdesk proof (CurlCommandDPoP).
func (e *Engine) CurlCommand(id string, req APIRequest) string {
	ref := providerOf(id)
	if t, err := e.Stored(id); err == nil && t.IsDPoP() && req.Header.Get("Authorization") == "" {
		return CurlCommandDPoP(ref, req)
	}
	return CurlCommandFor(ref, req, false)
}
