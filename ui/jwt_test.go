package ui

import (
	"bytes"
	"image"
	"image/png"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2/canvas"

	"oauthdesk/auth"
)

func TestDecodeToken(t *testing.T) {
	now := t0
	jwt := fakeJWT(map[string]any{"alg": "ES256", "typ": "JWT"},
		map[string]any{"sub": "42", "exp": now.Add(90 * time.Second).Unix(), "aud": []string{"a", "b"}, "x": map[string]any{"y": 1}})
	d := decodeToken(jwt, now)
	if d.Kind != kindJWT || d.Alg != "ES256" || d.Err != nil {
		t.Fatalf("decodeToken(JWT) = %+v", d)
	}
	want := map[string]string{
		"sub": "42",
		"exp": "1741944503  (2025-03-14 09:28:23 UTC, in 1m 30s)",
		"aud": "a, b",
		"x":   `{"y":1}`,
	}
	for _, c := range d.Claims {
		if w, ok := want[c.Name]; ok && c.Value != w {
			t.Errorf("claim %s = %q, want %q", c.Name, c.Value, w)
		}
	}
	if len(d.Claims) != 4 {
		t.Errorf("claims = %v", d.Claims)
	}

	for _, tok := range []string{"gho_16C7e42F292c6912E7710c838347Ae178B4a", "a.b.c", "ya29.a0AfH6SMBx"} {
		if k := decodeToken(tok, now).Kind; k != kindOpaque {
			t.Errorf("decodeToken(%q) kind = %v, want opaque", tok, k)
		}
	}
	jwe := "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.k.iv.ct.tag"
	if d := decodeToken(jwe, now); d.Kind != kindJWE || d.Alg != "RSA-OAEP" {
		t.Errorf("decodeToken(JWE) = %+v", d)
	}
	bad := strings.SplitN(jwt, ".", 2)[0] + ".!!!.sig"
	if d := decodeToken(bad, now); d.Kind != kindJWT || d.Err == nil {
		t.Errorf("decodeToken(bad payload) = %+v, want a JWT with an error", d)
	}
}

func TestMaskToken(t *testing.T) {
	tok := strings.Repeat("abcdefgh", 10)
	m := maskToken(tok)
	if !strings.HasPrefix(m, "abcdefgh•") || strings.Contains(m, tok[8:20]) || !strings.Contains(m, "(80 characters)") {
		t.Errorf("maskToken = %q", m)
	}
	if m := maskToken("short"); strings.Contains(m, "sh") {
		t.Errorf("maskToken(short) = %q shows too much", m)
	}
}

func TestFormatRemaining(t *testing.T) {
	for d, want := range map[time.Duration]string{
		0:                                "now",
		59*time.Minute + 12*time.Second:  "in 59m 12s",
		2*time.Hour + 3*time.Minute:      "in 2h 03m",
		76 * time.Hour:                   "in 3d 4h",
		-(5*time.Minute + 2*time.Second): "5m 02s ago",
		45 * time.Second:                 "in 45s",
	} {
		if got := formatRemaining(d); got != want {
			t.Errorf("formatRemaining(%v) = %q, want %q", d, got, want)
		}
	}
}

func TestCurlCommandQuotes(t *testing.T) {
	got := curlCommand("to'ken", "https://api.example.com/user?a=1&b=2")
	want := "curl -K - <<EOF\nurl = \"https://api.example.com/user?a=1&b=2\"\nheader = \"Authorization: Bearer to'ken\"\nEOF"
	if got != want {
		t.Errorf("curlCommand = %s, want %s", got, want)
	}
}

func TestProfileAvatarIsShown(t *testing.T) {
	var png1 bytes.Buffer
	if err := png.Encode(&png1, image.NewRGBA(image.Rect(0, 0, 4, 4))); err != nil {
		t.Fatal(err)
	}
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		fb.tokens["demo"] = demoTokens("demo", now)
		fb.profiles["demo"] = &auth.Profile{Subject: "1", Name: "Ada", Picture: "https://example.com/a.png", Raw: []byte(`{}`)}
		fb.images["https://example.com/a.png"] = png1.Bytes()
	})
	h.waitText("Ada")
	if _, ok := h.mw.view.profile.avatar.Objects[0].(*canvas.Image); !ok {
		t.Errorf("avatar = %T, want the downloaded image", h.mw.view.profile.avatar.Objects[0])
	}
}
