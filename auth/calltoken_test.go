package auth

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
)

// TestCallTokenInQuery: the token goes in the access_token parameter with
// Cache-Control: no-store and no Authorization header; the flow log's
// redacted step, the answer's URL, the history and the curl command
// without reveal keep it hidden.
func TestCallTokenInQuery(t *testing.T) {
	e, _, ts := signedIn(t)
	var query, auth, cache string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		query, auth, cache = r.URL.RawQuery, r.Header.Get("Authorization"), r.Header.Get("Cache-Control")
		w.Write([]byte("ok"))
	}))
	t.Cleanup(api.Close)

	req := APIRequest{URL: api.URL + "/me?z=1&a=2", TokenIn: TokenInQuery}
	resp, err := e.Call(context.Background(), "op", req)
	if err != nil {
		t.Fatal(err)
	}
	if query != "z=1&a=2&access_token="+url.QueryEscape(ts.AccessToken) || auth != "" || cache != "no-store" {
		t.Fatalf("sent: query as expected %v, Authorization %v, Cache-Control %q", query == "z=1&a=2&access_token="+url.QueryEscape(ts.AccessToken), auth != "", cache)
	}
	if strings.Contains(resp.URL, ts.AccessToken) || !strings.Contains(resp.URL, "access_token=") {
		t.Fatalf("the answer's URL: %q", resp.URL)
	}

	steps := e.FlowLog("op")
	api1 := steps[len(steps)-1]
	if api1.Kind != "api" || !strings.Contains(api1.URL, url.QueryEscape(ts.AccessToken)) {
		t.Fatalf("the step does not keep the query token (for reveal): %s %s", api1.Kind, api1.Explain)
	}
	if !strings.Contains(api1.Explain, "query parameter") {
		t.Errorf("the step's explanation: %q", api1.Explain)
	}
	red := api1.Redacted()
	if strings.Contains(red.URL, ts.AccessToken) || strings.Contains(red.URL, url.QueryEscape(ts.AccessToken)) || strings.Contains(red.Text(), ts.AccessToken) {
		t.Fatal("the redacted step shows the query token")
	}
	if !strings.Contains(red.URL, "access_token=") {
		t.Fatalf("the redacted step drops the parameter: %s", red.URL)
	}

	hist := e.CallHistory("op")
	if h := hist[len(hist)-1]; h.URL != req.URL || h.TokenIn != TokenInQuery {
		t.Fatalf("history: %+v", h)
	}

	if got := CurlCommandFor("op", req, false); got != "curl -K - <<EOF\nurl = \""+api.URL+"/me?z=1&a=2&access_token=$(oauthdesk token op)\"\nEOF" {
		t.Errorf("curl: %s", got)
	}
	if got := CurlCommandWithToken(req, "t+k/n"); !strings.Contains(got, "access_token=t%2Bk%2Fn") || strings.Contains(got, "Authorization") {
		t.Errorf("curl in clear: %s", got)
	}

	// The caller's own Authorization header wins: no query token.
	if _, err := e.Call(context.Background(), "op", APIRequest{URL: api.URL + "/me", TokenIn: TokenInQuery,
		Header: http.Header{"Authorization": {"Bearer own"}}}); err != nil {
		t.Fatal(err)
	}
	if query != "" || auth != "Bearer own" {
		t.Fatalf("with its own header: query %q, Authorization %q", query, auth)
	}

	for _, bad := range []APIRequest{
		{URL: api.URL + "/me?access_token=x", TokenIn: TokenInQuery},
		{URL: api.URL + "/me", TokenIn: "cookie"},
	} {
		if _, err := e.Call(context.Background(), "op", bad); !errors.Is(err, ErrTokenPlacement) {
			t.Errorf("%+v: %v, want ErrTokenPlacement", bad, err)
		}
	}
}
