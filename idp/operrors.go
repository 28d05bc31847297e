package idp

import (
	"bytes"
	"net/http"
	"strings"
)

// maxCaughtError bounds how much of a caught error text is kept.
const maxCaughtError = 1024

// catchErrors wraps op's handler: an error op answers in plain text (a
// wrong client ID or redirect URI at the authorization endpoint, which
// must not redirect, or an unknown path) becomes one of the provider's
// pages, with its headers, a full-sentence explanation and a next step;
// op's text is kept under "Technical details". Only requests that accept
// text/html (browser navigations) are touched; JSON errors (token,
// introspection, …) and plain-text answers to programs pass through.
func (s *Server) catchErrors(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !strings.Contains(r.Header.Get("Accept"), "text/html") {
			next.ServeHTTP(w, r)
			return
		}
		c := &errorCatcher{ResponseWriter: w}
		next.ServeHTTP(c, r)
		if !c.caught {
			return
		}
		h := w.Header()
		h.Del("Content-Length")
		renderMessage(w, r, c.status, opErrorMessage(r, c.status, c.body.String()))
	})
}

// opErrorMessage explains op's plain-text error text for status.
func opErrorMessage(r *http.Request, status int, text string) message {
	text = strings.TrimSpace(text)
	low := strings.ToLower(text)
	m := message{title: "request.title", body: "request.body", next: "next.restart", detail: text}
	switch {
	case status == http.StatusNotFound:
		m = message{title: "notfound.title", body: "notfound.body", next: "running.next"}
	case strings.Contains(low, "client by id") || strings.Contains(low, "unknown client") || strings.Contains(low, "client not found"):
		id := r.URL.Query().Get("client_id")
		if r.Form != nil && r.Form.Get("client_id") != "" {
			id = r.Form.Get("client_id")
		}
		m = message{title: "client.title", body: "client.body", args: []any{sanitizeShown(id)}, next: "client.next", detail: text}
	case strings.Contains(low, "redirect_uri") || strings.Contains(low, "redirect uri"):
		m = message{title: "redirect.title", body: "redirect.body", next: "redirect.next", detail: text}
	}
	return m
}

// sanitizeShown shortens a value from the request for display; the page
// escapes it.
func sanitizeShown(v string) string {
	v = strings.Map(func(r rune) rune {
		if r < 0x20 || r == 0x7f {
			return -1
		}
		return r
	}, v)
	if len(v) > 100 {
		v = v[:100] + "…"
	}
	return v
}

// errorCatcher holds back a plain-text error response (status 400 and up)
// instead of writing it; everything else is written through.
type errorCatcher struct {
	http.ResponseWriter
	wrote, caught bool
	status        int
	body          bytes.Buffer
}

// WriteHeader implements http.ResponseWriter.
func (c *errorCatcher) WriteHeader(status int) {
	if c.wrote {
		return
	}
	c.wrote = true
	ct := c.Header().Get("Content-Type")
	if status >= 400 && (ct == "" || strings.HasPrefix(ct, "text/plain")) {
		c.caught, c.status = true, status
		return
	}
	c.ResponseWriter.WriteHeader(status)
}

// Write implements http.ResponseWriter.
func (c *errorCatcher) Write(b []byte) (int, error) {
	if !c.wrote {
		c.WriteHeader(http.StatusOK)
	}
	if c.caught {
		if room := maxCaughtError - c.body.Len(); room > 0 {
			c.body.Write(b[:min(len(b), room)])
		}
		return len(b), nil
	}
	return c.ResponseWriter.Write(b)
}
