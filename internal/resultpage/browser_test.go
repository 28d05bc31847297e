package resultpage_test

import (
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/network"

	"oauthdesk/internal/browsertest"
	"oauthdesk/internal/resultpage"
)

// kinds are every page, with the fields the listener fills for it.
var kinds = map[string]resultpage.Outcome{
	"success":       {Kind: resultpage.Success, Provider: "Demo provider (local)", Account: "demo@example.com"},
	"declined":      {Kind: resultpage.Declined, Provider: "Demo provider (local)", ErrorCode: "access_denied", ErrorDescription: "The user denied the request."},
	"failed":        {Kind: resultpage.Failed, Provider: "Demo provider (local)", Reason: "exchanging the authorization code: the provider answered invalid_grant (the code has expired)"},
	"failed-error":  {Kind: resultpage.Failed, Provider: "카카오", ErrorCode: "invalid_scope", ErrorDescription: "<b>scope</b> not allowed"},
	"state-waiting": {Kind: resultpage.StateMismatch, StillWaiting: true},
	"state-ended":   {Kind: resultpage.StateMismatch},
	"finishing":     {Kind: resultpage.Finishing},
	"handled":       {Kind: resultpage.AlreadyHandled},
	"start-used":    {Kind: resultpage.StartUsed},
	"not-found":     {Kind: resultpage.NotFound},
	"wrong-host":    {Kind: resultpage.WrongHost},
	"foreign-user":  {Kind: resultpage.ForeignUser},
}

// serve starts a server that renders /NAME as the listener would.
func serve(t *testing.T) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		o, ok := kinds[strings.TrimPrefix(r.URL.Path, "/")]
		if !ok {
			http.NotFound(w, r)
			return
		}
		resultpage.Render(w, r.Header.Get("Accept-Language"), o)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func header(resp *network.Response, name string) string {
	for k, v := range resp.Headers {
		if strings.EqualFold(k, name) {
			return fmt.Sprint(v)
		}
	}
	return ""
}

// TestBrowserResultPages opens every listener page in Chromium in both
// schemes and both languages: AA contrast from computed styles, the
// listener's headers, lang, a title per page, marks hidden from screen
// readers, the Declined wording, and the provider's text escaped.
func TestBrowserResultPages(t *testing.T) {
	srv := serve(t)
	b := browsertest.New(t)
	for _, scheme := range []string{"light", "dark"} {
		for _, lang := range []string{"en", "ko"} {
			t.Run(scheme+"-"+lang, func(t *testing.T) {
				ctx := b.Tab(t, browsertest.TabOptions{Dark: scheme == "dark", AcceptLanguage: lang})
				titles := map[string]bool{}
				for name, o := range kinds {
					resp, err := browsertest.Navigate(ctx, srv.URL+"/"+name)
					if err != nil {
						t.Fatal(err)
					}
					if resp.Status != int64(resultpage.Status(o.Kind)) {
						t.Errorf("%s: status %d", name, resp.Status)
					}
					csp := header(resp, "Content-Security-Policy")
					for _, want := range []string{"default-src 'none'", "frame-ancestors 'none'", "form-action 'none'", "base-uri 'none'"} {
						if !strings.Contains(csp, want) {
							t.Errorf("%s: CSP %q lacks %s", name, csp, want)
						}
					}
					if got := header(resp, "X-Frame-Options"); got != "DENY" {
						t.Errorf("%s: X-Frame-Options %q", name, got)
					}
					get := func(js string) string {
						v, err := browsertest.Eval[string](ctx, js)
						if err != nil {
							t.Fatalf("%s: %s: %v", name, js, err)
						}
						return v
					}
					if got := get("document.documentElement.lang"); got != lang {
						t.Errorf("%s: lang %q", name, got)
					}
					titles[get("document.title")] = true
					if n := get("String(document.querySelectorAll('.mark:not([aria-hidden=true])').length)"); n != "0" {
						t.Errorf("%s: %s marks read out", name, n)
					}
					ax, err := browsertest.Accessibility(ctx)
					if err != nil {
						t.Fatal(err)
					}
					if hs := browsertest.ByRole(ax, "heading"); len(hs) != 1 || strings.ContainsAny(hs[0].Name, "✓!–…") || hs[0].Name != strings.TrimSuffix(get("document.title"), " · oauthdesk") {
						t.Errorf("%s: headings as a screen reader reads them: %+v", name, hs)
					}
					body := get("document.body.innerText")
					if get("String(document.querySelectorAll('b').length)") != "0" || (name == "failed-error" && !strings.Contains(body, "<b>scope</b> not allowed")) {
						t.Errorf("%s: provider text not escaped:\n%s", name, body)
					}
					if name == "declined" {
						want := map[string]string{"en": "You declined. Nothing was stored. Start again from oauthdesk when you want.", "ko": "로그인을 거부했습니다."}[lang]
						if !strings.Contains(body, want) || strings.Contains(body, "failed") || get("String(!!document.querySelector('.tone-bad'))") != "false" {
							t.Errorf("declined page reads like a failure:\n%s", body)
						}
					}
					pairs, err := browsertest.Contrast(ctx)
					if err != nil {
						t.Fatal(err)
					}
					for _, p := range pairs {
						if !p.OK() {
							t.Errorf("%s (%s, %s): %s", name, scheme, lang, p)
						}
					}
					if len(pairs) < 3 {
						t.Errorf("%s: only %d pairs measured", name, len(pairs))
					}
					if dir := browsertest.ScreenshotDir(); dir != "" && (name == "success" || name == "declined" || name == "failed" || name == "state-waiting") {
						_ = browsertest.Screenshot(ctx, filepath.Join(dir, "result-"+name+"-"+scheme+"-"+lang+".png"))
					}
				}
				if len(titles) != len(kinds)-2 { // the two failed and the two state pages share titles
					t.Errorf("%d titles for %d pages: %v", len(titles), len(kinds), titles)
				}
			})
		}
	}
}

// TestBrowserResultPagePhone: on a phone the result page has margins and
// the card looks like the provider's (same width limit and shadow).
func TestBrowserResultPagePhone(t *testing.T) {
	srv := serve(t)
	b := browsertest.New(t)
	ctx := b.Tab(t, browsertest.TabOptions{Width: 360, Height: 740, Mobile: true})
	if _, err := browsertest.Navigate(ctx, srv.URL+"/failed"); err != nil {
		t.Fatal(err)
	}
	got, err := browsertest.Eval[string](ctx, `(() => { const m = document.querySelector('main'), r = m.getBoundingClientRect(), cs = getComputedStyle(m);
		return [Math.round(r.left), Math.round(innerWidth - r.right), document.documentElement.scrollWidth - innerWidth, cs.maxWidth, cs.boxShadow === 'none' ? 0 : 1].join(','); })()`)
	if err != nil {
		t.Fatal(err)
	}
	f := strings.Split(got, ",")
	left, _ := strconv.Atoi(f[0])
	right, _ := strconv.Atoi(f[1])
	if left < 8 || right < 8 || f[2] != "0" || f[3] != "420px" || f[4] != "1" {
		t.Errorf("on a phone: left %s px, right %s px, sideways scroll %s px, max-width %s, shadow %s", f[0], f[1], f[2], f[3], f[4])
	}
	if dir := browsertest.ScreenshotDir(); dir != "" {
		_ = browsertest.Screenshot(ctx, filepath.Join(dir, "result-failed-phone.png"))
	}
}
