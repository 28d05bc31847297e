package idp

import (
	"net/http"
	"strings"
)

// RFC 6750 §3: a userinfo request with a bad token gets 401 with a
// WWW-Authenticate challenge. zitadel's op v3.52.0 answers 401 without the
// challenge for a token that fails verification, and 403 "{}" for a valid
// JWT the storage rejects (revoked or unknown). withBearerChallenge makes
// both a proper 401 invalid_token, so clients can tell "refresh and retry".

// userinfoPath is op's userinfo endpoint.
const userinfoPath = "/userinfo"

// withBearerChallenge rewrites userinfo's 401 and 403 answers.
func withBearerChallenge(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != userinfoPath {
			next.ServeHTTP(w, r)
			return
		}
		presented := r.Header.Get("Authorization") != "" || r.URL.Query().Get("access_token") != "" ||
			strings.HasPrefix(r.Header.Get("Content-Type"), "application/x-www-form-urlencoded")
		next.ServeHTTP(&bearerWriter{ResponseWriter: w, presented: presented}, r)
	})
}

// bearerWriter replaces a 401/403 answer with an RFC 6750 one.
type bearerWriter struct {
	http.ResponseWriter
	presented   bool
	replaced    bool
	wroteHeader bool
}

// WriteHeader turns 401 and 403 into 401 with a Bearer challenge.
func (w *bearerWriter) WriteHeader(code int) {
	if w.wroteHeader {
		return
	}
	w.wroteHeader = true
	if code != http.StatusUnauthorized && code != http.StatusForbidden {
		w.ResponseWriter.WriteHeader(code)
		return
	}
	w.replaced = true
	h := w.Header()
	h.Del("Content-Length")
	h.Set("Content-Type", "application/json")
	h.Set("Cache-Control", "no-store")
	if !w.presented {
		h.Set("WWW-Authenticate", `Bearer`)
		w.ResponseWriter.WriteHeader(http.StatusUnauthorized)
		_, _ = w.ResponseWriter.Write([]byte(`{"error":"invalid_request","error_description":"no access token"}`))
		return
	}
	h.Set("WWW-Authenticate", `Bearer error="invalid_token", error_description="the access token is invalid, expired or revoked"`)
	w.ResponseWriter.WriteHeader(http.StatusUnauthorized)
	_, _ = w.ResponseWriter.Write([]byte(`{"error":"invalid_token","error_description":"the access token is invalid, expired or revoked"}`))
}

// Write drops the original body of a replaced answer.
func (w *bearerWriter) Write(b []byte) (int, error) {
	if !w.wroteHeader {
		w.WriteHeader(http.StatusOK)
	}
	if w.replaced {
		return len(b), nil
	}
	return w.ResponseWriter.Write(b)
}

// Unwrap lets http.ResponseController reach the underlying writer.
func (w *bearerWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }
