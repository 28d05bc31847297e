package idp

import (
	"net/http"
	"net/url"
)

// RFC 9207 (OAuth 2.0 Authorization Server Issuer Identification): every
// authorization response, success or error, carries iss. zitadel's op
// v3.52.0 does not add it, so the provider wraps the handlers that answer
// with a redirect to the client and appends iss to the Location.

// issPaths are the endpoints that can redirect to a client.
var issPaths = map[string]bool{
	"/authorize":          true,
	"/authorize/callback": true,
	"/consent":            true,
	"/login":              true, // Cancel answers access_denied
}

// withIssParameter adds iss to redirects from issPaths to other origins.
func withIssParameter(issuer string, next http.Handler) http.Handler {
	iss, err := url.Parse(issuer)
	if err != nil {
		panic("idp: issuer is not a URL: " + err.Error())
	}
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !issPaths[r.URL.Path] {
			next.ServeHTTP(w, r)
			return
		}
		next.ServeHTTP(&issWriter{ResponseWriter: w, issuer: iss}, r)
	})
}

// issWriter rewrites the Location header of a redirect response.
type issWriter struct {
	http.ResponseWriter
	issuer      *url.URL
	wroteHeader bool
}

// WriteHeader adds iss to an outgoing redirect's Location, then writes.
func (w *issWriter) WriteHeader(code int) {
	if !w.wroteHeader && code >= 300 && code < 400 {
		if loc := w.Header().Get("Location"); loc != "" {
			w.Header().Set("Location", addIss(loc, w.issuer))
		}
	}
	w.wroteHeader = true
	w.ResponseWriter.WriteHeader(code)
}

// Write implements http.ResponseWriter.
func (w *issWriter) Write(b []byte) (int, error) {
	w.wroteHeader = true
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *issWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

// addIss appends iss to the query of loc when loc points to another origin
// than the issuer (that is, to the client) and has no iss yet.
func addIss(loc string, issuer *url.URL) string {
	u, err := url.Parse(loc)
	if err != nil || !u.IsAbs() || (u.Scheme == issuer.Scheme && u.Host == issuer.Host) {
		return loc
	}
	q := u.Query()
	if q.Has("iss") {
		return loc
	}
	q.Set("iss", issuer.String())
	u.RawQuery = q.Encode()
	return u.String()
}
