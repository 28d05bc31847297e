package idp_test

import (
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"golang.org/x/oauth2"

	"oauthdesk/idp"
	"oauthdesk/internal/browsertest"
)

// TestBrowserDeviceCancelAndReload: on the device verification page,
// Cancel denies the device at once (its poll gets access_denied) and reads
// as the person's choice; after Allow, the result is a GET page, so a
// reload shows it again instead of re-posting.
func TestBrowserDeviceCancelAndReload(t *testing.T) {
	srv := startIDP(t, "")
	b := browsertest.New(t)
	cfg := oauth2.Config{
		ClientID: idp.DemoClientID,
		Endpoint: oauth2.Endpoint{
			DeviceAuthURL: srv.Issuer() + "/device_authorization",
			TokenURL:      srv.Issuer() + "/oauth/token",
			AuthStyle:     oauth2.AuthStyleInParams,
		},
		Scopes: []string{"openid", "profile"},
	}
	ctx := b.Tab(t, browsertest.TabOptions{})

	da, err := cfg.DeviceAuth(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	nav(t, ctx, da.VerificationURIComplete)
	act(t, ctx, chromedp.Click(chromedp.CSS("button[name=cancel]")))
	if body := evalString(t, ctx, "document.body.innerText"); !strings.Contains(body, "You declined") || !strings.Contains(body, "Nothing was stored") {
		t.Errorf("after Cancel:\n%s", body)
	}
	if _, err := cfg.DeviceAccessToken(t.Context(), da); oauthErrorCode(err) != "access_denied" {
		t.Errorf("canceled device: err = %v, want access_denied", err)
	}

	da, err = cfg.DeviceAuth(t.Context())
	if err != nil {
		t.Fatal(err)
	}
	nav(t, ctx, da.VerificationURIComplete)
	signInAndAllow(t, ctx)
	loc := evalString(t, ctx, "location.pathname")
	resp := act(t, ctx, chromedp.Reload())
	if body := evalString(t, ctx, "document.body.innerText"); loc != "/device/done" || resp.Status != 200 || !strings.Contains(body, "Device connected") {
		t.Errorf("reload after Allow at %s: status %d\n%s", loc, resp.Status, body)
	}
	if _, err := cfg.DeviceAccessToken(t.Context(), da); err != nil {
		t.Errorf("approved device: %v", err)
	}
}
