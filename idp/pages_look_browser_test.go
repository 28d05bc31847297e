package idp_test

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"

	"oauthdesk/idp"
	"oauthdesk/internal/browsertest"
)

// providerPage is one page of the provider and how to reach it.
type providerPage struct {
	name string
	// open loads the page in the tab and returns its response.
	open func(t *testing.T, ctx context.Context) *network.Response
	// status is the page's expected HTTP status; form says it has fields.
	status int
	form   bool
}

// providerPages lists every kind of page the provider shows in a browser.
func providerPages(srv *idp.Server, c *client) []providerPage {
	get := func(path string) func(*testing.T, context.Context) *network.Response {
		return func(t *testing.T, ctx context.Context) *network.Response { return nav(t, ctx, srv.Issuer()+path) }
	}
	authorize := func(clientID, redirectURI string) string {
		q := authParams(redirectURI)
		q.Set("client_id", clientID)
		return "/authorize?" + q.Encode()
	}
	return []providerPage{
		{name: "login", status: 200, form: true, open: func(t *testing.T, ctx context.Context) *network.Response {
			return nav(t, ctx, c.authURL(newFlow()))
		}},
		{name: "login-wrong-password", status: 200, form: true, open: func(t *testing.T, ctx context.Context) *network.Response {
			nav(t, ctx, c.authURL(newFlow()))
			return act(t, ctx,
				chromedp.SendKeys(chromedp.CSS("#username"), "demo"),
				chromedp.SendKeys(chromedp.CSS("#password"), "nope"),
				chromedp.Click(chromedp.CSS("button.primary")))
		}},
		{name: "consent", status: 200, form: true, open: func(t *testing.T, ctx context.Context) *network.Response {
			nav(t, ctx, c.authURL(newFlow()))
			return act(t, ctx,
				chromedp.SendKeys(chromedp.CSS("#username"), "demo"),
				chromedp.SendKeys(chromedp.CSS("#password"), "demo"),
				chromedp.Click(chromedp.CSS("button.primary")))
		}},
		{name: "device", status: 200, form: true, open: get("/device")},
		{name: "device-unknown-code", status: 200, form: true, open: get("/device?user_code=BCDF-GHJK")},
		{name: "expired", status: 400, open: get("/login?id=unknown")},
		{name: "wrong-client", status: 400, open: get(authorize("no-such-client", "http://127.0.0.1:5000/callback"))},
		{name: "wrong-redirect", status: 400, open: get(authorize(idp.DemoClientID, "https://evil.example/callback"))},
		{name: "not-found", status: 404, open: get("/no/such/page")},
		{name: "signed-out", status: 200, open: get("/signed-out")},
		{name: "running", status: 200, open: get("/")},
	}
}

// header reads a response header case-insensitively.
func header(resp *network.Response, name string) string {
	for k, v := range resp.Headers {
		if strings.EqualFold(k, name) {
			return fmt.Sprint(v)
		}
	}
	return ""
}

// TestBrowserProviderPages opens every provider page in Chromium, in the
// light and the dark scheme, and checks what a picky user and a screen
// reader would: AA contrast measured from computed styles (text 4.5:1,
// field borders 3:1), the security headers on error pages too, a title of
// its own, a heading, and decorative marks hidden from screen readers.
func TestBrowserProviderPages(t *testing.T) {
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	b := browsertest.New(t)
	for _, scheme := range []string{"light", "dark"} {
		t.Run(scheme, func(t *testing.T) {
			ctx := b.Tab(t, browsertest.TabOptions{Dark: scheme == "dark"})
			titles := map[string]string{}
			for _, p := range providerPages(srv, c) {
				resp := p.open(t, ctx)
				if resp.Status != int64(p.status) {
					t.Errorf("%s: status %d, want %d", p.name, resp.Status, p.status)
				}
				for name, want := range map[string]string{
					"Content-Type":           "text/html; charset=utf-8",
					"X-Frame-Options":        "DENY",
					"X-Content-Type-Options": "nosniff",
					"Cache-Control":          "no-store",
					"Referrer-Policy":        "no-referrer",
				} {
					if got := header(resp, name); got != want {
						t.Errorf("%s: %s = %q, want %q", p.name, name, got, want)
					}
				}
				csp := header(resp, "Content-Security-Policy")
				for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "base-uri 'none'"} {
					if !strings.Contains(csp, want) {
						t.Errorf("%s: CSP %q lacks %s", p.name, csp, want)
					}
				}
				title := evalString(t, ctx, "document.title")
				if !strings.HasSuffix(title, " · oauthdesk demo provider") || evalString(t, ctx, "document.querySelector('h1').textContent") == "" {
					t.Errorf("%s: title %q", p.name, title)
				}
				titles[title] = p.name
				ax, err := browsertest.Accessibility(ctx)
				if err != nil {
					t.Fatal(err)
				}
				if hs := browsertest.ByRole(ax, "heading"); len(hs) != 1 || hs[0].Name != strings.TrimSuffix(title, " · oauthdesk demo provider") {
					t.Errorf("%s: headings as a screen reader reads them: %+v (title %q)", p.name, hs, title)
				}
				pairs, err := browsertest.Contrast(ctx)
				if err != nil {
					t.Fatal(err)
				}
				borders := 0
				for _, pr := range pairs {
					if !pr.OK() {
						t.Errorf("%s (%s): %s", p.name, scheme, pr)
					}
					if pr.Kind == "border" {
						borders++
					}
				}
				if len(pairs) < 3 || (p.form && borders == 0) {
					t.Errorf("%s: only %d pairs measured (%d borders)", p.name, len(pairs), borders)
				}
				shot(t, ctx, "idp-"+p.name+"-"+scheme)
			}
			if len(titles) < 8 {
				t.Errorf("the pages share titles: %v", titles)
			}
		})
	}
}

// TestBrowserWrongClientPage: an unknown client_id gets a real page that
// names the client ID and says what to check, not op's bare text.
func TestBrowserWrongClientPage(t *testing.T) {
	srv := startIDP(t, "")
	b := browsertest.New(t)
	ctx := b.Tab(t, browsertest.TabOptions{})
	q := authParams("http://127.0.0.1:5000/callback")
	q.Set("client_id", "typo-client")
	nav(t, ctx, srv.Issuer()+"/authorize?"+q.Encode())
	body := evalString(t, ctx, "document.body.innerText")
	for _, want := range []string{"Unknown app", "not registered", "typo-client", "Check the client ID"} {
		if !strings.Contains(body, want) {
			t.Errorf("wrong-client page lacks %q:\n%s", want, body)
		}
	}
}

// TestBrowserProviderKorean: Accept-Language ko gives the Korean pages with
// lang="ko", keep-all line breaking and the Korean font stack; en gives
// English.
func TestBrowserProviderKorean(t *testing.T) {
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	b := browsertest.New(t)
	for _, tc := range []struct {
		accept, lang, title, wordBreak string
	}{
		{"ko-KR,ko;q=0.9,en-US;q=0.8", "ko", "로그인 · oauthdesk 데모 제공자", "keep-all"},
		{"en-US,en;q=0.9,ko;q=0.5", "en", "Sign in · oauthdesk demo provider", "normal"},
	} {
		ctx := b.Tab(t, browsertest.TabOptions{AcceptLanguage: tc.accept})
		nav(t, ctx, c.authURL(newFlow()))
		if got := evalString(t, ctx, "document.documentElement.lang"); got != tc.lang {
			t.Errorf("%s: lang %q, want %q", tc.accept, got, tc.lang)
		}
		if got := evalString(t, ctx, "document.title"); got != tc.title {
			t.Errorf("%s: title %q, want %q", tc.accept, got, tc.title)
		}
		if got := evalString(t, ctx, "getComputedStyle(document.querySelector('main')).wordBreak"); got != tc.wordBreak {
			t.Errorf("%s: word-break %q, want %q", tc.accept, got, tc.wordBreak)
		}
		fonts := evalString(t, ctx, "getComputedStyle(document.body).fontFamily")
		for _, f := range []string{"Apple SD Gothic Neo", "Malgun Gothic", "Noto Sans KR"} {
			if !strings.Contains(fonts, f) {
				t.Errorf("%s: font stack %q lacks %s", tc.accept, fonts, f)
			}
		}
		if tc.lang == "ko" {
			body := evalString(t, ctx, "document.body.innerText")
			for _, want := range []string{"아이디", "비밀번호", "취소"} {
				if !strings.Contains(body, want) {
					t.Errorf("Korean login page lacks %q:\n%s", want, body)
				}
			}
			shot(t, ctx, "idp-login-ko")
			act(t, ctx,
				chromedp.SendKeys(chromedp.CSS("#username"), "demo"),
				chromedp.SendKeys(chromedp.CSS("#password"), "demo"),
				chromedp.Click(chromedp.CSS("button.primary")))
			if body := evalString(t, ctx, "document.body.innerText"); !strings.Contains(body, "범위(scope)") || !strings.Contains(body, "허용") {
				t.Errorf("Korean consent page:\n%s", body)
			}
			shot(t, ctx, "idp-consent-ko")
		}
	}
}

// TestBrowserProviderPhone: on a phone-sized screen the card keeps a margin
// and nothing is wider than the screen.
func TestBrowserProviderPhone(t *testing.T) {
	srv := startIDP(t, "")
	a := newApp(t)
	c := newClient(t, srv, idp.DemoClientID, "", a.redirectURI())
	b := browsertest.New(t)
	ctx := b.Tab(t, browsertest.TabOptions{Width: 360, Height: 740, Mobile: true, AcceptLanguage: "ko"})
	nav(t, ctx, c.authURL(newFlow()))
	checkPhoneMargins(t, ctx)
	shot(t, ctx, "idp-login-phone-ko")
}

// checkPhoneMargins checks the card's margins and that the page does not
// scroll sideways.
func checkPhoneMargins(t *testing.T, ctx context.Context) {
	t.Helper()
	got := evalString(t, ctx, `(() => { const r = document.querySelector('main').getBoundingClientRect();
		return [Math.round(r.left), Math.round(innerWidth - r.right), document.documentElement.scrollWidth - innerWidth].join(','); })()`)
	var left, right, overflow int
	if _, err := fmt.Sscanf(got, "%d,%d,%d", &left, &right, &overflow); err != nil {
		t.Fatalf("margins %q: %v", got, err)
	}
	if left < 8 || right < 8 || overflow > 0 {
		t.Errorf("on a phone: card margins %d px left and %d px right (want at least 8), %d px sideways scroll", left, right, overflow)
	}
}
