// Package testbrowser is a scripted browser for end-to-end tests and
// benchmarks. It does what a person at a real browser does with oauthdesk's
// demo provider (package idp): open the authorization URL, fill in the
// login form, answer the consent page, follow every redirect over real
// HTTP with a cookie jar, and finally load the app's loopback redirect URI.
//
// It recognizes pages by their forms, not by URLs: a form with a password
// field is a login form (fields username and password), and a form with
// submit buttons named "action" is a consent form (values "allow" and
// "deny"). Any other page is the final page.
package testbrowser

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"strings"
	"time"
)

// Options says how the scripted person answers.
type Options struct {
	// Username and Password are typed into the login form; empty means
	// "demo".
	Username, Password string
	// Action is the consent answer: "allow" (the default) or "deny".
	Action string
	// StopAtRedirect stops when the provider redirects to the authorize
	// URL's redirect_uri, without loading it: Visit then returns status
	// 302 and that URL as the body, as a person would copy it from the
	// address bar of a browser on another machine.
	StopAtRedirect bool
	// RedirectURI is where StopAtRedirect stops when the authorize URL
	// does not name it (a pushed request, RFC 9126, carries only
	// client_id and request_uri); empty means the URL's redirect_uri.
	RedirectURI string
}

// ErrLoginFailed means the login form came back after the credentials were
// submitted: the provider rejected them.
var ErrLoginFailed = errors.New("testbrowser: the login form came back: the provider rejected the username or password")

// maxSteps bounds how many forms one visit submits.
const maxSteps = 8

// maxBody bounds how much of a page is read.
const maxBody = 4 << 20

// Visit opens authURL, logs in, answers consent, follows redirects and
// finally loads the page the provider redirects to (the app's loopback
// redirect URI), returning that final page's status and body. An error
// means the navigation could not be completed; an error page at the end is
// not an error. If the provider rejects the credentials, Visit returns the
// login page it showed again, with ErrLoginFailed.
func Visit(ctx context.Context, authURL string, o Options) (status int, body string, err error) {
	if o.Username == "" {
		o.Username = "demo"
	}
	if o.Password == "" {
		o.Password = "demo"
	}
	switch o.Action {
	case "":
		o.Action = "allow"
	case "allow", "deny":
	default:
		return 0, "", fmt.Errorf("testbrowser: action %q: want allow or deny", o.Action)
	}
	u, err := url.Parse(authURL)
	if err != nil || (u.Scheme != "http" && u.Scheme != "https") {
		return 0, "", fmt.Errorf("testbrowser: %q is not an http(s) URL", authURL)
	}
	b, err := newBrowser()
	if err != nil {
		return 0, "", err
	}
	if o.StopAtRedirect {
		b.stopAt = o.RedirectURI
		if b.stopAt == "" {
			b.stopAt = u.Query().Get("redirect_uri")
		}
		if b.stopAt == "" {
			return 0, "", errors.New("testbrowser: the authorize URL has no redirect_uri to stop at")
		}
	}

	page, err := b.do(ctx, http.MethodGet, u, nil)
	if err != nil {
		return 0, "", err
	}
	logins, consents := 0, 0
	for range maxSteps {
		f := page.actionableForm()
		switch {
		case f == nil:
			return page.status, page.body, nil
		case f.hasPassword():
			if logins > 0 {
				return page.status, page.body, ErrLoginFailed
			}
			logins++
			f.set("username", o.Username)
			f.set("password", o.Password)
			page, err = b.submit(ctx, page, f, nil)
		default:
			if consents > 0 {
				return page.status, page.body, fmt.Errorf("testbrowser: the consent page came back after answering it (status %d)", page.status)
			}
			consents++
			btn := f.button("action", o.Action)
			if btn == nil {
				return page.status, page.body, fmt.Errorf("testbrowser: consent form has no %q button", o.Action)
			}
			page, err = b.submit(ctx, page, f, btn)
		}
		if err != nil {
			return 0, "", err
		}
	}
	return page.status, page.body, fmt.Errorf("testbrowser: gave up after %d forms", maxSteps)
}

// browser is an HTTP client with a cookie jar that follows redirects.
type browser struct {
	client *http.Client
	// stopAt, when set, is a URL the browser does not follow a redirect
	// to; stopped records the redirect that was not followed.
	stopAt, stopped string
}

// newBrowser makes a browser that talks directly (no proxy) and follows
// up to 10 redirects, like a real one. It reaches "localhost" as a
// desktop browser on a standard Debian does (/etc/hosts lists ::1
// localhost, and Chromium resolves the name itself): [::1] first, then
// 127.0.0.1 if nothing answers there.
func newBrowser() (*browser, error) {
	jar, err := cookiejar.New(nil)
	if err != nil {
		return nil, fmt.Errorf("testbrowser: create cookie jar: %w", err)
	}
	b := &browser{}
	b.client = &http.Client{
		Jar:       jar,
		Transport: &http.Transport{Proxy: nil, DisableKeepAlives: true, DialContext: dialLocalhostIPv6First},
		Timeout:   30 * time.Second,
		CheckRedirect: func(req *http.Request, via []*http.Request) error {
			if len(via) >= 10 {
				return errors.New("stopped after 10 redirects")
			}
			if next := req.URL.String(); b.stopAt != "" && (next == b.stopAt || strings.HasPrefix(next, b.stopAt+"?")) {
				b.stopped = next
				return http.ErrUseLastResponse
			}
			return nil
		},
	}
	return b, nil
}

// dialLocalhostIPv6First dials addr, trying [::1] and then 127.0.0.1 for
// the host localhost.
func dialLocalhostIPv6First(ctx context.Context, network, addr string) (net.Conn, error) {
	var d net.Dialer
	host, port, err := net.SplitHostPort(addr)
	if err != nil || !strings.EqualFold(host, "localhost") {
		return d.DialContext(ctx, network, addr)
	}
	c, err := d.DialContext(ctx, "tcp", net.JoinHostPort("::1", port))
	if err == nil {
		return c, nil
	}
	return d.DialContext(ctx, "tcp", net.JoinHostPort("127.0.0.1", port))
}

// page is a loaded document.
type page struct {
	url    *url.URL // after redirects
	status int
	body   string
	forms  []*form
}

// do sends one request (following redirects) and loads the answer.
func (b *browser) do(ctx context.Context, method string, u *url.URL, form url.Values) (*page, error) {
	var rd io.Reader
	if form != nil && method == http.MethodPost {
		rd = strings.NewReader(form.Encode())
	}
	req, err := http.NewRequestWithContext(ctx, method, u.String(), rd)
	if err != nil {
		return nil, fmt.Errorf("testbrowser: build %s request to %s: %w", method, redact(u), err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	req.Header.Set("Accept", "text/html,application/xhtml+xml,*/*;q=0.8")
	req.Header.Set("User-Agent", "oauthdesk-testbrowser/1")
	resp, err := b.client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("testbrowser: %s %s: %w", method, redact(u), err)
	}
	defer resp.Body.Close()
	data, err := io.ReadAll(io.LimitReader(resp.Body, maxBody))
	if err != nil {
		return nil, fmt.Errorf("testbrowser: read page from %s: %w", redact(resp.Request.URL), err)
	}
	if b.stopped != "" {
		return &page{url: resp.Request.URL, status: http.StatusFound, body: b.stopped}, nil
	}
	p := &page{url: resp.Request.URL, status: resp.StatusCode, body: string(data)}
	if strings.Contains(resp.Header.Get("Content-Type"), "html") {
		p.forms = parseForms(p.body)
	}
	return p, nil
}

// submit sends form f of page p, as if btn (may be nil) was clicked.
func (b *browser) submit(ctx context.Context, p *page, f *form, btn *field) (*page, error) {
	target := p.url
	if f.action != "" {
		ref, err := url.Parse(f.action)
		if err != nil {
			return nil, fmt.Errorf("testbrowser: form action %q: %w", f.action, err)
		}
		target = p.url.ResolveReference(ref)
	}
	values := f.values(btn)
	if f.method == http.MethodGet {
		t := *target
		t.RawQuery = values.Encode()
		return b.do(ctx, http.MethodGet, &t, nil)
	}
	return b.do(ctx, http.MethodPost, target, values)
}

// redact drops the query of u for error messages: it may hold codes.
func redact(u *url.URL) string {
	if u == nil {
		return ""
	}
	c := *u
	c.RawQuery, c.Fragment, c.RawFragment = "", "", ""
	return c.String()
}

// actionableForm returns the login or consent form of the page, or nil.
func (p *page) actionableForm() *form {
	for _, f := range p.forms {
		if f.hasPassword() || f.button("action", "") != nil {
			return f
		}
	}
	return nil
}
