// Command testbrowser is a scripted browser to use as $BROWSER in
// end-to-end tests: "testbrowser URL" (the URL is the last argument) opens
// the URL, signs in, answers consent and loads the final redirect, then
// exits.
//
// Environment:
//
//	TESTBROWSER_USER      username (default demo)
//	TESTBROWSER_PASSWORD  password (default demo)
//	TESTBROWSER_ACTION    consent answer: allow (default) or deny
//	TESTBROWSER_OUT       file to write the final page's body to (optional);
//	                      it appears whole (written aside, then renamed), so a
//	                      reader that sees it sees the complete page
//	TESTBROWSER_TIMEOUT   overall time limit, a Go duration (default 60s)
//	TESTBROWSER_DETACH    if 1, start a copy in the background and exit 0 at
//	                      once, like a desktop browser that is already open
//
// It exits 0 when it reached a final page, even an error page, and 1 when
// it could not complete the navigation (including rejected credentials).
package main

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"time"

	"oauthdesk/internal/testbrowser"
)

func main() {
	os.Exit(run())
}

// run does the work and returns the exit code.
func run() int {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "usage: testbrowser URL")
		return 2
	}
	target := os.Args[len(os.Args)-1]

	if os.Getenv("TESTBROWSER_DETACH") == "1" {
		return detach()
	}

	timeout := 60 * time.Second
	if v := os.Getenv("TESTBROWSER_TIMEOUT"); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d <= 0 {
			fmt.Fprintf(os.Stderr, "testbrowser: TESTBROWSER_TIMEOUT %q is not a positive duration\n", v)
			return 2
		}
		timeout = d
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()

	status, body, err := testbrowser.Visit(ctx, target, testbrowser.Options{
		Username: envOr("TESTBROWSER_USER", "demo"),
		Password: envOr("TESTBROWSER_PASSWORD", "demo"),
		Action:   envOr("TESTBROWSER_ACTION", "allow"),
	})
	if out := os.Getenv("TESTBROWSER_OUT"); out != "" && (err == nil || status != 0) {
		if werr := writeAtomic(out, body); werr != nil {
			fmt.Fprintf(os.Stderr, "testbrowser: write final page to %s: %v\n", out, werr)
			return 1
		}
	}
	if err != nil {
		fmt.Fprintf(os.Stderr, "%v\n", err)
		return 1
	}
	fmt.Fprintf(os.Stderr, "testbrowser: final page HTTP %d\n", status)
	return 0
}

// detach starts this program again without TESTBROWSER_DETACH, with its
// output discarded, and returns without waiting for it.
func detach() int {
	self, err := os.Executable()
	if err != nil {
		fmt.Fprintf(os.Stderr, "testbrowser: find own executable: %v\n", err)
		return 1
	}
	cmd := exec.Command(self, os.Args[1:]...)
	cmd.Env = append(os.Environ(), "TESTBROWSER_DETACH=0")
	if err := cmd.Start(); err != nil {
		fmt.Fprintf(os.Stderr, "testbrowser: start background copy: %v\n", err)
		return 1
	}
	_ = cmd.Process.Release()
	return 0
}

// envOr returns the environment variable key, or def if it is empty.
func envOr(key, def string) string {
	if v := os.Getenv(key); v != "" {
		return v
	}
	return def
}

// writeAtomic writes body to path through a temporary file in the same
// directory and a rename, so path never holds a partial page.
func writeAtomic(path, body string) error {
	tmp := path + ".part"
	if err := os.WriteFile(tmp, []byte(body), 0o600); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}
