package ui

// This file is a fake Backend for the UI's tests. It uses nothing but the
// standard library and oauthdesk/auth, so that it can also drive a real
// window in a throwaway program.

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"time"

	"oauthdesk/auth"
)

// fakeLogin is the outcome a test gives a waiting Login.
type fakeLogin struct {
	tokens *auth.TokenSet
	err    error
}

// fakeBackend is an in-memory Backend. Login blocks until the test sends an
// outcome on login (or the context ends); everything else answers at once
// from the maps, or with the error set for it.
type fakeBackend struct {
	mu        sync.Mutex
	now       func() time.Time
	providers []auth.Provider
	presets   []auth.Provider
	tokens    map[string]*auth.TokenSet
	profiles  map[string]*auth.Profile
	images    map[string][]byte
	secrets   map[string]string
	calls     []string

	// onConfig is the window's WatchConfig callback; configProblem is what
	// ConfigProblem returns.
	onConfig      func(error)
	configProblem error

	// loginURL is what Login passes to OnAuthURL.
	loginURL string
	// loginStarted receives the provider ID when Login starts.
	loginStarted chan string
	// login receives the outcome of a waiting Login.
	login chan fakeLogin
	// loginDelay, when set, makes Login succeed with loginTokens by
	// itself after the delay (for a demo window).
	loginDelay time.Duration

	// onCall, if set, is told of every Backend call as it starts.
	onCall func(method string)
	// support answers ServerSupport (a real engine in the Advanced
	// section's test); nil answers an error.
	support func(ctx context.Context, p auth.Provider, secret string) (*auth.ServerSupport, error)

	// discovery answers DiscoverResource (discoverErr when set);
	// connects are the ConnectRequests received.
	discovery   *auth.ResourceDiscovery
	discoverErr error
	connects    []auth.ConnectRequest

	// flow is each provider's flow log.
	flow map[string][]auth.Step
	// inactive holds the accounts that are not active, by
	// "provider/label".
	inactive map[string]*auth.TokenSet
	// introspection is what Introspect answers.
	introspection map[string]any

	// deviceCode is what DeviceLogin hands to onCode (unless deviceErr);
	// deviceStarted receives the provider ID once it has, and device the
	// outcome.
	deviceCode    auth.DeviceCode
	deviceErr     error
	deviceStarted chan string
	device        chan fakeDevice

	// responses are Call's answers, in order; requests are what it was
	// asked, history what CallHistory returns.
	responses []*auth.APIResponse
	requests  []auth.APIRequest
	history   []auth.APIRequest
	callErr   error

	statusErrs map[string]error
	refreshErr error
	tokenErr   error
	profileErr error
	checkErr   error
	saveErr    error
	logoutErr  error
	openErr    error

	introspectErr error
}

// newFakeBackend has the demo provider, signed out, and a few presets.
func newFakeBackend(now func() time.Time) *fakeBackend {
	return &fakeBackend{
		now: now,
		providers: []auth.Provider{{
			ID: "demo", Name: "Demo provider", Issuer: "http://127.0.0.1:8765",
			ClientID: "oauthdesk-demo", Scopes: []string{"openid", "profile", "email", "offline_access"},
			UserinfoURL: "http://127.0.0.1:8765/userinfo",
			Quirks:      auth.Quirks{Builtin: true},
		}},
		presets: []auth.Provider{
			{ID: "google", Name: "Google", Issuer: "https://accounts.google.com",
				Scopes: []string{"openid", "email", "profile"}, AuthParams: map[string]string{"access_type": "offline", "prompt": "consent"},
				Quirks: auth.Quirks{SecretWithPKCE: true}},
			{ID: "github", Name: "GitHub", AuthURL: "https://github.com/login/oauth/authorize",
				TokenURL: "https://github.com/login/oauth/access_token", ProfileURL: "https://api.github.com/user",
				Scopes: []string{"read:user", "user:email"}, Quirks: auth.Quirks{NoOIDC: true, AcceptJSON: true}},
			{ID: "microsoft", Name: "Microsoft", Issuer: "https://login.microsoftonline.com/common/v2.0",
				Scopes: []string{"openid", "profile", "email", "offline_access"}, RedirectHost: "localhost"},
			{ID: "keycloak", Name: "Keycloak", Issuer: "https://keycloak.example.com/realms/main",
				Scopes: []string{"openid", "profile", "email"}},
		},
		tokens:       map[string]*auth.TokenSet{},
		profiles:     map[string]*auth.Profile{},
		images:       map[string][]byte{},
		secrets:      map[string]string{},
		loginURL:     "http://127.0.0.1:8765/authorize?client_id=oauthdesk-demo&code_challenge=Vb2&code_challenge_method=S256&redirect_uri=http%3A%2F%2F127.0.0.1%3A49152%2Fcallback&response_type=code&scope=openid+profile+email+offline_access&state=st4te",
		loginStarted: make(chan string, 10),
		login:        make(chan fakeLogin, 10),
		deviceCode: auth.DeviceCode{UserCode: "WDJB-MJHT", VerificationURI: "http://127.0.0.1:8765/device",
			VerificationURIComplete: "http://127.0.0.1:8765/device?user_code=WDJB-MJHT",
			ExpiresAt:               now().Add(10 * time.Minute), Interval: 5 * time.Second},
		deviceStarted: make(chan string, 10),
		device:        make(chan fakeDevice, 10),
	}
}

// hook reports a call to onCall.
func (f *fakeBackend) hook(method string) {
	if f.onCall != nil {
		f.onCall(method)
	}
}

// record notes a call, for tests that check what was called.
func (f *fakeBackend) record(format string, args ...any) {
	f.calls = append(f.calls, fmt.Sprintf(format, args...))
}

// called reports whether a call was recorded.
func (f *fakeBackend) called(call string) bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Contains(f.calls, call)
}

// setTokens stores a token set for id, as a finished sign-in would.
func (f *fakeBackend) setTokens(id string, ts *auth.TokenSet) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.tokens[id] = ts
}

// storeSignIn makes t the active account, keeping an earlier active account
// of someone else as an inactive one, as the engine does.
func (f *fakeBackend) storeSignIn(id string, t *auth.TokenSet) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if prev := f.tokens[id]; prev != nil && labelOf(prev) != labelOf(t) {
		if f.inactive == nil {
			f.inactive = map[string]*auth.TokenSet{}
		}
		f.inactive[id+"/"+labelOf(prev)] = prev
	}
	delete(f.inactive, id+"/"+labelOf(t))
	f.tokens[id] = t
}

func (f *fakeBackend) find(id string) (auth.Provider, bool) {
	for _, p := range f.providers {
		if p.ID == id {
			return p, true
		}
	}
	return auth.Provider{}, false
}

// Providers returns the configured providers.
func (f *fakeBackend) Providers() []auth.Provider {
	f.hook("Providers")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Providers")
	return slices.Clone(f.providers)
}

// Presets returns the presets.
func (f *fakeBackend) Presets() []auth.Provider {
	f.hook("Presets")
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.presets)
}

// Status summarises the stored set, or returns the error set for id.
func (f *fakeBackend) Status(_ context.Context, id string) (auth.Status, error) {
	f.hook("Status")
	f.mu.Lock()
	defer f.mu.Unlock()
	if err := f.statusErrs[id]; err != nil {
		return auth.Status{}, err
	}
	if _, ok := f.find(id); !ok {
		return auth.Status{}, fmt.Errorf("%w %q", auth.ErrUnknownProvider, id)
	}
	return statusOfSet(id, f.tokens[id], f.now()), nil
}

// statusOfSet mirrors the engine's summary of a token set.
func statusOfSet(id string, t *auth.TokenSet, now time.Time) auth.Status {
	s := auth.Status{ProviderID: id, Scopes: []string{}}
	if t == nil {
		return s
	}
	s.SignedIn = true
	s.Expired = t.Expired(now)
	if !t.Expiry.IsZero() {
		exp := t.Expiry
		s.ExpiresAt = &exp
	}
	s.Scopes = t.Scopes
	s.ScopesRequested = t.ScopesRequested
	s.RequestedScopes = t.RequestedScopes
	s.HasRefreshToken = t.RefreshToken != ""
	s.HasIDToken = t.IDToken != ""
	s.Subject, s.Account = t.Subject, t.Account
	s.ExpiryNote, s.OddExpiresIn = t.ExpiryNote, t.OddExpiresIn
	if !t.ObtainedAt.IsZero() {
		o := t.ObtainedAt
		s.ObtainedAt = &o
	}
	if !t.RefreshedAt.IsZero() {
		r := t.RefreshedAt
		s.RefreshedAt = &r
	}
	return s
}

// Login reports the authorize URL, then waits for the test (or loginDelay).
func (f *fakeBackend) Login(ctx context.Context, id string, opts auth.LoginOptions) (*auth.TokenSet, error) {
	f.hook("Login")
	f.mu.Lock()
	f.record("Login %s", id)
	u, delay := f.loginURL, f.loginDelay
	f.mu.Unlock()
	if opts.OnAuthURL != nil {
		opts.OnAuthURL(u)
	}
	f.loginStarted <- id
	var res fakeLogin
	if delay > 0 {
		select {
		case <-time.After(delay):
			res.tokens = demoTokens(id, f.now())
		case <-ctx.Done():
			return nil, auth.ErrCanceled
		}
	} else {
		select {
		case res = <-f.login:
		case <-ctx.Done():
			return nil, fmt.Errorf("%w: %w", auth.ErrCanceled, ctx.Err())
		}
	}
	if res.err != nil {
		return nil, res.err
	}
	f.storeSignIn(id, res.tokens)
	return res.tokens, nil
}

// Stored returns a copy of the stored set.
func (f *fakeBackend) Stored(id string) (*auth.TokenSet, error) {
	f.hook("Stored")
	f.mu.Lock()
	defer f.mu.Unlock()
	t := f.tokens[id]
	if t == nil {
		return nil, auth.ErrNotSignedIn
	}
	c := *t
	return &c, nil
}

// Token returns the stored set, or tokenErr.
func (f *fakeBackend) Token(_ context.Context, id string) (*auth.TokenSet, error) {
	f.hook("Token")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Token %s", id)
	if f.tokenErr != nil {
		return nil, f.tokenErr
	}
	t := f.tokens[id]
	if t == nil {
		return nil, auth.ErrNotSignedIn
	}
	c := *t
	return &c, nil
}

// Refresh renews the access token for an hour, or fails with refreshErr.
func (f *fakeBackend) Refresh(_ context.Context, id string) (*auth.TokenSet, error) {
	f.hook("Refresh")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Refresh %s", id)
	if f.refreshErr != nil {
		if errors.Is(f.refreshErr, auth.ErrSessionExpired) {
			delete(f.tokens, id) // the engine forgets a dead session
		}
		return nil, f.refreshErr
	}
	t := f.tokens[id]
	if t == nil {
		return nil, auth.ErrNotSignedIn
	}
	c := *t
	c.AccessToken = "refreshed-" + t.AccessToken
	c.Expiry = f.now().Add(time.Hour)
	c.RefreshedAt = f.now()
	f.tokens[id] = &c
	r := c
	return &r, nil
}

// Profile returns the profile set for id, or one made from the tokens.
func (f *fakeBackend) Profile(_ context.Context, id string) (*auth.Profile, error) {
	f.hook("Profile")
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.profileErr != nil {
		return nil, f.profileErr
	}
	if p := f.profiles[id]; p != nil {
		c := *p
		return &c, nil
	}
	t := f.tokens[id]
	if t == nil {
		return nil, auth.ErrNotSignedIn
	}
	raw, _ := json.Marshal(map[string]any{"sub": t.Subject, "name": "Demo User", "email": t.Account,
		"email_verified": true, "preferred_username": "demo"})
	return &auth.Profile{Subject: t.Subject, Name: "Demo User", Email: t.Account,
		Source: "http://127.0.0.1:8765/userinfo", Raw: raw}, nil
}

// Logout forgets the tokens.
func (f *fakeBackend) Logout(_ context.Context, id string) error {
	f.hook("Logout")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Logout %s", id)
	if f.logoutErr != nil {
		return f.logoutErr
	}
	provider, label, _ := strings.Cut(id, "/")
	if cur := f.tokens[provider]; label != "" && (cur == nil || labelOf(cur) != label) {
		if f.inactive[id] == nil {
			return fmt.Errorf("%s: %w %q", provider, auth.ErrUnknownAccount, label)
		}
		delete(f.inactive, id)
		return nil
	}
	delete(f.tokens, provider)
	f.promote(provider)
	return nil
}

// FetchImage returns the image stored under url.
func (f *fakeBackend) FetchImage(_ context.Context, url string) ([]byte, error) {
	f.hook("FetchImage")
	f.mu.Lock()
	defer f.mu.Unlock()
	if b, ok := f.images[url]; ok {
		return b, nil
	}
	return nil, errors.New("no such image")
}

// CheckProvider records the call and returns checkErr.
func (f *fakeBackend) CheckProvider(_ context.Context, p auth.Provider) error {
	f.hook("CheckProvider")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("CheckProvider %s", p.ID)
	return f.checkErr
}

// ServerSupport records the call and asks support.
func (f *fakeBackend) ServerSupport(ctx context.Context, p auth.Provider, secret string) (*auth.ServerSupport, error) {
	f.hook("ServerSupport")
	f.mu.Lock()
	f.record("ServerSupport %s", p.ID)
	support := f.support
	f.mu.Unlock()
	if support == nil {
		return nil, errors.New("no server support configured")
	}
	return support(ctx, p, secret)
}

// SaveProvider adds or replaces p and keeps the secret.
func (f *fakeBackend) SaveProvider(p auth.Provider, secret string) error {
	f.hook("SaveProvider")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SaveProvider %s", p.ID)
	if f.saveErr != nil {
		return f.saveErr
	}
	if secret != "" {
		f.secrets[p.ID] = secret
	}
	for i := range f.providers {
		if f.providers[i].ID == p.ID {
			f.providers[i] = p
			return nil
		}
	}
	f.providers = append(f.providers, p)
	return nil
}

// RemoveProvider deletes the provider and its tokens.
// WatchConfig keeps onChange, for tests to call as if the file changed.
func (f *fakeBackend) WatchConfig(_ context.Context, onChange func(error)) error {
	f.hook("WatchConfig")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.onConfig = onChange
	return nil
}

// ConfigProblem is the problem a test set.
func (f *fakeBackend) ConfigProblem() error {
	f.hook("ConfigProblem")
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.configProblem
}

func (f *fakeBackend) RemoveProvider(id string) error {
	f.hook("RemoveProvider")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("RemoveProvider %s", id)
	f.providers = slices.DeleteFunc(f.providers, func(p auth.Provider) bool { return p.ID == id })
	delete(f.tokens, id)
	return nil
}

// fakeJWT builds an unsigned-looking JWT (the signature is junk).
func fakeJWT(header, claims map[string]any) string {
	h, _ := json.Marshal(header)
	c, _ := json.Marshal(claims)
	enc := base64.RawURLEncoding
	return enc.EncodeToString(h) + "." + enc.EncodeToString(c) + "." + enc.EncodeToString([]byte("not-a-real-signature-0123456789"))
}

// demoTokens is what signing in to the demo provider yields at now.
func demoTokens(id string, now time.Time) *auth.TokenSet {
	iss := "http://127.0.0.1:8765"
	hdr := map[string]any{"alg": "RS256", "kid": "demo-key-1", "typ": "JWT"}
	access := fakeJWT(hdr, map[string]any{
		"iss": iss, "sub": "248289761001", "aud": "oauthdesk-demo", "exp": now.Add(time.Hour).Unix(),
		"iat": now.Unix(), "scope": "openid profile email offline_access", "client_id": "oauthdesk-demo",
	})
	idTok := fakeJWT(hdr, map[string]any{
		"iss": iss, "sub": "248289761001", "aud": "oauthdesk-demo", "exp": now.Add(time.Hour).Unix(),
		"iat": now.Unix(), "auth_time": now.Unix(), "nonce": "n-0S6_WzA2Mj", "email": "demo@example.com",
		"name": "Demo User",
	})
	return &auth.TokenSet{
		AccessToken: access, TokenType: "Bearer", RefreshToken: "rt-5f2b9c0e7d1a", IDToken: idTok,
		Expiry: now.Add(time.Hour), Scopes: []string{"openid", "profile", "email"},
		RequestedScopes: []string{"openid", "profile", "email", "offline_access"},
		Subject:         "248289761001", Account: "demo@example.com", Issuer: iss, ObtainedAt: now,
		Grant: auth.GrantAuthorizationCode,
	}
}

// SetClientSecret keeps or (with "") deletes a client secret.
func (f *fakeBackend) SetClientSecret(id, secret string) error {
	f.hook("SetClientSecret")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SetClientSecret %s %q", id, secret)
	if secret == "" {
		delete(f.secrets, id)
	} else {
		f.secrets[id] = secret
	}
	return nil
}

// ClientSecretStored reports whether a secret is kept for id.
func (f *fakeBackend) ClientSecretStored(id string) (bool, error) {
	f.hook("ClientSecretStored")
	f.mu.Lock()
	defer f.mu.Unlock()
	_, ok := f.secrets[id]
	return ok, nil
}

// addStep appends a step to a provider's flow log, numbering it.
func (f *fakeBackend) addStep(s auth.Step) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.flow == nil {
		f.flow = map[string][]auth.Step{}
	}
	s.N = len(f.flow[s.Provider]) + 1
	f.flow[s.Provider] = append(f.flow[s.Provider], s)
}

// FlowLog returns a copy of the provider's steps.
func (f *fakeBackend) FlowLog(id string) []auth.Step {
	f.hook("FlowLog")
	f.mu.Lock()
	defer f.mu.Unlock()
	p, _, _ := strings.Cut(id, "/")
	return slices.Clone(f.flow[p])
}

// ClearFlowLog forgets the provider's steps.
func (f *fakeBackend) ClearFlowLog(id string) {
	f.hook("ClearFlowLog")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("ClearFlowLog %s", id)
	p, _, _ := strings.Cut(id, "/")
	delete(f.flow, p)
}

// Introspect returns the answer set for id, or introspectErr.
func (f *fakeBackend) Introspect(_ context.Context, id string) (map[string]any, error) {
	f.hook("Introspect")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Introspect %s", id)
	if f.introspectErr != nil {
		return nil, f.introspectErr
	}
	if f.tokens[id] == nil {
		return nil, auth.ErrNotSignedIn
	}
	return f.introspection, nil
}

// labelOf is a token set's account label, as the engine names it.
func labelOf(t *auth.TokenSet) string {
	if t.Account != "" {
		return t.Account
	}
	return t.Subject
}

// addAccount keeps t as another, inactive account of provider.
func (f *fakeBackend) addAccount(provider string, t *auth.TokenSet) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.inactive == nil {
		f.inactive = map[string]*auth.TokenSet{}
	}
	f.inactive[provider+"/"+labelOf(t)] = t
}

// Accounts lists the active account, then the others by label.
func (f *fakeBackend) Accounts(_ context.Context, provider string) ([]auth.Account, error) {
	f.hook("Accounts")
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []auth.Account
	if t := f.tokens[provider]; t != nil {
		out = append(out, auth.Account{Label: labelOf(t), Active: true})
	}
	var others []string
	for k := range f.inactive {
		if p, l, _ := strings.Cut(k, "/"); p == provider {
			others = append(others, l)
		}
	}
	slices.Sort(others)
	for _, l := range others {
		out = append(out, auth.Account{Label: l})
	}
	return out, nil
}

// SwitchAccount swaps the active account with the one labelled label.
func (f *fakeBackend) SwitchAccount(_ context.Context, provider, label string) error {
	f.hook("SwitchAccount")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("SwitchAccount %s %s", provider, label)
	next := f.inactive[provider+"/"+label]
	if next == nil {
		return fmt.Errorf("%s: %w %q", provider, auth.ErrUnknownAccount, label)
	}
	delete(f.inactive, provider+"/"+label)
	if cur := f.tokens[provider]; cur != nil {
		f.inactive[provider+"/"+labelOf(cur)] = cur
	}
	f.tokens[provider] = next
	return nil
}

// promote makes the first inactive account of provider active; the lock
// is held.
func (f *fakeBackend) promote(provider string) {
	var keys []string
	for k := range f.inactive {
		if p, _, _ := strings.Cut(k, "/"); p == provider {
			keys = append(keys, k)
		}
	}
	slices.Sort(keys)
	if len(keys) > 0 {
		f.tokens[provider] = f.inactive[keys[0]]
		delete(f.inactive, keys[0])
	}
}

// ProfileEndpoint is the provider's userinfo or profile URL.
func (f *fakeBackend) ProfileEndpoint(_ context.Context, id string) (string, error) {
	f.hook("ProfileEndpoint")
	f.mu.Lock()
	defer f.mu.Unlock()
	pid, _, _ := strings.Cut(id, "/")
	p, ok := f.find(pid)
	if !ok {
		return "", fmt.Errorf("%w %q", auth.ErrUnknownProvider, id)
	}
	return nonEmpty(p.UserinfoURL, p.ProfileURL), nil
}

// OpenURL records the URL, or fails with openErr.
func (f *fakeBackend) OpenURL(u string) error {
	f.hook("OpenURL")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("OpenURL %s", u)
	return f.openErr
}

// fakeDevice is the outcome a test gives a waiting DeviceLogin.
type fakeDevice = fakeLogin

// DeviceLogin hands deviceCode to onCode, then waits for the test.
func (f *fakeBackend) DeviceLogin(ctx context.Context, id string, onCode func(auth.DeviceCode)) (*auth.TokenSet, error) {
	f.hook("DeviceLogin")
	f.mu.Lock()
	f.record("DeviceLogin %s", id)
	code, err := f.deviceCode, f.deviceErr
	f.mu.Unlock()
	if err != nil {
		return nil, err
	}
	if onCode != nil {
		onCode(code)
	}
	f.deviceStarted <- id
	var res fakeDevice
	select {
	case res = <-f.device:
	case <-ctx.Done():
		return nil, fmt.Errorf("%w; nothing was stored", auth.ErrCanceled)
	}
	if res.err != nil {
		return nil, res.err
	}
	f.storeSignIn(id, res.tokens)
	return res.tokens, nil
}

// Call records the request and answers with the next queued response, or
// callErr.
func (f *fakeBackend) Call(_ context.Context, id string, req auth.APIRequest) (*auth.APIResponse, error) {
	f.hook("Call")
	f.mu.Lock()
	defer f.mu.Unlock()
	f.record("Call %s %s %s", id, req.Method, req.URL)
	f.requests = append(f.requests, req)
	if f.callErr != nil {
		return nil, f.callErr
	}
	if f.tokens[id] == nil {
		return nil, auth.ErrNotSignedIn
	}
	f.history = append(f.history, req)
	if len(f.responses) == 0 {
		return &auth.APIResponse{Status: 204, Method: req.Method, URL: req.URL}, nil
	}
	resp := f.responses[0]
	f.responses = f.responses[1:]
	c := *resp
	c.Method, c.URL = req.Method, req.URL
	return &c, nil
}

// CallHistory returns the requests Call answered.
func (f *fakeBackend) CallHistory(string) []auth.APIRequest {
	f.hook("CallHistory")
	f.mu.Lock()
	defer f.mu.Unlock()
	return slices.Clone(f.history)
}
