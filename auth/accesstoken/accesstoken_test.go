package accesstoken

import (
	"encoding/base64"
	"encoding/json"
	"slices"
	"testing"
)

func jwt(t *testing.T, hdr, claims map[string]any) string {
	t.Helper()
	enc := func(v any) string {
		b, err := json.Marshal(v)
		if err != nil {
			t.Fatal(err)
		}
		return base64.RawURLEncoding.EncodeToString(b)
	}
	return enc(hdr) + "." + enc(claims) + ".c2ln"
}

func TestDecodeRFC9068Token(t *testing.T) {
	raw := jwt(t, map[string]any{"alg": "ES256", "typ": "at+jwt", "kid": "k1"}, map[string]any{
		"iss": "https://as.example", "sub": "u1", "aud": []any{"https://api.example/", "https://other.example/"},
		"client_id": "c1", "scope": "api:read api:write", "cnf": map[string]any{"jkt": "abc"}, "exp": 1900000000.0, "iat": 1800000000.0,
	})
	in, ok := Decode(raw)
	if !ok {
		t.Fatal("not decoded")
	}
	if in.Type != "at+jwt" || in.Alg != "ES256" || in.ClientID != "c1" || in.Subject != "u1" || in.Issuer != "https://as.example" {
		t.Fatalf("%+v", in)
	}
	if !slices.Equal(in.Audience, []string{"https://api.example/", "https://other.example/"}) || !slices.Equal(in.Scope, []string{"api:read", "api:write"}) {
		t.Fatalf("aud %v scope %v", in.Audience, in.Scope)
	}
	if in.Confirmation["jkt"] != "abc" || in.Expiry.Unix() != 1900000000 || in.IssuedAt.Unix() != 1800000000 {
		t.Fatalf("cnf %v exp %v iat %v", in.Confirmation, in.Expiry, in.IssuedAt)
	}
	if in.Verified || in.Note != NotVerified {
		t.Fatal("a decoded access token must say it is not verified")
	}
	one, _ := Decode(jwt(t, map[string]any{"alg": "RS256"}, map[string]any{"aud": "https://api.example/"}))
	if !slices.Equal(one.Audience, []string{"https://api.example/"}) {
		t.Fatalf("string aud: %v", one.Audience)
	}
}

func TestDecodeOpaqueOrBroken(t *testing.T) {
	for _, raw := range []string{"", "opaque-token-value", "a.b", "a.b.c", "e30.bm90anNvbg.x", "e30.e30.x.y.z", "bnVsbA.e30.x"} {
		if in, ok := Decode(raw); ok {
			t.Errorf("Decode(%q) = %+v, want not ok", raw, in)
		}
	}
}

func FuzzDecode(f *testing.F) {
	f.Add("eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOlsiYSIsMV19.x")
	f.Fuzz(func(t *testing.T, raw string) { Decode(raw) })
}
