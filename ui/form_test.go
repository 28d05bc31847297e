package ui

import (
	"errors"
	"slices"
	"testing"
	"time"

	"fyne.io/fyne/v2/test"

	"oauthdesk/auth"
)

// openForm opens the add-provider form with Ctrl+N and waits for presets.
func openForm(h *harness) *providerForm {
	h.t.Helper()
	h.shortcut(shortcutNew)
	h.waitText("Add a provider")
	f := h.mw.form
	h.waitFor("the presets", func() bool { return !f.preset.Disabled() })
	return f
}

func TestFormValidatesBeforeSaving(t *testing.T) {
	h := newHarness(t, nil)
	f := openForm(h)
	test.Type(f.id, "Bad ID")
	test.Type(f.authURL, "not a url")
	test.Type(f.tokenURL, "http://auth.example.com/token")
	h.tap("Save")
	h.waitText("Check the form", "Fix the fields with a message under them, then save again.",
		"Not allowed in an ID: 'B', space, 'I', 'D'.",
		"Enter the client ID the provider issued when you registered oauthdesk.",
		"Not a URL; write it like https://example.com/path.",
		"Use https://. Plain http is only allowed for localhost and 127.0.0.1.",
	)
	if h.fb.called("CheckProvider bad id") || h.fb.called("CheckProvider Bad ID") {
		t.Error("an invalid form was checked with the backend")
	}

	// Errors clear as the fields are fixed.
	f.id.SetText("demo")
	h.waitText("A provider with this ID exists already.")
	f.id.SetText("my-idp")
	f.clientID.SetText("abc")
	f.authURL.SetText("https://auth.example.com/authorize")
	f.tokenURL.SetText("http://127.0.0.1:9000/token") // loopback http is fine
	h.assertNoText("Not allowed in an ID")
	h.assertNoText("Enter the client ID")
	h.assertNoText("Not a URL")
	h.assertNoText("Use https://")

	f.port.SetText("70000")
	h.waitText("Enter a port from 0 to 65535", "(fix the host and port first)")
	f.port.SetText("8400")
	f.host.SetText("example.com")
	h.waitText("Use a loopback address: 127.0.0.1, [::1] or localhost.")
	f.host.SetText("localhost")
	f.params.SetText("prompt=consent\nnonsense")
	h.waitText("Line 2: write one parameter per line as key=value.")
	f.params.SetText("prompt=consent\nredirect_uri=x")
	h.waitText("Line 2: oauthdesk sets redirect_uri itself.")
	f.params.SetText("prompt=consent")
	h.assertNoText("Line 2")

	h.tap("Save")
	h.waitFor("the saved provider", func() bool { return h.mw.selected == "my-idp" && h.mw.form == nil })
	if !h.fb.called("CheckProvider my-idp") || !h.fb.called("SaveProvider my-idp") {
		t.Errorf("calls = %v, want CheckProvider then SaveProvider", h.fb.calls)
	}
	h.fb.mu.Lock()
	saved := h.fb.providers[len(h.fb.providers)-1]
	h.fb.mu.Unlock()
	if saved.RedirectHost != "localhost" || saved.RedirectPort != 8400 || saved.AuthParams["prompt"] != "consent" ||
		saved.TokenURL != "http://127.0.0.1:9000/token" || saved.ClientSecret != "" {
		t.Errorf("saved %+v", saved)
	}
	h.waitText("You are not signed in.", "http://localhost:8400/callback")
	h.assertNoText(firstRunHint)
}

func TestFormShowsTheRedirectURILive(t *testing.T) {
	h := newHarness(t, nil)
	f := openForm(h)
	h.waitText("Register this redirect URI at the provider:", "http://127.0.0.1/callback",
		"With port 0, oauthdesk listens on a free port")
	f.port.SetText("8400")
	h.waitText("http://127.0.0.1:8400/callback", "oauthdesk listens on port 8400 during each sign-in")
	f.host.SetText("[::1]")
	h.waitText("http://[::1]:8400/callback")
	h.tap("Copy")
	if got := h.clipboard(); got != "http://[::1]:8400/callback" {
		t.Errorf("clipboard = %q", got)
	}
	h.waitText("Copied.")
}

func TestFormPresetFillsInAndSecretGoesToTheKeyring(t *testing.T) {
	h := newHarness(t, nil)
	f := openForm(h)
	f.preset.SetSelected("GitHub")
	h.q.drain()
	if f.id.Text != "github" || f.name.Text != "GitHub" || f.authURL.Text != "https://github.com/login/oauth/authorize" ||
		f.scopes.Text != "read:user user:email" {
		t.Errorf("after the GitHub preset: id %q name %q auth %q scopes %q", f.id.Text, f.name.Text, f.authURL.Text, f.scopes.Text)
	}
	// Switching preset replaces what the previous one filled in.
	f.preset.SetSelected("Google")
	h.q.drain()
	if f.id.Text != "google" || f.issuer.Text != "https://accounts.google.com" || f.authURL.Text != "" ||
		f.params.Text != "access_type=offline\nprompt=consent" {
		t.Errorf("after the Google preset: id %q issuer %q auth %q params %q", f.id.Text, f.issuer.Text, f.authURL.Text, f.params.Text)
	}
	test.Type(f.clientID, "123.apps.googleusercontent.com")
	test.Type(f.secret, "s3cret")
	h.tap("Save")
	h.waitFor("the saved provider", func() bool { return h.mw.selected == "google" })
	h.fb.mu.Lock()
	defer h.fb.mu.Unlock()
	i := slices.IndexFunc(h.fb.providers, func(p auth.Provider) bool { return p.ID == "google" })
	if i < 0 {
		t.Fatal("google was not saved")
	}
	if p := h.fb.providers[i]; p.Preset != "google" || !p.Quirks.SecretWithPKCE || p.ClientSecret != "" {
		t.Errorf("saved %+v; want the preset named, its quirks kept, and no secret in the file", p)
	}
	if h.fb.secrets["google"] != "s3cret" {
		t.Errorf("secret passed to SaveProvider = %q", h.fb.secrets["google"])
	}
}

func TestFormShowsTheCheckError(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) {
		fb.checkErr = errors.New("discovery at https://sso.example.com/.well-known/openid-configuration: 404 Not Found")
	})
	f := openForm(h)
	f.id.SetText("sso")
	f.issuer.SetText("https://sso.example.com")
	f.clientID.SetText("x")
	h.tap("Save")
	h.waitText("The provider check failed", "Discovery at https://sso.example.com/.well-known/openid-configuration: 404 Not Found.")
	if h.fb.called("SaveProvider sso") {
		t.Error("saved although the check failed")
	}
	if h.mw.form == nil {
		t.Error("the form closed on an error")
	}
}

func TestEditKeepsTheIDAndCancelReturns(t *testing.T) {
	h := newHarness(t, withProviders)
	h.selectProvider("keycloak")
	h.tap("Edit")
	h.waitText("Edit Keycloak", "No secret is stored; leave empty for a public client")
	f := h.mw.form
	if !f.id.Disabled() || f.id.Text != "keycloak" || f.issuer.Text != "https://sso.example.com/realms/dev" {
		t.Errorf("edit form: id %q (disabled %v), issuer %q", f.id.Text, f.id.Disabled(), f.issuer.Text)
	}
	h.tap("Cancel")
	h.waitText("You are not signed in.", "Keycloak")
	if h.mw.form != nil {
		t.Error("Cancel left the form open")
	}
}

func TestValidateProviderRules(t *testing.T) {
	ok := formInput{ID: "a-b_1", ClientID: "c", Issuer: "https://idp.example.com"}
	if _, errs := ok.provider(auth.Provider{}, nil); len(errs) != 0 {
		t.Errorf("valid input: %v", errs)
	}
	for name, tc := range map[string]struct {
		in    formInput
		field string
	}{
		"empty id":        {formInput{ClientID: "c", Issuer: "https://i"}, fieldID},
		"upper id":        {formInput{ID: "A", ClientID: "c", Issuer: "https://i"}, fieldID},
		"no client":       {formInput{ID: "a", Issuer: "https://i"}, fieldClientID},
		"no endpoints":    {formInput{ID: "a", ClientID: "c"}, fieldIssuer},
		"auth only":       {formInput{ID: "a", ClientID: "c", AuthURL: "https://a"}, fieldTokenURL},
		"http issuer":     {formInput{ID: "a", ClientID: "c", Issuer: "http://idp.example.com"}, fieldIssuer},
		"bad userinfo":    {formInput{ID: "a", ClientID: "c", Issuer: "https://i", UserinfoURL: "ftp://x"}, fieldUserinfoURL},
		"negative port":   {formInput{ID: "a", ClientID: "c", Issuer: "https://i", RedirectPort: "-1"}, fieldPort},
		"port not number": {formInput{ID: "a", ClientID: "c", Issuer: "https://i", RedirectPort: "80a"}, fieldPort},
	} {
		if _, errs := tc.in.provider(auth.Provider{}, nil); errs[tc.field] == "" {
			t.Errorf("%s: no error on %s (errors %v)", name, tc.field, errs)
		}
	}
	if _, errs := (formInput{ID: "a", ClientID: "c", Issuer: "http://[::1]:8080"}).provider(auth.Provider{}, nil); len(errs) != 0 {
		t.Errorf("loopback http issuer rejected: %v", errs)
	}
}

func TestEditShowsAStoredSecretThatCanBeCleared(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		withProviders(fb, now)
		fb.secrets["keycloak"] = "s3cret"
	})
	h.selectProvider("keycloak")
	h.tap("Edit")
	h.waitText("Edit Keycloak", "A secret is stored in the keyring; leave the field empty to keep it.",
		"Leave empty to keep the stored secret")
	h.assertNoText("s3cret")
	h.tap("Clear stored secret")
	h.waitText("Clear the stored secret?")
	h.tap("Clear secret")
	h.waitText("No secret is stored; leave empty for a public client")
	h.assertNoText("A secret is stored")
	if !h.fb.called(`SetClientSecret keycloak ""`) {
		t.Errorf("calls %q: the secret was not cleared", h.fb.calls)
	}
	if len(h.buttons("Clear stored secret")) != 0 {
		t.Error("Clear stored secret still shows")
	}
}

func TestFormClientCredentialsGrant(t *testing.T) {
	h := newHarness(t, nil)
	f := openForm(h)
	h.waitText("Register this redirect URI at the provider:")
	h.waitText("Leave empty for a public client")
	f.grant.SetSelected(grantMachineOption)
	h.assertNoText("Register this redirect URI at the provider:")
	h.waitText("Required: the client authenticates with it")
	f.id.SetText("m2m")
	f.clientID.SetText("svc")
	f.tokenURL.SetText("https://idp.example.com/token")
	h.tap("Save")
	h.waitText("The client credentials grant authenticates with the client secret: enter it.")
	h.assertNoText("Required without an issuer") // no authorization URL needed
	f.secret.SetText("shh")
	h.assertNoText("authenticates with the client secret")
	h.tap("Save")
	h.waitFor("the save", func() bool { return h.fb.called("SaveProvider m2m") })
	h.fb.mu.Lock()
	p, _ := h.fb.find("m2m")
	secret := h.fb.secrets["m2m"]
	h.fb.mu.Unlock()
	if p.Grant != auth.GrantClientCredentials || secret != "shh" {
		t.Errorf("saved grant %q, secret %q", p.Grant, secret)
	}
	h.waitText("Get token")
}

func TestEditMachineProviderWithStoredSecret(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) {
		fb.providers = append(fb.providers, auth.Provider{ID: "m2m", TokenURL: "https://idp.example.com/token",
			ClientID: "svc", Grant: auth.GrantClientCredentials})
		fb.secrets["m2m"] = "shh"
	})
	h.selectProvider("m2m")
	h.tap("Edit")
	h.waitText("A secret is stored in the keyring")
	f := h.mw.form
	if f.grant.Selected != grantMachineOption || f.secret.PlaceHolder != "Leave empty to keep the stored secret" {
		t.Errorf("grant %q, secret placeholder %q", f.grant.Selected, f.secret.PlaceHolder)
	}
	h.tap("Save") // the stored secret satisfies the grant
	h.waitFor("the save", func() bool { return h.fb.called("SaveProvider m2m") })
}
