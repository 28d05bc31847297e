// Command peers measures oauthdesk beside the command-line peers that do
// the same work, in one run: a whole login against one local OpenID
// provider (idp/, in this process) with the scripted browser, and the
// cached-token path. Runs are interleaved (A B C, A B C, ...) so that the
// machine's noise hits every tool alike. It prints each tool's median, p90
// and peak RSS, and its ratio to oauthdesk.
//
// Peers are given by path and skipped when not given:
//
//	KUBELOGIN=path  int128/kubelogin (measured twice: keyring and disk cache)
//	OAUTH2L=path    google/oauth2l
//	OAUTH2CLI=path  int128/oauth2cli's example command
//	OAUTHDESK_BASELINE=path  an earlier oauthdesk build (before and after)
//
// Run it through bench/run.sh (make bench), inside scripts/session.sh for
// the keyring. The figures are for notes, not pass or fail.
package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"

	"oauthdesk/bench/internal/childrun"
	"oauthdesk/idp"
)

func main() {
	childrun.Serve()
	bin := flag.String("bin", "bin/oauthdesk", "oauthdesk binary")
	browser := flag.String("browser", "bin/testbrowser", "scripted browser")
	runs := flag.Int("runs", 15, "timed runs of each tool, per path")
	flag.Parse()
	if err := run(*bin, *browser, *runs); err != nil {
		fmt.Fprintln(os.Stderr, "peers:", err)
		os.Exit(1)
	}
}

func run(bin, browser string, runs int) error {
	bin, _ = filepath.Abs(bin)
	browser, _ = filepath.Abs(browser)
	dir, err := os.MkdirTemp("", "benchpeers")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := idp.Start(ctx, idp.Options{Addr: "127.0.0.1:0", DataDir: filepath.Join(dir, "data", "demo-idp")})
	if err != nil {
		return fmt.Errorf("starting the provider: %w", err)
	}
	defer s.Close()
	w := world{dir: dir, issuer: s.Issuer(), browser: browser, client: idp.DemoClientID}
	if w.authURL, w.tokURL, err = endpoints(s.Issuer()); err != nil {
		return err
	}
	shimDir := filepath.Join(dir, "shim")
	if err := os.MkdirAll(shimDir, 0o755); err != nil {
		return err
	}
	if err := browserShim(shimDir, browser); err != nil {
		return err
	}
	if err := oauthdeskConfig(w, filepath.Join(dir, "providers.toml")); err != nil {
		return err
	}
	env := append(os.Environ(),
		"PATH="+shimDir+string(os.PathListSeparator)+os.Getenv("PATH"),
		"OAUTHDESK_CONFIG="+filepath.Join(dir, "providers.toml"),
		"OAUTHDESK_DATA_DIR="+filepath.Join(dir, "data"),
		"OAUTHDESK_DEMO_ADDR="+strings.TrimPrefix(s.Issuer(), "http://"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"HOME="+filepath.Join(dir, "home"),
		"BROWSER="+browser,
		// The browser goes on in the background, as a desktop browser
		// does, so no tool waits for it or counts its memory.
		"TESTBROWSER_DETACH=1",
	)
	ts, err := tools(w, bin)
	if err != nil {
		return err
	}
	fmt.Printf("load average at start: %s; %d runs each, interleaved\n", loadavg(), runs)

	login := make([]series, len(ts))
	token := make([]series, len(ts))
	// One untimed round of each first, so that the page cache holds
	// every binary and each tool's first-time set-up is done.
	for i := 0; i <= runs; i++ {
		for j, t := range ts {
			if t.login == nil {
				continue
			}
			if err := t.reset(); err != nil {
				return fmt.Errorf("%s: resetting: %w", t.name, err)
			}
			m, err := measure(slices.Concat(env, t.env), t.login)
			if err != nil {
				return fmt.Errorf("%s login: %w", t.name, err)
			}
			if i > 0 {
				login[j].add(m)
			}
		}
	}
	for i := 0; i <= runs; i++ {
		for j, t := range ts {
			if t.token == nil {
				continue
			}
			m, err := measure(slices.Concat(env, t.env), t.token)
			if err != nil {
				return fmt.Errorf("%s cached token: %w", t.name, err)
			}
			if i > 0 {
				token[j].add(m)
			}
		}
	}
	fmt.Printf("load average at end: %s\n\n", loadavg())
	report("login (whole flow, scripted browser)", ts, login)
	fmt.Println()
	report("cached token (valid token in the tool's cache)", ts, token)
	return nil
}

// endpoints reads the authorization and token endpoints from discovery,
// for the peers that take them directly.
func endpoints(issuer string) (auth, token string, err error) {
	resp, err := http.Get(issuer + "/.well-known/openid-configuration")
	if err != nil {
		return "", "", fmt.Errorf("reading discovery: %w", err)
	}
	defer resp.Body.Close()
	var md struct {
		Auth  string `json:"authorization_endpoint"`
		Token string `json:"token_endpoint"`
	}
	if err := json.NewDecoder(resp.Body).Decode(&md); err != nil {
		return "", "", fmt.Errorf("reading discovery: %w", err)
	}
	return md.Auth, md.Token, nil
}

// measure runs one command and returns its wall time and peak RSS.
func measure(env, argv []string) (sample, error) {
	wall, rss, err := childrun.Measure(env, argv)
	return sample{wall: wall, rss: rss}, err
}

// runQuiet runs an untimed helper command.
func runQuiet(env []string, argv ...string) error {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Env = env
	if out, err := cmd.CombinedOutput(); err != nil {
		return fmt.Errorf("%s: %v: %s", strings.Join(argv, " "), err, lastLines(string(out), 5))
	}
	return nil
}

// lastLines keeps the end of a command's output for an error message.
func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}

// loadavg is the first three fields of /proc/loadavg.
func loadavg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "unknown"
	}
	f := strings.Fields(string(b))
	return strings.Join(f[:min(3, len(f))], " ")
}
