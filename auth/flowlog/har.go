package flowlog

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"mime"
	"net/http"
	"net/url"
	"slices"
	"time"
	"unicode/utf8"
)

// HAR encodes steps as an HTTP Archive (HAR 1.2), the format browsers'
// developer tools import. Pass steps through Step.Redacted first unless
// the person asked to see secrets.
func HAR(steps []Step) ([]byte, error) {
	type nv struct {
		Name  string `json:"name"`
		Value string `json:"value"`
	}
	type content struct {
		Size     int    `json:"size"`
		MimeType string `json:"mimeType"`
		Text     string `json:"text,omitempty"`
		Encoding string `json:"encoding,omitempty"`
	}
	type postData struct {
		MimeType string `json:"mimeType"`
		Text     string `json:"text"`
	}
	type request struct {
		Method      string    `json:"method"`
		URL         string    `json:"url"`
		HTTPVersion string    `json:"httpVersion"`
		Headers     []nv      `json:"headers"`
		QueryString []nv      `json:"queryString"`
		Cookies     []nv      `json:"cookies"`
		PostData    *postData `json:"postData,omitempty"`
		HeadersSize int       `json:"headersSize"`
		BodySize    int       `json:"bodySize"`
	}
	type response struct {
		Status      int     `json:"status"`
		StatusText  string  `json:"statusText"`
		HTTPVersion string  `json:"httpVersion"`
		Headers     []nv    `json:"headers"`
		Cookies     []nv    `json:"cookies"`
		Content     content `json:"content"`
		RedirectURL string  `json:"redirectURL"`
		HeadersSize int     `json:"headersSize"`
		BodySize    int     `json:"bodySize"`
	}
	type entry struct {
		StartedDateTime string         `json:"startedDateTime"`
		Time            float64        `json:"time"`
		Request         request        `json:"request"`
		Response        response       `json:"response"`
		Cache           struct{}       `json:"cache"`
		Timings         map[string]any `json:"timings"`
		Comment         string         `json:"comment"`
	}
	headers := func(h map[string][]string) []nv {
		out := []nv{}
		for _, k := range slices.Sorted(maps.Keys(h)) {
			for _, v := range h[k] {
				out = append(out, nv{k, v})
			}
		}
		return out
	}
	entries := []entry{}
	for _, s := range steps {
		ms := float64(s.Duration) / float64(time.Millisecond)
		e := entry{
			StartedDateTime: s.Time.Format(time.RFC3339Nano),
			Time:            ms,
			Timings:         map[string]any{"send": 0, "wait": ms, "receive": 0},
			Comment:         fmt.Sprintf("#%d %s: %s", s.N, s.Kind, s.Explain),
		}
		e.Request = request{Method: s.Method, URL: s.URL, HTTPVersion: "HTTP/1.1", Headers: headers(s.RequestHeader),
			QueryString: []nv{}, Cookies: []nv{}, HeadersSize: -1, BodySize: len(s.RequestBody)}
		if u, err := url.Parse(s.URL); err == nil {
			for _, k := range slices.Sorted(maps.Keys(u.Query())) {
				for _, v := range u.Query()[k] {
					e.Request.QueryString = append(e.Request.QueryString, nv{k, v})
				}
			}
		}
		if len(s.RequestBody) > 0 {
			mt := s.RequestHeader.Get("Content-Type")
			e.Request.PostData = &postData{MimeType: mt, Text: string(s.RequestBody)}
		}
		mt, _, _ := mime.ParseMediaType(s.ResponseHeader.Get("Content-Type"))
		c := content{Size: len(s.ResponseBody), MimeType: mt}
		if utf8.Valid(s.ResponseBody) {
			c.Text = string(s.ResponseBody)
		} else {
			c.Text, c.Encoding = base64.StdEncoding.EncodeToString(s.ResponseBody), "base64"
		}
		e.Response = response{Status: s.Status, StatusText: statusText(s), HTTPVersion: "HTTP/1.1",
			Headers: headers(s.ResponseHeader), Cookies: []nv{}, Content: c,
			RedirectURL: s.ResponseHeader.Get("Location"), HeadersSize: -1, BodySize: len(s.ResponseBody)}
		entries = append(entries, e)
	}
	doc := map[string]any{"log": map[string]any{
		"version": "1.2",
		"creator": map[string]string{"name": "oauthdesk", "version": "0.1.0"},
		"entries": entries,
	}}
	return json.MarshalIndent(doc, "", "  ")
}

// statusText is the HTTP status text, or the error for a failed request.
func statusText(s Step) string {
	if s.Err != "" {
		return s.Err
	}
	return http.StatusText(s.Status)
}
