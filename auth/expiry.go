package auth

import (
	"fmt"
	"math"
	"strconv"
	"time"

	"golang.org/x/oauth2"

	"oauthdesk/auth/idtoken"
)

// ClockLeeway is how far this machine's clock may be behind a provider's:
// an ID token whose iat or nbf is up to this far in the future is accepted
// (a clock a few seconds or minutes off is common). It is the ID-token
// check's own constant (idtoken.IATLeeway), which equals go-oidc's fixed
// leeway for nbf, so that the iat and nbf checks agree.
const ClockLeeway = idtoken.IATLeeway

// maxLifetime is the longest access token lifetime taken at its word. An
// expires_in beyond it (a provider's way of saying "never", or a mistake)
// is treated as no expiry rather than shown as a date centuries away.
const maxLifetime = 10 * 365 * 24 * time.Hour

// expiryOf reads the token response's expires_in (RFC 6749 §5.1) and
// returns when the access token expires, measured from now, and a note for
// the person when the value was not a usable lifetime. golang.org/x/oauth2
// takes expires_in at face value (0 and negative values make an already
// expired token, and it caps large values at 2^31 s), so the raw value is
// read here.
//
//   - absent: the expiry is unknown (zero), with no note;
//   - 0 or negative: not a lifetime; the expiry is unknown, and the note
//     says what the provider sent. The token is used until an API rejects
//     it, then refreshed;
//   - over maxLifetime: treated as not expiring, with a note.
//
// odd is the value sent when it was not used (nil otherwise), for callers
// that word the note themselves.
func expiryOf(tok *oauth2.Token, now time.Time) (at time.Time, note string, odd *int64) {
	secs, ok := rawExpiresIn(tok)
	switch {
	case !ok:
		return time.Time{}, "", nil
	case secs <= 0:
		return time.Time{}, fmt.Sprintf("the provider sent expires_in = %d, which is not a lifetime; the expiry is unknown", secs), &secs
	case secs > int64(maxLifetime/time.Second):
		return time.Time{}, fmt.Sprintf("the provider sent expires_in = %d (more than 10 years); treated as not expiring", secs), &secs
	}
	return now.Add(time.Duration(secs) * time.Second), "", nil
}

// rawExpiresIn is the response's expires_in as sent, in whole seconds.
func rawExpiresIn(tok *oauth2.Token) (int64, bool) {
	switch v := tok.Extra("expires_in").(type) {
	case float64:
		if math.IsNaN(v) || v > math.MaxInt64/2 {
			return math.MaxInt64 / 2, true
		}
		if v < math.MinInt64/2 {
			return math.MinInt64 / 2, true
		}
		return int64(v), true
	case string:
		if v == "" {
			return 0, false
		}
		n, err := strconv.ParseFloat(v, 64)
		if err != nil {
			return 0, true // not a number: no usable lifetime
		}
		return rawExpiresIn(tok.WithExtra(map[string]any{"expires_in": n}))
	case nil:
		if tok.ExpiresIn != 0 {
			return tok.ExpiresIn, true
		}
		return 0, false
	}
	return 0, true
}
