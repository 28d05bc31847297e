package e2e

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"oauthdesk/idp"
	"oauthdesk/internal/browsertest"
)

// chromeLogin is `oauthdesk login demo` whose browser is a real headless
// Chromium: $BROWSER only writes the URL down, and the test opens it in a
// tab.
type chromeLogin struct {
	cmd            *exec.Cmd
	stdout, stderr bytes.Buffer
	done           chan error
}

// startChromeLogin runs the login with a demo provider that the test
// keeps serving (so Back still reaches it after the CLI exits), and
// returns the URL the CLI asked the browser to open.
func startChromeLogin(t *testing.T, e *env) (*chromeLogin, string) {
	t.Helper()
	srv, err := idp.Start(t.Context(), idp.Options{Addr: e.demo, DataDir: filepath.Join(e.vars["OAUTHDESK_DATA_DIR"], "demo-idp")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = srv.Close() })
	urlFile := filepath.Join(e.dir, "browser-url")
	script := filepath.Join(e.dir, "browser.sh")
	if err := os.WriteFile(script, []byte("#!/bin/sh\nprintf '%s\\n' \"$1\" > "+urlFile+".tmp && mv "+urlFile+".tmp "+urlFile+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	e.vars["BROWSER"] = script
	l := &chromeLogin{done: make(chan error, 1)}
	l.cmd = exec.Command(binary, "login", "demo", "--timeout", "45s")
	l.cmd.Env = e.environ()
	l.cmd.Stdout, l.cmd.Stderr = &l.stdout, &l.stderr
	if err := l.cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { l.done <- l.cmd.Wait() }()
	t.Cleanup(func() { _ = l.cmd.Process.Kill() })
	deadline := time.After(30 * time.Second)
	for {
		if data, err := os.ReadFile(urlFile); err == nil {
			return l, strings.TrimSpace(string(data))
		}
		select {
		case err := <-l.done:
			t.Fatalf("login ended before opening the browser: %v\n%s", err, l.stderr.String())
		case <-deadline:
			t.Fatal("login never opened the browser")
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// wait returns the CLI's exit code.
func (l *chromeLogin) wait(t *testing.T) int {
	t.Helper()
	select {
	case err := <-l.done:
		if ee, ok := err.(*exec.ExitError); ok {
			return ee.ExitCode()
		}
		if err != nil {
			t.Fatal(err)
		}
		return 0
	case <-time.After(50 * time.Second):
		t.Fatal("login did not end")
		return -1
	}
}

// evalIn evaluates js in the tab as a string.
func evalIn(t *testing.T, ctx context.Context, js string) string {
	t.Helper()
	v, err := browsertest.Eval[string](ctx, js)
	if err != nil {
		t.Fatalf("%s: %v", js, err)
	}
	return v
}

// shotIn saves a screenshot when OAUTHDESK_SCREENSHOTS is set.
func shotIn(t *testing.T, ctx context.Context, name string) {
	if dir := browsertest.ScreenshotDir(); dir != "" {
		if err := browsertest.Screenshot(ctx, filepath.Join(dir, name+".png")); err != nil {
			t.Error(err)
		}
	}
}

// TestBrowserCLISignInKorean: a real Chromium asking for Korean in dark
// mode signs in through the CLI. The listener's page is Korean, meets AA
// contrast, carries the listener's headers, looks like the provider's
// card; Back then shows the provider's calm "finished" page.
func TestBrowserCLISignInKorean(t *testing.T) {
	e := newEnv(t)
	b := browsertest.New(t)
	l, u := startChromeLogin(t, e)
	ctx := b.Tab(t, browsertest.TabOptions{AcceptLanguage: "ko-KR,ko;q=0.9,en;q=0.5", Dark: true})
	if _, err := browsertest.Navigate(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := browsertest.Act(ctx,
		chromedp.SendKeys(chromedp.CSS("#username"), "demo"),
		chromedp.SendKeys(chromedp.CSS("#password"), "demo"),
		chromedp.Click(chromedp.CSS("button.primary"))); err != nil {
		t.Fatal(err)
	}
	resp, err := browsertest.Act(ctx, chromedp.Click(chromedp.CSS("button[value=allow]")))
	if err != nil {
		t.Fatal(err)
	}
	if code := l.wait(t); code != 0 {
		t.Fatalf("login exit %d\n%s", code, l.stderr.String())
	}
	if resp.Status != 200 || evalIn(t, ctx, "document.documentElement.lang") != "ko" || evalIn(t, ctx, "document.title") != "로그인 완료 · oauthdesk" {
		t.Errorf("result page: status %d, lang %q, title %q", resp.Status, evalIn(t, ctx, "document.documentElement.lang"), evalIn(t, ctx, "document.title"))
	}
	csp := fmt.Sprint(resp.Headers["Content-Security-Policy"])
	for _, want := range []string{"frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'"} {
		if !strings.Contains(csp, want) {
			t.Errorf("result page CSP %q lacks %s", csp, want)
		}
	}
	if got := fmt.Sprint(resp.Headers["X-Frame-Options"]); got != "DENY" {
		t.Errorf("result page X-Frame-Options %q", got)
	}
	pairs, err := browsertest.Contrast(ctx)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range pairs {
		if !p.OK() {
			t.Errorf("result page: %s", p)
		}
	}
	if got := evalIn(t, ctx, "getComputedStyle(document.querySelector('main')).maxWidth + ' ' + getComputedStyle(document.querySelector('main')).wordBreak"); got != "420px keep-all" {
		t.Errorf("result card: %q, want the provider's 420px card with keep-all", got)
	}
	shotIn(t, ctx, "e2e-result-success-dark-ko")
	status, err := browsertest.Back(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if body := evalIn(t, ctx, "document.body.innerText"); status != 200 || !strings.Contains(body, "로그인 완료") || evalIn(t, ctx, "String(!!document.querySelector('.tone-bad, .error'))") != "false" {
		t.Errorf("Back after the sign-in: status %d\n%s", status, body)
	}
	shotIn(t, ctx, "e2e-back-after-success-dark-ko")
}

// TestBrowserCLICancel: Cancel on the provider's login page answers the
// CLI with access_denied at once (not at its timeout), stores nothing, and
// the page reads as the person's own choice.
func TestBrowserCLICancel(t *testing.T) {
	e := newEnv(t)
	b := browsertest.New(t)
	l, u := startChromeLogin(t, e)
	ctx := b.Tab(t, browsertest.TabOptions{})
	if _, err := browsertest.Navigate(ctx, u); err != nil {
		t.Fatal(err)
	}
	if _, err := browsertest.Act(ctx, chromedp.Click(chromedp.CSS("button[name=cancel]"))); err != nil {
		t.Fatalf("%v\nCLI: %s", err, l.stderr.String())
	}
	code := l.wait(t)
	r := result{code: code, stdout: l.stdout.String(), stderr: l.stderr.String()}
	assertOneLineError(t, r, "access_denied")
	if strings.Contains(r.stderr, "timed out") {
		t.Errorf("the CLI waited for its timeout:\n%s", r.stderr)
	}
	body := evalIn(t, ctx, "document.body.innerText")
	if !strings.Contains(body, "You declined. Nothing was stored. Start again from oauthdesk when you want.") || strings.Contains(body, "failed") {
		t.Errorf("the page after Cancel:\n%s", body)
	}
	shotIn(t, ctx, "e2e-result-cancel-light-en")
	assertOneLineError(t, e.run("token", "demo"), "not signed in")
}
