package auth

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/httplimit"
)

// signedIn is an engine signed in to a testOP, and its token set.
func signedIn(t *testing.T) (*Engine, *testOP, *TokenSet) {
	t.Helper()
	op := newTestOP(t)
	e := testEngine(t, op, nil)
	ts, err := e.Login(context.Background(), "op", LoginOptions{Timeout: 10 * time.Second})
	if err != nil {
		t.Fatal(err)
	}
	return e, op, ts
}

// echoAPI answers with what it received, as JSON-ish text, and counts calls.
func echoAPI(t *testing.T, calls *atomic.Int32) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		calls.Add(1)
		body, _ := io.ReadAll(r.Body)
		w.Header().Set("X-Echo-Method", r.Method)
		w.Header().Set("X-Echo-Auth", r.Header.Get("Authorization"))
		w.Header().Set("X-Echo-Custom", r.Header.Get("X-Custom"))
		w.Header().Set("X-Echo-Host", r.Host)
		w.Write(body)
	}))
	t.Cleanup(srv.Close)
	return srv
}

func TestCallAttachesBearer(t *testing.T) {
	e, _, ts := signedIn(t)
	var calls atomic.Int32
	api := echoAPI(t, &calls)
	resp, err := e.Call(context.Background(), "op", APIRequest{
		Method: "post", URL: api.URL + "/things?x=1",
		Header: http.Header{"x-custom": {"yes"}}, Body: []byte(`{"a":1}`),
	})
	if err != nil {
		t.Fatal(err)
	}
	if resp.Status != 200 || resp.Header.Get("X-Echo-Auth") != "Bearer "+ts.AccessToken || resp.Header.Get("X-Echo-Custom") != "yes" ||
		resp.Header.Get("X-Echo-Method") != "POST" || string(resp.Body) != `{"a":1}` {
		t.Fatalf("response: %+v body %q", resp, resp.Body)
	}
	if resp.Method != "POST" || resp.URL != api.URL+"/things?x=1" || resp.Duration <= 0 || resp.Truncated || resp.InvalidToken {
		t.Fatalf("response fields: %+v", resp)
	}

	// The caller's own Authorization header (any case) wins; Host is honoured.
	resp, err = e.Call(context.Background(), "op", APIRequest{URL: api.URL, Header: http.Header{"authorization": {"Basic dXNlcjpwdw=="}, "Host": {"api.example"}}})
	if err != nil {
		t.Fatal(err)
	}
	if got := resp.Header.Get("X-Echo-Auth"); got != "Basic dXNlcjpwdw==" || resp.Header.Get("X-Echo-Host") != "api.example" {
		t.Fatalf("caller's Authorization replaced or Host lost: %q %q", got, resp.Header.Get("X-Echo-Host"))
	}

	// The flow log has api steps, the token hidden once redacted.
	var api1 *Step
	for _, s := range e.FlowLog("op") {
		if s.Kind == "api" {
			api1 = &s
			break
		}
	}
	if api1 == nil || api1.Status != 200 || string(api1.ResponseBody) != `{"a":1}` || string(api1.RequestBody) != `{"a":1}` {
		t.Fatalf("api step: %+v", api1)
	}
	if got := api1.Redacted().RequestHeader.Get("Authorization"); got != "Bearer "+flowlog.Mask {
		t.Fatalf("the redacted api step shows Authorization as %q", got)
	}

	// History: no Authorization, oldest first.
	h := e.CallHistory("op")
	if len(h) != 2 || h[0].Method != "POST" || h[0].URL != api.URL+"/things?x=1" || h[0].Header.Get("X-Custom") != "yes" || string(h[0].Body) != `{"a":1}` {
		t.Fatalf("history: %+v", h)
	}
	for _, r := range h {
		if r.Header.Get("Authorization") != "" {
			t.Fatalf("history keeps Authorization: %+v", r)
		}
	}
	h[0].Header.Set("X-Custom", "changed")
	if e.CallHistory("op")[0].Header.Get("X-Custom") != "yes" {
		t.Fatal("CallHistory hands out its own maps")
	}
}

func TestCallHistoryKeepsTheLast50(t *testing.T) {
	e, _, _ := signedIn(t)
	var calls atomic.Int32
	api := echoAPI(t, &calls)
	for i := range 55 {
		if _, err := e.Call(context.Background(), "op", APIRequest{URL: fmt.Sprintf("%s/%d", api.URL, i)}); err != nil {
			t.Fatal(err)
		}
	}
	h := e.CallHistory("op")
	if len(h) != 50 || h[0].URL != api.URL+"/5" || h[49].URL != api.URL+"/54" {
		t.Fatalf("history: %d entries, first %q", len(h), h[0].URL)
	}
	if len(e.CallHistory("other")) != 0 {
		t.Fatal("history leaks across providers")
	}
}

func TestCallRefreshesAnExpiredToken(t *testing.T) {
	e, op, _ := signedIn(t)
	ts, _ := e.Stored("op")
	ts.Expiry = time.Now().Add(-time.Minute)
	if err := e.saveKey(tokenKey("op"), ts); err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	api := echoAPI(t, &calls)
	resp, err := e.Call(context.Background(), "op", APIRequest{URL: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	fresh, _ := e.Stored("op")
	op.mu.Lock()
	refreshes := op.refreshes
	op.mu.Unlock()
	if refreshes != 1 || resp.Header.Get("X-Echo-Auth") != "Bearer "+fresh.AccessToken || fresh.AccessToken == ts.AccessToken {
		t.Fatalf("refreshes %d, sent %q", refreshes, resp.Header.Get("X-Echo-Auth"))
	}
}

func TestCallTruncatesHugeBodies(t *testing.T) {
	e, _, _ := signedIn(t)
	chunk := bytes.Repeat([]byte("0123456789abcdef"), 4096) // 64 KiB
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		for range (MaxAPIBodyBytes / len(chunk)) + 3 {
			if _, err := w.Write(chunk); err != nil {
				return
			}
		}
	}))
	defer api.Close()
	resp, err := e.Call(context.Background(), "op", APIRequest{URL: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	if !resp.Truncated || len(resp.Body) != MaxAPIBodyBytes || !bytes.Equal(resp.Body[:len(chunk)], chunk) {
		t.Fatalf("truncated=%v len=%d", resp.Truncated, len(resp.Body))
	}
	for _, s := range e.FlowLog("op") {
		if s.Kind == "api" && len(s.ResponseBody) > httplimit.MaxBodyBytes {
			t.Fatalf("the flow log keeps %d bytes of the body", len(s.ResponseBody))
		}
	}

	// Exactly the limit is not truncated.
	exact := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write(bytes.Repeat([]byte("x"), MaxAPIBodyBytes))
	}))
	defer exact.Close()
	resp, err = e.Call(context.Background(), "op", APIRequest{URL: exact.URL})
	if err != nil || resp.Truncated || len(resp.Body) != MaxAPIBodyBytes {
		t.Fatalf("exact: %v truncated=%v len=%d", err, resp.Truncated, len(resp.Body))
	}
}

func TestCallKeepsBinaryBodies(t *testing.T) {
	e, _, _ := signedIn(t)
	raw := []byte{0xff, 0x00, 0xfe, 'a', 0x80, '\n'}
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/octet-stream")
		w.Write(raw)
	}))
	defer api.Close()
	resp, err := e.Call(context.Background(), "op", APIRequest{URL: api.URL})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(resp.Body, raw) {
		t.Fatalf("body %q, want %q", resp.Body, raw)
	}
	if d := DisplayBody(resp.Body); !strings.Contains(d, "base64") {
		t.Fatalf("DisplayBody: %q", d)
	}
}

func TestCallFlagsInvalidToken(t *testing.T) {
	e, _, _ := signedIn(t)
	for _, tc := range []struct {
		challenge string
		want      bool
	}{
		{`Bearer realm="api", error="invalid_token", error_description="The access token expired"`, true},
		{`Basic realm="x", Bearer error=invalid_token`, true},
		{`Bearer realm="api", error="insufficient_scope"`, false},
		{`Bearer realm="api"`, false},
		{``, false},
	} {
		api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			if tc.challenge != "" {
				w.Header().Set("WWW-Authenticate", tc.challenge)
			}
			w.WriteHeader(http.StatusUnauthorized)
			w.Write([]byte(`{"message":"no"}`))
		}))
		resp, err := e.Call(context.Background(), "op", APIRequest{URL: api.URL})
		api.Close()
		if err != nil {
			t.Fatal(err)
		}
		if resp.Status != 401 || resp.InvalidToken != tc.want || string(resp.Body) != `{"message":"no"}` {
			t.Errorf("%q: status %d InvalidToken %v, want %v", tc.challenge, resp.Status, resp.InvalidToken, tc.want)
		}
	}
}

func TestCallRefusesBadURLsBeforeSending(t *testing.T) {
	op := newTestOP(t)
	e := testEngine(t, op, nil) // not signed in: a bad URL is reported before the token is looked for
	for _, tc := range []struct {
		url, method string
		wantIs      error
		want        string
	}{
		{url: "", wantIs: ErrInvalidURL, want: "no URL"},
		{url: "api.example.com/v1/me", wantIs: ErrInvalidURL, want: "not an absolute URL"},
		{url: "localhost:8080/x", wantIs: ErrInvalidURL, want: "not an absolute URL"},
		{url: "ftp://files.example.com/x", wantIs: ErrInvalidURL, want: "only http and https"},
		{url: "https:///path", wantIs: ErrInvalidURL, want: "no host"},
		{url: "https://user:hunter2@api.example.com/", wantIs: ErrInvalidURL, want: "credentials"},
		{url: "http://[::1", wantIs: ErrInvalidURL, want: "cannot be read"},
		{url: "http://api.example.com/v1/me", wantIs: ErrInsecureURL, want: "plain http"},
		{url: "http://10.0.0.1/v1/me", wantIs: ErrInsecureURL},
		{url: "https://api.example.com/", method: "GE T", want: "not an HTTP method"},
	} {
		_, err := e.Call(context.Background(), "op", APIRequest{Method: tc.method, URL: tc.url})
		if err == nil || (tc.wantIs != nil && !errors.Is(err, tc.wantIs)) || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: got %v, want %v mentioning %q", tc.url, err, tc.wantIs, tc.want)
		}
		if err != nil && strings.Contains(err.Error(), "hunter2") {
			t.Errorf("%q: the error shows the password: %v", tc.url, err)
		}
	}
	if steps := e.FlowLog("op"); len(steps) != 0 {
		t.Fatalf("something was sent: %+v", steps)
	}
	if h := e.CallHistory("op"); len(h) != 0 {
		t.Fatalf("refused requests joined the history: %+v", h)
	}
	// Loopback over plain http is fine (it never leaves the machine).
	for _, host := range []string{"127.0.0.1", "localhost", "[::1]", "127.1.2.3"} {
		if !secureOrLoopback(mustParse(t, "http://"+host+":8080/x")) {
			t.Errorf("%s refused", host)
		}
	}
}

func TestCallUnreachable(t *testing.T) {
	e, _, _ := signedIn(t)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	_, err = e.Call(context.Background(), "op", APIRequest{URL: "http://" + addr + "/v1/me"})
	if !errors.Is(err, ErrUnreachable) || !strings.Contains(err.Error(), "could not reach the server at "+addr+": connection refused") {
		t.Fatalf("got %v", err)
	}
	if strings.Count(err.Error(), addr) != 2 {
		t.Errorf("the error repeats itself: %v", err)
	}
}

// TestCallRefusesDowngradeRedirect: an https API that redirects to plain
// http on the same host (where Go would keep the Authorization header)
// does not get the token sent in the clear. example.com is dialled to
// local servers: https to a TLS one (httptest's certificate names
// example.com), http to one that records what it gets.
func TestCallRefusesDowngradeRedirect(t *testing.T) {
	e, _, _ := signedIn(t)
	api := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, "http://example.com/next", http.StatusFound)
	}))
	defer api.Close()
	var leaked atomic.Int32
	plain := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Header.Get("Authorization") != "" {
			leaked.Add(1)
		}
	}))
	defer plain.Close()
	tr := e.apiClient().Transport.(*flowlog.StreamTransport).Next.(*http.Transport)
	tr.TLSClientConfig = api.Client().Transport.(*http.Transport).TLSClientConfig
	tr.DialContext = func(ctx context.Context, network, addr string) (net.Conn, error) {
		to := plain.Listener.Addr().String()
		if addr == "example.com:443" {
			to = api.Listener.Addr().String()
		}
		var d net.Dialer
		return d.DialContext(ctx, network, to)
	}
	_, err := e.Call(context.Background(), "op", APIRequest{URL: "https://example.com/start"})
	if !errors.Is(err, ErrInsecureURL) || !strings.Contains(err.Error(), "redirect") {
		t.Fatalf("got %v, want ErrInsecureURL for the redirect", err)
	}
	if leaked.Load() != 0 {
		t.Fatal("the token went over plain http")
	}
}

func TestCurlCommand(t *testing.T) {
	req := APIRequest{Method: "POST", URL: "https://api.example.com/v1/items?a=1&b=it's",
		Header: http.Header{"Authorization": {"Bearer secret-token"}, "Content-Type": {"application/json"}, "X-Price": {"$5 `x` \\n"}},
		Body:   []byte(`{"name":"it's"}`)}
	got := CurlCommand(req, false)
	want := "curl -K - --data-raw '{\"name\":\"it'\\''s\"}' <<EOF\n" +
		"url = \"https://api.example.com/v1/items?a=1&b=it's\"\n" +
		"header = \"Authorization: Bearer $TOKEN\"\nheader = \"Content-Type: application/json\"\nheader = \"X-Price: \\$5 \\`x\\` \\\\\\\\n\"\nEOF"
	if got != want {
		t.Errorf("masked:\n got %s\nwant %s", got, want)
	}
	if got := CurlCommand(req, true); !strings.Contains(got, "\nheader = \"Authorization: Bearer secret-token\"\n") || strings.Contains(got, "-H 'Authorization") {
		t.Errorf("revealed: %s", got)
	}
	got = CurlCommandFor("demo", APIRequest{URL: "https://api.example.com/me"}, false)
	if got != "curl -K - <<EOF\nurl = \"https://api.example.com/me\"\nheader = \"Authorization: Bearer $(oauthdesk token demo)\"\nEOF" {
		t.Errorf("for: %s", got)
	}
	got = CurlCommand(APIRequest{Method: "PUT", URL: "http://127.0.0.1/x", Body: []byte{0, 0xff, '\\', 'a'}}, false)
	if got != "printf '%b' '\\0000\\0377\\0134a' | curl -X PUT -K /dev/fd/3 --data-binary @- 3<<EOF\nurl = \"http://127.0.0.1/x\"\nheader = \"Authorization: Bearer $TOKEN\"\nEOF" {
		t.Errorf("binary: %s", got)
	}
	if got := CurlCommand(APIRequest{Method: "DELETE", URL: "https://a.example/x", Header: http.Header{"Authorization": {"Basic dXNlcjpwdw=="}}}, false); strings.Contains(got, "dXNlcjpwdw") || !strings.Contains(got, "-X DELETE") {
		t.Errorf("basic masked: %s", got)
	}
}

func mustParse(t *testing.T, raw string) *url.URL {
	t.Helper()
	_, u, err := checkAPIRequest(APIRequest{URL: raw})
	if err != nil {
		t.Fatal(err)
	}
	return u
}
