package resourcemeta

import (
	"net/http"
	"reflect"
	"testing"
)

func TestBearerChallenge(t *testing.T) {
	cases := []struct {
		headers []string
		want    Challenge
		ok      bool
	}{
		{[]string{`Bearer resource_metadata="https://api.example/.well-known/oauth-protected-resource"`}, Challenge{ResourceMetadata: "https://api.example/.well-known/oauth-protected-resource"}, true},
		{[]string{`Basic realm="x", Bearer realm="api", error="invalid_token", resource_metadata="https://m.example/a,b", scope="read write"`}, Challenge{ResourceMetadata: "https://m.example/a,b", Scope: "read write", Error: "invalid_token"}, true},
		{[]string{`Negotiate abc==`, `bearer Resource_Metadata=https://m.example/x`}, Challenge{ResourceMetadata: "https://m.example/x"}, true},
		{[]string{`Bearer realm="a \"quoted\" realm", resource_metadata="u"`}, Challenge{ResourceMetadata: "u"}, true},
		{[]string{`Bearer`}, Challenge{}, true},
		{[]string{`DPoP algs="ES256"`}, Challenge{}, false},
		{[]string{`Bearer resource_metadata="unterminated`}, Challenge{ResourceMetadata: "unterminated"}, true},
		{nil, Challenge{}, false},
	}
	for _, c := range cases {
		h := http.Header{}
		for _, v := range c.headers {
			h.Add("WWW-Authenticate", v)
		}
		got, ok := BearerChallenge(h)
		if ok != c.ok || got != c.want {
			t.Errorf("%q: got %+v %v, want %+v %v", c.headers, got, ok, c.want, c.ok)
		}
	}
}

func TestWellKnownURLs(t *testing.T) {
	got, err := WellKnownURLs("https://API.example:8443/v1/data/?q=1#f")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"https://API.example:8443/.well-known/oauth-protected-resource/v1/data", "https://API.example:8443/.well-known/oauth-protected-resource"}
	if !reflect.DeepEqual(got, want) {
		t.Fatalf("got %q", got)
	}
	if got, _ := WellKnownURLs("https://api.example"); !reflect.DeepEqual(got, []string{"https://api.example/.well-known/oauth-protected-resource"}) {
		t.Fatalf("root: %q", got)
	}
	if _, err := WellKnownURLs("ftp://x"); err == nil {
		t.Fatal("ftp accepted")
	}
}

func TestIdentifier(t *testing.T) {
	for _, c := range [][2]string{
		{"HTTPS://Api.Example:443", "https://api.example/"},
		{"http://127.0.0.1:80/x#frag", "http://127.0.0.1/x"},
		{"http://[::1]:8080/a", "http://[::1]:8080/a"},
	} {
		if got, err := Identifier(c[0], false); err != nil || got != c[1] {
			t.Errorf("Identifier(%q) = %q, %v; want %q", c[0], got, err, c[1])
		}
	}
	a, _ := Identifier("https://api.example/x?a=1", true)
	b, _ := Identifier("https://api.example/x", true)
	if a == b {
		t.Fatal("the query is ignored with withQuery")
	}
}

func FuzzBearerChallenge(f *testing.F) {
	f.Add(`Bearer realm="x", resource_metadata="u", Basic abc==`)
	f.Fuzz(func(t *testing.T, v string) {
		h := http.Header{}
		h.Set("WWW-Authenticate", v)
		BearerChallenge(h)
	})
}
