package auth

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// argvHolding lists the processes whose command line holds s, as another
// local user would find them in /proc/PID/cmdline.
func argvHolding(s string) []string {
	var found []string
	dirs, _ := filepath.Glob("/proc/[0-9]*/cmdline")
	for _, p := range dirs {
		b, err := os.ReadFile(p)
		if err == nil && bytes.Contains(b, []byte(s)) && !bytes.Contains(b, []byte("go test")) && !bytes.Contains(b, []byte(".test")) {
			found = append(found, p+": "+strings.ReplaceAll(string(b), "\x00", " "))
		}
	}
	return found
}

// TestCurlExportKeepsTheTokenOutOfArgv pastes the exported commands into a
// real shell with the real curl against a real server. While curl waits for
// the answer the server looks through every process's command line: the
// token must be in none of them, yet arrive in the Authorization header,
// with the other headers and the body.
func TestCurlExportKeepsTheTokenOutOfArgv(t *testing.T) {
	if _, err := exec.LookPath("curl"); err != nil {
		t.Skip("curl is not installed")
	}
	const token = "AT-in-argv-would-leak-0123456789"
	var mu sync.Mutex
	var seen []string
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, _ := io.ReadAll(r.Body)
		mu.Lock()
		seen = append(seen, r.Method+" "+r.URL.RawQuery+" "+r.Header.Get("Authorization")+" "+r.Header.Get("X-Trace")+" "+string(body))
		mu.Unlock()
		if leaks := argvHolding(token); len(leaks) > 0 {
			w.WriteHeader(http.StatusTeapot)
			io.WriteString(w, "LEAK "+strings.Join(leaks, "; "))
			return
		}
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	// $(oauthdesk token ID) runs the CLI: here a stand-in that prints the
	// token, on PATH.
	bin := t.TempDir()
	if err := os.WriteFile(filepath.Join(bin, "oauthdesk"), []byte("#!/bin/sh\necho "+token+"\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct{ name, cmd, want string }{
		{"revealed token", CurlCommand(APIRequest{Method: "POST", URL: srv.URL + "/a", Header: http.Header{"Authorization": {"Bearer " + token}, "X-Trace": {"$HOME `id`"}}, Body: []byte("x=1")}, true),
			"POST  Bearer " + token + " $HOME `id` x=1"},
		{"oauthdesk token", CurlCommandFor("demo", APIRequest{URL: srv.URL + "/b"}, false), "GET  Bearer " + token + "  "},
		{"binary body", CurlCommandFor("demo", APIRequest{Method: "PUT", URL: srv.URL + "/c", Body: []byte{'a', 0xff, 'b'}}, false), "PUT  Bearer " + token + "  a\xffb"},
		{"token in the query", CurlCommandFor("demo", APIRequest{URL: srv.URL + "/d?x=\"1\"", TokenIn: TokenInQuery}, false), "GET x=\"1\"&access_token=" + token + "   "},
		{"token in the query, in clear", CurlCommandWithToken(APIRequest{URL: srv.URL + "/e", TokenIn: TokenInQuery}, token), "GET access_token=" + token + "   "},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			seen = nil
			mu.Unlock()
			// Fed to the shell as a person pastes it: on its input.
			cmd := exec.Command("sh")
			cmd.Stdin = strings.NewReader(tc.cmd + "\n")
			cmd.Env = append(os.Environ(), "PATH="+bin+":"+os.Getenv("PATH"))
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			out, err := cmd.Output()
			if err != nil || string(out) != "ok" {
				t.Fatalf("running\n%s\n→ %v: %s\n%s", tc.cmd, err, out, stderr.String())
			}
			mu.Lock()
			defer mu.Unlock()
			if len(seen) != 1 || seen[0] != tc.want {
				t.Fatalf("the server got %q, want %q", seen, tc.want)
			}
		})
	}
}
