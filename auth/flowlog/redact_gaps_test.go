package flowlog

import (
	"strings"
	"testing"
)

// TestRedactByStructure: secrets are masked whatever the values around
// them hold (spaces, newlines, <), inside JSON arrays at any depth, under
// names in any letter case, in broken JSON, and in a URL's fragment;
// what is not secret is kept.
func TestRedactByStructure(t *testing.T) {
	for _, tc := range []struct {
		name, body, keep string
	}{
		{"form with a space", "access_token=S1&refresh_token=S2&scope=read write&token_type=bearer", "scope=read write"},
		{"form with a newline and <", "a=<b>\nRefresh_Token=S1\r\nCLIENT_SECRET=S2&x=1", "a=<b>"},
		{"form with an encoded name", "refresh%5Ftoken=S1&keep=yes", "keep=yes"},
		{"JSON arrays", `{"keep":"yes","grants":[{"REFRESH_TOKEN":"S1"},[{"id_token":"S2"}]]}`, `"keep":"yes"`},
		{"top-level JSON array", `[{"Access_Token":"S1","n":12345678901234567890}]`, `12345678901234567890`},
		{"broken JSON", `{"access_token":"S1","keep":"yes", oops`, `"keep":"yes"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := string(redactBody([]byte(tc.body)))
			if strings.Contains(got, "S1") || strings.Contains(got, "S2") {
				t.Fatalf("a secret survived: %q", got)
			}
			if !strings.Contains(got, tc.keep) {
				t.Fatalf("lost %q: %q", tc.keep, got)
			}
		})
	}
	u := redactURLValues("http://127.0.0.1:1/cb?Code=S1&keep=yes#access_token=S2&state=S3")
	if strings.Contains(u, "S1") || strings.Contains(u, "S2") || strings.Contains(u, "S3") || !strings.Contains(u, "keep=yes") {
		t.Fatalf("URL: %s", u)
	}
	s := Step{ResponseBody: []byte("access_token=S1&scope=a b")}
	if r := s.Redacted(); strings.Contains(r.Text(), "S1") || string(s.ResponseBody) != "access_token=S1&scope=a b" {
		t.Fatalf("Redacted changed the raw step or kept the secret: %q / %q", s.ResponseBody, r.Text())
	}
}
