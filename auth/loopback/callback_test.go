package loopback

import (
	"errors"
	"net/url"
	"oauthdesk/auth/internal/protocol"
	"strings"
	"testing"
)

func TestParseCallback(t *testing.T) {
	check := Check{State: "s123", Issuer: "https://op.example"}
	tests := []struct {
		name    string
		query   string
		check   Check
		code    string
		wantErr error
		errText string
	}{
		{name: "ok", query: "code=abc&state=s123", check: check, code: "abc"},
		{name: "ok with iss", query: "code=abc&state=s123&iss=https%3A%2F%2Fop.example", check: check, code: "abc"},
		{name: "wrong state", query: "code=abc&state=evil", check: check, wantErr: ErrStateMismatch},
		{name: "missing state", query: "code=abc", check: check, wantErr: ErrStateMismatch},
		{name: "error with wrong state is a state error", query: "error=access_denied&state=x", check: check, wantErr: ErrStateMismatch},
		{name: "access denied", query: "error=access_denied&error_description=user+said+no&state=s123", check: check, errText: "access_denied (user said no)"},
		{name: "missing code", query: "state=s123", check: check, wantErr: ErrMissingCode},
		{name: "iss mismatch", query: "code=abc&state=s123&iss=https%3A%2F%2Fevil.example", check: check, wantErr: protocol.ErrIssuerMismatch},
		{name: "iss missing but promised", query: "code=abc&state=s123", check: Check{State: "s123", Issuer: "https://op.example", IssRequired: true}, wantErr: protocol.ErrIssuerMismatch},
		{name: "iss with no issuer configured (mix-up)", query: "code=abc&state=s123&iss=https%3A%2F%2Fhonest.example", check: Check{State: "s123"}, wantErr: protocol.ErrIssuerMismatch},
		{name: "no iss and no issuer", query: "code=abc&state=s123", check: Check{State: "s123"}, code: "abc"},
		{name: "iss mismatch on an error", query: "error=access_denied&state=s123&iss=https%3A%2F%2Fevil.example", check: check, wantErr: protocol.ErrIssuerMismatch},
		{name: "duplicate code", query: "code=a&code=b&state=s123", check: check, errText: "repeats"},
		{name: "tenant issuer", query: "code=abc&state=s123&iss=https%3A%2F%2Flogin.example%2Fabc-123%2Fv2.0",
			check: Check{State: "s123", Issuer: "https://login.example/{tenantid}/v2.0", TenantPlaceholder: true}, code: "abc"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			q, err := url.ParseQuery(tt.query)
			if err != nil {
				t.Fatal(err)
			}
			code, err := ParseCallback(q, tt.check)
			if tt.wantErr == nil && tt.errText == "" {
				if err != nil || code != tt.code {
					t.Fatalf("got (%q, %v), want (%q, nil)", code, err, tt.code)
				}
				return
			}
			if err == nil {
				t.Fatalf("got code %q, want an error", code)
			}
			if tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("got %v, want %v", err, tt.wantErr)
			}
			if tt.errText != "" && !strings.Contains(err.Error(), tt.errText) {
				t.Fatalf("got %q, want it to contain %q", err, tt.errText)
			}
			if strings.Contains(err.Error(), "abc") {
				t.Fatalf("error %q leaks the code", err)
			}
		})
	}
}

func TestProviderErrorIsSanitized(t *testing.T) {
	q := url.Values{"state": {"s"}, "error": {"bad\x1b[31m"}, "error_description": {strings.Repeat("x", 5000)}}
	_, err := ParseCallback(q, Check{State: "s"})
	var pe *protocol.ProviderError
	if !errors.As(err, &pe) {
		t.Fatalf("got %v, want a *ProviderError", err)
	}
	if msg := err.Error(); strings.Contains(msg, "\x1b") || len(msg) > 600 {
		t.Fatalf("error not sanitized: %q (%d bytes)", msg, len(msg))
	}
}

func TestParsePastedRedirect(t *testing.T) {
	q, err := ParsePasted("  http://127.0.0.1:5555/callback?code=c&state=s \n", "http://127.0.0.1:5555/callback")
	if err != nil || q.Get("code") != "c" {
		t.Fatalf("got (%v, %v)", q, err)
	}
	if _, err := ParsePasted("https://evil.example/callback?code=c&state=s", "http://127.0.0.1:5555/callback"); err == nil {
		t.Fatal("a non-loopback URL was accepted")
	}
	if _, err := ParsePasted("", "http://127.0.0.1:5555/callback"); err == nil {
		t.Fatal("an empty paste was accepted")
	}
}

// FuzzParseCallback feeds arbitrary redirect queries: the parser must never
// panic, must only return a code when state matched, and must never echo
// the code in an error.
func FuzzParseCallback(f *testing.F) {
	for _, s := range []string{"code=abc&state=st", "error=access_denied&state=st", "state=st&iss=x", "code=%ff&state=st&state=st", ""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		code, err := ParseCallback(q, Check{State: "st", Issuer: "https://op.example"})
		if err == nil && (q.Get("state") != "st" || code == "") {
			t.Fatalf("accepted %q", raw)
		}
		_ = code
	})
}
