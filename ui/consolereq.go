package ui

import (
	"bytes"
	"encoding/json"
	"mime"
	"net/textproto"
	"sort"
	"strings"
	"unicode/utf8"

	"oauthdesk/auth"
)

// maxShownBody caps the response body the console shows; Copy body keeps
// what the engine kept.
const maxShownBody = 256 << 10

// consoleMethods are the methods the console offers.
var consoleMethods = []string{"GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"}

// parseHeaderLines reads "Name: value" lines; blank lines and # comments
// are skipped. It says which line is wrong, if one is.
func parseHeaderLines(text string) (map[string][]string, string) {
	var out map[string][]string
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		k, v, ok := strings.Cut(line, ":")
		k = strings.TrimSpace(k)
		if !ok || k == "" || strings.ContainsAny(k, " \t") {
			return nil, T("Header line {{.Line}}: write one header per line as Name: value.", "Line", i+1)
		}
		if out == nil {
			out = map[string][]string{}
		}
		k = textproto.CanonicalMIMEHeaderKey(k)
		out[k] = append(out[k], strings.TrimSpace(v))
	}
	return out, ""
}

// formatHeaderLines writes headers as sorted "Name: value" lines.
func formatHeaderLines(h map[string][]string) string {
	keys := make([]string, 0, len(h))
	for k := range h {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range h[k] {
			b.WriteString(k + ": " + v + "\n")
		}
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// headerValue is the first value of a header, its name in any case.
func headerValue(h map[string][]string, name string) string {
	for k, vs := range h {
		if strings.EqualFold(k, name) && len(vs) > 0 {
			return vs[0]
		}
	}
	return ""
}

// buildRequest makes the API request the console's fields describe, or
// says what is wrong with them.
func buildRequest(method, rawURL, headers, body string) (auth.APIRequest, string) {
	req := auth.APIRequest{Method: method, URL: strings.TrimSpace(rawURL)}
	if req.URL == "" {
		return req, T("Enter the URL of the API to call, such as the userinfo endpoint.")
	}
	h, msg := parseHeaderLines(headers)
	if msg != "" {
		return req, msg
	}
	req.Header = h
	if body != "" {
		req.Body = []byte(body)
		if headerValue(h, "Content-Type") == "" && json.Valid(req.Body) {
			if req.Header == nil {
				req.Header = map[string][]string{}
			}
			req.Header["Content-Type"] = []string{"application/json"}
		}
	}
	return req, ""
}

// historyLabel names a past request in the history picker.
func historyLabel(r auth.APIRequest) string {
	m := r.Method
	if m == "" {
		m = "GET"
	}
	label := m + " " + r.URL
	if len(r.Body) > 0 {
		label += "  (" + T("{{.Size}} body", "Size", formatSize(len(r.Body))) + ")"
	}
	return label
}

// displayResponseBody renders a response body for people: JSON indented,
// other text as it is, anything else as labelled base64 (auth.DisplayBody),
// capped at maxShownBody.
func displayResponseBody(header map[string][]string, body []byte) string {
	if len(body) == 0 {
		return T("(empty body)")
	}
	cut := len(body) > maxShownBody
	shown := body
	if cut {
		shown = body[:maxShownBody]
		// Keep a text body text: do not cut a character in two.
		for i := 0; i < utf8.UTFMax && !utf8.Valid(shown) && utf8.Valid(body); i++ {
			shown = shown[:len(shown)-1]
		}
	}
	var text string
	mt, _, _ := mime.ParseMediaType(headerValue(header, "Content-Type"))
	trimmed := bytes.TrimSpace(body)
	looksJSON := strings.HasSuffix(mt, "json") || (len(trimmed) > 0 && (trimmed[0] == '{' || trimmed[0] == '['))
	var buf bytes.Buffer
	if !cut && looksJSON && json.Indent(&buf, trimmed, "", "  ") == nil {
		text = buf.String()
	} else {
		text = auth.DisplayBody(shown)
	}
	if cut {
		text += "\n… (" + T("the console shows the first {{.Shown}} of {{.Size}}", "Shown", formatSize(maxShownBody), "Size", formatSize(len(body))) + ")"
	}
	return text
}
