package idp_test

import (
	"bytes"
	"context"
	"log/slog"
	"net/url"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"oauthdesk/idp"
	"oauthdesk/internal/browsertest"
)

// syncBuffer is a log sink the provider and the test share.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) count(s string) int {
	b.mu.Lock()
	defer b.mu.Unlock()
	return strings.Count(b.buf.String(), s)
}

// startLoggedIDP starts a provider whose log the test can read.
func startLoggedIDP(t *testing.T) (*idp.Server, *syncBuffer) {
	t.Helper()
	log := &syncBuffer{}
	srv, err := idp.Start(t.Context(), idp.Options{Addr: "127.0.0.1:0", Logger: slog.New(slog.NewTextHandler(log, nil))})
	if err != nil {
		t.Fatalf("Start: %v", err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	return srv, log
}

// nav loads u in the tab, failing the test if it cannot.
func nav(t *testing.T, ctx context.Context, u string) *network.Response {
	t.Helper()
	resp, err := browsertest.Navigate(ctx, u)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// act runs steps that cause one navigation, failing the test if they
// cannot.
func act(t *testing.T, ctx context.Context, steps ...chromedp.Action[chromedp.Void]) *network.Response {
	t.Helper()
	resp, err := browsertest.Act(ctx, steps...)
	if err != nil {
		t.Fatal(err)
	}
	return resp
}

// back goes back in the tab's history and returns the page's status.
func back(t *testing.T, ctx context.Context) int {
	t.Helper()
	status, err := browsertest.Back(ctx)
	if err != nil {
		t.Fatal(err)
	}
	return status
}

// evalString evaluates js in the tab as a string.
func evalString(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := browsertest.Eval[string](ctx, js)
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// shot saves a screenshot when OAUTHDESK_SCREENSHOTS names a directory.
func shot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	if dir := browsertest.ScreenshotDir(); dir != "" {
		if err := browsertest.Screenshot(ctx, filepath.Join(dir, name+".png")); err != nil {
			t.Error(err)
		}
	}
}

// TestBrowserLoginCancel: Cancel on the login page sends the browser back
// to the app at once with error=access_denied, the request's state and iss.
func TestBrowserLoginCancel(t *testing.T) {
	b := browsertest.New(t)
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	f := newFlow()
	ctx := b.Tab(t, browsertest.TabOptions{})
	resp := nav(t, ctx, c.authURL(f))
	if resp.Status != 200 || !strings.HasPrefix(evalString(t, ctx, "document.title"), "Sign in · ") {
		t.Fatalf("login page: status %d, title %q", resp.Status, evalString(t, ctx, "document.title"))
	}
	act(t, ctx, chromedp.Click(chromedp.CSS("button[name=cancel]")))
	got := a.response(t)
	if got.Get("error") != "access_denied" || got.Get("state") != f.state || got.Get("iss") != srv.Issuer() || got.Has("code") {
		t.Errorf("authorization response after Cancel: %v", got)
	}
	// Back to the login page: the request is answered, so a calm page.
	if status := back(t, ctx); status != 200 || evalString(t, ctx, "document.querySelector('.error') ? 'error' : document.querySelector('h1').textContent") != "Sign-in finished" {
		t.Errorf("Back after Cancel: status %d, %q", status, evalString(t, ctx, "document.body.innerText"))
	}
}

// TestBrowserWrongPassword: after a wrong password the form comes back by
// post/redirect/get (a reload posts nothing), the focus is in the password
// field, and the error is tied to both fields.
func TestBrowserWrongPassword(t *testing.T) {
	b := browsertest.New(t)
	srv, log := startLoggedIDP(t)
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	ctx := b.Tab(t, browsertest.TabOptions{})
	nav(t, ctx, c.authURL(newFlow()))
	if got := evalString(t, ctx, "document.activeElement.id"); got != "username" {
		t.Errorf("focus on the fresh login page: %q, want username", got)
	}
	act(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#username"), "demo"),
		chromedp.SendKeys(chromedp.CSS("#password"), "wrong"),
		chromedp.Click(chromedp.CSS("button.primary")),
	)
	loc, err := browsertest.Location(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if u, _ := url.Parse(loc); u.Path != "/login" || u.Query().Get("failed") != "1" {
		t.Errorf("after a wrong password the browser is at %s, want GET /login?…&failed=1", loc)
	}
	checks := map[string]string{
		"document.activeElement.id": "password",
		"document.querySelector('#username').getAttribute('aria-describedby')": "login-error",
		"document.querySelector('#password').getAttribute('aria-describedby')": "login-error",
		"document.querySelector('#password').getAttribute('aria-invalid')":     "true",
		"document.querySelector('#login-error').getAttribute('role')":          "alert",
		"document.querySelector('#username').value":                            "demo",
		"document.querySelector('#password').value":                            "",
	}
	for js, want := range checks {
		if got := evalString(t, ctx, js); got != want {
			t.Errorf("%s = %q, want %q", js, got, want)
		}
	}
	ax, err := browsertest.Accessibility(ctx)
	if err != nil {
		t.Fatal(err)
	}
	described := 0
	for _, n := range browsertest.ByRole(ax, "textbox") {
		if n.Description == "The username or password is wrong. Check both and try again." {
			described++
		}
	}
	if described != 2 {
		t.Errorf("%d fields carry the error as their description, want 2 (username and password): %+v", described, browsertest.ByRole(ax, "textbox"))
	}
	if n := log.count("sign-in failed"); n != 1 {
		t.Fatalf("%d failed logins logged before the reload, want 1", n)
	}
	resp := act(t, ctx, chromedp.Reload())
	if n := log.count("sign-in failed"); n != 1 || resp.Status != 200 {
		t.Errorf("reload: status %d, %d failed logins logged (a re-post would make 2)", resp.Status, n)
	}
	if !strings.Contains(evalString(t, ctx, "document.body.innerText"), "The username or password is wrong") {
		t.Error("the error is gone after the reload")
	}
	// Then the right password goes on to consent.
	act(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#password"), "demo"),
		chromedp.Click(chromedp.CSS("button.primary")),
	)
	if got := evalString(t, ctx, "document.title"); !strings.HasPrefix(got, "Allow access? · ") {
		t.Errorf("after the right password: title %q", got)
	}
}

// TestBrowserBackAfterSuccess: Back from the app's page after Allow shows a
// calm "finished" page, not a red error.
func TestBrowserBackAfterSuccess(t *testing.T) {
	b := browsertest.New(t)
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	ctx := b.Tab(t, browsertest.TabOptions{})
	nav(t, ctx, c.authURL(newFlow()))
	signInAndAllow(t, ctx)
	if got := a.response(t); !got.Has("code") {
		t.Fatalf("no code: %v", got)
	}
	status := back(t, ctx)
	body := evalString(t, ctx, "document.body.innerText")
	if status != 200 || !strings.Contains(body, "Sign-in finished") || evalString(t, ctx, "String(!!document.querySelector('.error, .tone-bad'))") != "false" {
		t.Errorf("Back after Allow: status %d\n%s", status, body)
	}
}

// signInAndAllow types demo/demo and allows on the consent page.
func signInAndAllow(t *testing.T, ctx context.Context) {
	t.Helper()
	act(t, ctx,
		chromedp.SendKeys(chromedp.CSS("#username"), "demo"),
		chromedp.SendKeys(chromedp.CSS("#password"), "demo"),
		chromedp.Click(chromedp.CSS("button.primary")),
	)
	act(t, ctx, chromedp.Click(chromedp.CSS("button[value=allow]")))
}
