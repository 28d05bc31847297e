package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"oauthdesk/auth/store"
	"oauthdesk/idp"
	"oauthdesk/internal/testbrowser"
)

// deviceScript is a device authorization endpoint on 127.0.0.1 and a
// scripted device_code grant at a testOP's token endpoint: each poll gets
// the next answer ("ok" issues tokens), and the times of the device
// request and of every poll are kept, so that tests can measure spacing.
type deviceScript struct {
	op  *testOP
	srv *httptest.Server

	mu        sync.Mutex
	status    int    // the device endpoint's status; 0 means 200
	deviceErr string // the device endpoint's OAuth error, with status
	interval  int    // interval in the device response; 0 leaves it out
	expiresIn int
	answers   []string
	issuedAt  time.Time
	polls     []time.Time
	authHdr   string     // the device request's Authorization header
	form      url.Values // the device request's form
}

func newDeviceScript(t *testing.T, op *testOP, answers ...string) *deviceScript {
	t.Helper()
	ds := &deviceScript{op: op, interval: 1, expiresIn: 600, answers: answers}
	ds.srv = httptest.NewServer(http.HandlerFunc(ds.device))
	t.Cleanup(ds.srv.Close)
	op.mu.Lock()
	op.token = ds.token
	op.mu.Unlock()
	return ds
}

func (ds *deviceScript) device(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	ds.mu.Lock()
	defer ds.mu.Unlock()
	ds.form, ds.authHdr = r.PostForm, r.Header.Get("Authorization")
	if ds.status != 0 {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(ds.status)
		w.Write([]byte(`{"error":"` + ds.deviceErr + `"}`))
		return
	}
	ds.issuedAt = time.Now()
	resp := map[string]any{
		"device_code":               "dc-secret-device-code",
		"user_code":                 "WDJB-MJHT",
		"verification_uri":          ds.op.issuer() + "/device",
		"verification_uri_complete": ds.op.issuer() + "/device?user_code=WDJB-MJHT",
		"expires_in":                ds.expiresIn,
	}
	if ds.interval > 0 {
		resp["interval"] = ds.interval
	}
	writeTestJSON(w, resp)
}

func (ds *deviceScript) token(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	if r.Form.Get("grant_type") != GrantDeviceCode || r.Form.Get("device_code") != "dc-secret-device-code" {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(400)
		w.Write([]byte(`{"error":"invalid_grant"}`))
		return
	}
	ds.mu.Lock()
	ds.polls = append(ds.polls, time.Now())
	answer := "authorization_pending"
	if len(ds.answers) > 0 {
		answer, ds.answers = ds.answers[0], ds.answers[1:]
	}
	ds.mu.Unlock()
	if answer == "ok" {
		writeTestJSON(w, map[string]any{
			"access_token": "at-device", "token_type": "Bearer", "expires_in": 3600,
			"refresh_token": "rt-device", "scope": "openid profile", "id_token": ds.op.idToken(),
		})
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(400)
	w.Write([]byte(`{"error":"` + answer + `"}`))
}

// pollTimes returns the device request's time and the polls' times.
func (ds *deviceScript) pollTimes() (time.Time, []time.Time) {
	ds.mu.Lock()
	defer ds.mu.Unlock()
	return ds.issuedAt, append([]time.Time(nil), ds.polls...)
}

// deviceEngine is testEngine with the provider's device_auth_url set to
// ds, and extra TOML lines for the provider.
func deviceEngine(t *testing.T, op *testOP, ds *deviceScript, extra string) *Engine {
	t.Helper()
	dir := t.TempDir()
	cfg := "[[providers]]\nid = \"op\"\npreset = \"oidc\"\nissuer = \"" + op.issuer() + "\"\nclient_id = \"client-1\"\nscopes = [\"openid\", \"profile\"]\n"
	if ds != nil {
		cfg += "device_auth_url = \"" + ds.srv.URL + "/device_authorization\"\n"
	}
	cfg += extra
	path := filepath.Join(dir, "providers.toml")
	if err := os.WriteFile(path, []byte(cfg), 0o600); err != nil {
		t.Fatal(err)
	}
	e, err := New(Options{
		ConfigPath:  path,
		Store:       store.NewFileStore(filepath.Join(dir, "tokens.json")),
		LockDir:     filepath.Join(dir, "locks"),
		HTTPTimeout: 2 * time.Second,
		OpenBrowser: func(string) error { t.Error("the device flow opened a browser"); return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e
}

func TestDeviceLoginPollsUntilApproved(t *testing.T) {
	t.Parallel()
	op := newTestOP(t)
	ds := newDeviceScript(t, op, "authorization_pending", "ok")
	e := deviceEngine(t, op, ds, "")
	var got []DeviceCode
	ts, err := e.DeviceLogin(context.Background(), "op", func(c DeviceCode) { got = append(got, c) })
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 1 || got[0].UserCode != "WDJB-MJHT" || got[0].VerificationURI != op.issuer()+"/device" ||
		got[0].VerificationURIComplete != op.issuer()+"/device?user_code=WDJB-MJHT" || got[0].Interval != time.Second ||
		time.Until(got[0].ExpiresAt) < 9*time.Minute {
		t.Fatalf("onCode got %+v", got)
	}
	if ts.AccessToken != "at-device" || ts.Subject != "user-1" || ts.Account != "test@example.com" || ts.Grant != GrantDeviceCode || ts.IDToken == "" {
		t.Fatalf("token set: %+v", ts)
	}
	if stored, err := e.Stored("op"); err != nil || stored.RefreshToken != "rt-device" {
		t.Fatalf("not stored: %v %+v", err, stored)
	}
	ds.mu.Lock()
	form, authHdr := ds.form, ds.authHdr
	ds.mu.Unlock()
	if form.Get("client_id") != "client-1" || form.Get("scope") != "openid profile" || form.Has("client_secret") || authHdr != "" {
		t.Fatalf("device request: form %v, Authorization %q", form, authHdr)
	}
	// The flow log has the device request and each poll.
	kinds := map[string]int{}
	for _, s := range e.FlowLog("op") {
		kinds[s.Kind]++
		if s.Kind == "token" && strings.Contains(string(s.Redacted().RequestBody), "dc-secret") {
			t.Errorf("a redacted poll shows the device code: %s", s.Redacted().RequestBody)
		}
	}
	if kinds["device"] != 1 || kinds["token"] != 2 {
		t.Fatalf("flow log kinds: %v", kinds)
	}
}

// TestDeviceLoginSlowDown: slow_down makes every later poll wait 5 s more
// (RFC 8628 §3.5), measured where the polls arrive.
func TestDeviceLoginSlowDown(t *testing.T) {
	t.Parallel()
	op := newTestOP(t)
	ds := newDeviceScript(t, op, "slow_down", "ok")
	e := deviceEngine(t, op, ds, "")
	if _, err := e.DeviceLogin(context.Background(), "op", nil); err != nil {
		t.Fatal(err)
	}
	issued, polls := ds.pollTimes()
	if len(polls) != 2 {
		t.Fatalf("%d polls, want 2", len(polls))
	}
	first, second := polls[0].Sub(issued), polls[1].Sub(polls[0])
	if first < 900*time.Millisecond || first > 3*time.Second {
		t.Errorf("first poll after %s, want the interval (1s)", first)
	}
	if second < 5900*time.Millisecond {
		t.Errorf("poll after slow_down came %s later, want the interval plus 5s (6s)", second)
	}
}

// TestDeviceLoginFailures: every way a device sign-in ends without tokens
// gives its own clear error and stores nothing.
func TestDeviceLoginFailures(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name     string
		answers  []string
		setup    func(ds *deviceScript)
		ctx      func() (context.Context, context.CancelFunc)
		wantIs   error
		wantCode string
		wantText string
	}{
		{name: "expired_token", answers: []string{"authorization_pending", "expired_token"}, wantIs: ErrDeviceCodeExpired, wantText: "start the device sign-in again"},
		{name: "access_denied", answers: []string{"access_denied"}, wantCode: "access_denied", wantText: "consent was declined"},
		{name: "code lifetime runs out while polling", setup: func(ds *deviceScript) { ds.expiresIn, ds.interval = 1, 2 }, wantIs: ErrDeviceCodeExpired},
		{name: "timeout", ctx: func() (context.Context, context.CancelFunc) {
			return context.WithTimeout(context.Background(), 1500*time.Millisecond)
		}, wantIs: ErrTimeout},
		{name: "canceled", ctx: func() (context.Context, context.CancelFunc) {
			ctx, cancel := context.WithCancel(context.Background())
			time.AfterFunc(300*time.Millisecond, cancel)
			return ctx, cancel
		}, wantIs: ErrCanceled},
		{name: "device endpoint refuses the client", setup: func(ds *deviceScript) { ds.status, ds.deviceErr = 400, "unauthorized_client" }, wantCode: "unauthorized_client"},
		{name: "unknown error code", answers: []string{"server_error"}, wantCode: "server_error"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			op := newTestOP(t)
			ds := newDeviceScript(t, op, tt.answers...)
			if tt.setup != nil {
				tt.setup(ds)
			}
			e := deviceEngine(t, op, ds, "")
			storeEarlier(t, e)
			ctx, cancel := context.Background(), context.CancelFunc(func() {})
			if tt.ctx != nil {
				ctx, cancel = tt.ctx()
			}
			defer cancel()
			ts, err := e.DeviceLogin(ctx, "op", nil)
			if err == nil {
				t.Fatalf("device sign-in succeeded: %+v", ts)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Fatalf("got %v, want %v", err, tt.wantIs)
			}
			var pe *ProviderError
			if tt.wantCode != "" && (!errors.As(err, &pe) || pe.Code != tt.wantCode) {
				t.Fatalf("got %v, want a ProviderError %s", err, tt.wantCode)
			}
			if tt.wantText != "" && !strings.Contains(err.Error(), tt.wantText) {
				t.Fatalf("got %q, want it to mention %q", err, tt.wantText)
			}
			for _, secret := range []string{"dc-secret", "at-", "rt-"} {
				if strings.Contains(err.Error(), secret) {
					t.Fatalf("error %q leaks a secret", err)
				}
			}
			assertEarlierIntact(t, e)
		})
	}
}

func TestDeviceLoginNotSupported(t *testing.T) {
	t.Parallel()
	op := newTestOP(t) // its discovery names no device_authorization_endpoint
	e := deviceEngine(t, op, nil, "")
	_, err := e.DeviceLogin(context.Background(), "op", func(DeviceCode) { t.Error("onCode called") })
	if !errors.Is(err, ErrNotSupported) || !strings.Contains(err.Error(), "device authorization endpoint") {
		t.Fatalf("got %v, want ErrNotSupported naming the device authorization endpoint", err)
	}
	if _, err := e.Stored("op"); !errors.Is(err, ErrNotSignedIn) {
		t.Fatalf("something was stored: %v", err)
	}
}

// TestDeviceLoginConfidentialClient: a client with a secret authenticates
// at the device endpoint as at the token endpoint (HTTP Basic here).
func TestDeviceLoginConfidentialClient(t *testing.T) {
	t.Parallel()
	op := newTestOP(t)
	ds := newDeviceScript(t, op, "ok")
	e := deviceEngine(t, op, ds, "client_secret = \"s3cret\"\n")
	if _, err := e.DeviceLogin(context.Background(), "op", nil); err != nil {
		t.Fatal(err)
	}
	ds.mu.Lock()
	defer ds.mu.Unlock()
	if !strings.HasPrefix(ds.authHdr, "Basic ") || ds.form.Has("client_secret") {
		t.Fatalf("device request not authenticated with Basic: %q %v", ds.authHdr, ds.form)
	}
}

// idpEngine is an engine whose demo provider is a real idp on a free port.
func idpEngine(t *testing.T) (*Engine, *idp.Server) {
	t.Helper()
	dir := t.TempDir()
	srv, err := idp.Start(context.Background(), idp.Options{Addr: "127.0.0.1:0", DataDir: filepath.Join(dir, "idp")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { srv.Close() })
	e, err := New(Options{
		ConfigPath:  filepath.Join(dir, "providers.toml"),
		Store:       store.NewFileStore(filepath.Join(dir, "tokens.json")),
		LockDir:     filepath.Join(dir, "locks"),
		HTTPTimeout: 5 * time.Second,
		Demo:        &Demo{Issuer: srv.Issuer()},
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { e.Close() })
	return e, srv
}

// approveWith returns an onCode that has the scripted browser answer the
// verification page with action, and a function that waits for it.
func approveWith(t *testing.T, action string) (func(DeviceCode), func() string) {
	done := make(chan string, 1)
	return func(c DeviceCode) {
			go func() {
				ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
				defer cancel()
				_, body, err := testbrowser.Visit(ctx, c.VerificationURIComplete, testbrowser.Options{Action: action})
				if err != nil {
					t.Errorf("browser: %v", err)
				}
				done <- body
			}()
		}, func() string {
			select {
			case b := <-done:
				return b
			case <-time.After(30 * time.Second):
				t.Fatal("the browser did not finish")
				return ""
			}
		}
}

// TestDeviceLoginAgainstIdP signs in with the device grant at the real
// provider, the scripted browser approving on its verification page; then
// a denial there stores nothing.
func TestDeviceLoginAgainstIdP(t *testing.T) {
	t.Parallel()
	e, srv := idpEngine(t)
	onCode, wait := approveWith(t, "allow")
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	ts, err := e.DeviceLogin(ctx, DemoID, onCode)
	if page := wait(); !strings.Contains(page, "Device connected") {
		t.Errorf("verification page ended on:\n%s", page)
	}
	if err != nil {
		t.Fatal(err)
	}
	if ts.Subject != "demo-user-0001" || ts.Account != "demo@example.com" || ts.RefreshToken == "" || ts.Issuer != srv.Issuer() {
		t.Fatalf("token set: %+v", ts)
	}
	if _, err := e.Refresh(ctx, DemoID); err != nil {
		t.Fatalf("refreshing a device session: %v", err)
	}
	before, _ := e.Stored(DemoID)

	onCode, wait = approveWith(t, "deny")
	_, err = e.DeviceLogin(ctx, DemoID, onCode)
	wait()
	var pe *ProviderError
	if !errors.As(err, &pe) || pe.Code != "access_denied" {
		t.Fatalf("denied: got %v, want access_denied", err)
	}
	if after, _ := e.Stored(DemoID); after == nil || after.AccessToken != before.AccessToken {
		t.Fatal("a denied device sign-in changed the stored session")
	}
}

// TestEngineOpenURLGatedWithCustomOpener (issue 7 item 2):
// Options.OpenBrowser replaces the opener, not the gate.
func TestEngineOpenURLGatedWithCustomOpener(t *testing.T) {
	var opened []string
	dir := t.TempDir()
	e, err := New(Options{ConfigPath: filepath.Join(dir, "p.toml"), Store: store.NewFileStore(filepath.Join(dir, "t.json")),
		OpenBrowser: func(u string) error { opened = append(opened, u); return nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer e.Close()
	for _, u := range []string{"javascript:alert(1)", "file:///etc/passwd", "--gpu-launcher=/bin/sh -c id"} {
		if err := e.OpenURL(u); !errors.Is(err, ErrUnsafeURL) {
			t.Errorf("OpenURL(%q) = %v, want ErrUnsafeURL", u, err)
		}
	}
	if len(opened) != 0 {
		t.Fatalf("opened %v", opened)
	}
}
