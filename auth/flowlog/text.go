package flowlog

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"
)

// Text renders the step for people: the request, the answer, bodies
// pretty-printed when they are JSON or forms.
func (s Step) Text() string {
	var b strings.Builder
	fmt.Fprintf(&b, "#%d %s — %s\n", s.N, s.Kind, s.Explain)
	fmt.Fprintf(&b, "→ %s %s\n", s.Method, s.URL)
	writeHeaders(&b, "  ", s.RequestHeader)
	if len(s.RequestBody) > 0 {
		b.WriteString(indent(prettyBody(s.RequestBody), "  ") + "\n")
	}
	switch {
	case s.Err != "":
		fmt.Fprintf(&b, "← error: %s\n", s.Err)
	case s.Status != 0:
		fmt.Fprintf(&b, "← %d %s (%s)\n", s.Status, http.StatusText(s.Status), s.Duration.Round(time.Millisecond))
		writeHeaders(&b, "  ", s.ResponseHeader)
		if len(s.ResponseBody) > 0 {
			b.WriteString(indent(prettyBody(s.ResponseBody), "  ") + "\n")
		}
	}
	return b.String()
}

func writeHeaders(b *strings.Builder, prefix string, h http.Header) {
	for _, k := range slices.Sorted(maps.Keys(h)) {
		for _, v := range h[k] {
			fmt.Fprintf(b, "%s%s: %s\n", prefix, k, v)
		}
	}
}

// prettyBody indents JSON, splits forms into lines, and keeps other text;
// a body that is not UTF-8 is shown as base64.
func prettyBody(body []byte) string {
	t := bytes.TrimSpace(body)
	var out bytes.Buffer
	if len(t) > 0 && (t[0] == '{' || t[0] == '[') && json.Indent(&out, t, "", "  ") == nil {
		return out.String()
	}
	if q, err := url.ParseQuery(string(t)); err == nil && len(q) > 1 && !bytes.ContainsAny(t, "\n<") {
		var lines []string
		for _, k := range slices.Sorted(maps.Keys(q)) {
			for _, v := range q[k] {
				lines = append(lines, k+"="+v)
			}
		}
		return strings.Join(lines, "\n")
	}
	return DisplayBody(body)
}

func indent(s, prefix string) string {
	return prefix + strings.ReplaceAll(strings.TrimRight(s, "\n"), "\n", "\n"+prefix)
}

// DisplayBody turns a body into text a person can read: UTF-8 text as it
// is, anything else as base64, labelled.
func DisplayBody(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return "(binary, " + strconv.Itoa(len(b)) + " bytes, base64)\n" + base64.StdEncoding.EncodeToString(b)
}
