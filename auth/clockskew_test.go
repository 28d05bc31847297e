package auth

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"
)

// TestIDTokenFromAProviderWhoseClockIsAhead: the provider's clock runs a
// little ahead of ours, so its ID token is issued (iat) and valid (nbf) a
// few seconds "in the future". That is accepted within ClockLeeway, and an
// nbf beyond it is not.
func TestIDTokenFromAProviderWhoseClockIsAhead(t *testing.T) {
	for _, ahead := range []time.Duration{5 * time.Second, 30 * time.Second, ClockLeeway - 10*time.Second} {
		op := newTestOP(t)
		op.claims = func(c map[string]any) {
			c["iat"] = time.Now().Add(ahead).Unix()
			c["nbf"] = time.Now().Add(ahead).Unix()
		}
		e := testEngine(t, op, nil)
		if _, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second}); err != nil {
			t.Errorf("an ID token from a clock %v ahead was refused: %v", ahead, err)
		}
	}
	for claim, word := range map[string]string{"nbf": "nbf", "iat": "in the future"} {
		op := newTestOP(t)
		op.claims = func(c map[string]any) { c[claim] = time.Now().Add(ClockLeeway + time.Minute).Unix() }
		e := testEngine(t, op, nil)
		if _, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second}); err == nil || !strings.Contains(err.Error(), word) {
			t.Errorf("an ID token with %s %v from now was accepted: %v", claim, ClockLeeway+time.Minute, err)
		}
	}
}

// TestExpiresInOddValues: a token response's expires_in of 0, a negative
// number or a huge number is not taken at its word: the expiry is unknown
// (so the token is used, and refreshed when an API rejects it), and the
// status says what the provider sent.
func TestExpiresInOddValues(t *testing.T) {
	for _, c := range []struct {
		name    string
		value   any // nil: leave expires_in out
		expires time.Duration
		note    string
	}{
		{"usual", 3600, time.Hour, ""},
		{"as a string", "600", 10 * time.Minute, ""},
		{"absent", nil, 0, ""},
		{"zero", 0, 0, "expires_in = 0, which is not a lifetime"},
		{"negative", -60, 0, "expires_in = -60, which is not a lifetime"},
		{"huge", int64(1) << 40, 0, "expires_in = 1099511627776 (more than 10 years); treated as not expiring"},
	} {
		t.Run(c.name, func(t *testing.T) {
			op := newTestOP(t)
			op.token = func(w http.ResponseWriter, r *http.Request) {
				resp := map[string]any{"access_token": "at-1", "token_type": "Bearer", "id_token": op.idToken()}
				if c.value != nil {
					resp["expires_in"] = c.value
				}
				writeTestJSON(w, resp)
			}
			e := testEngine(t, op, nil)
			start := time.Now()
			if _, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second}); err != nil {
				t.Fatal(err)
			}
			st, err := e.Status(context.Background(), "op")
			if err != nil {
				t.Fatal(err)
			}
			if st.Expired {
				t.Error("the token counts as expired at once")
			}
			switch {
			case c.expires == 0 && st.ExpiresAt != nil:
				t.Errorf("expires at %v, want unknown", st.ExpiresAt)
			case c.expires != 0 && (st.ExpiresAt == nil || st.ExpiresAt.Before(start.Add(c.expires)) || st.ExpiresAt.After(time.Now().Add(c.expires))):
				t.Errorf("expires at %v, want %v from now", st.ExpiresAt, c.expires)
			}
			if (c.note == "") != (st.ExpiryNote == "") || !strings.Contains(st.ExpiryNote, c.note) {
				t.Errorf("note %q, want %q", st.ExpiryNote, c.note)
			}
			if tok, err := e.Token(context.Background(), "op"); err != nil || tok.AccessToken != "at-1" {
				t.Errorf("the token is not usable: %v", err)
			}
		})
	}
}
