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
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"

	"oauthdesk/idp"
)

func main() {
	if len(os.Args) > 2 && os.Args[1] == childFlag {
		os.Exit(child(os.Args[2:]))
	}
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
//
// The command is started by a copy of this program (child), which times
// it and reports its peak RSS on fd 3: Linux keeps ru_maxrss across
// execve, and Go starts a child with vfork, so a command started from
// here directly would report at least this process's RSS (the provider
// runs in it), not its own.
func measure(env, argv []string) (sample, error) {
	self, err := os.Executable()
	if err != nil {
		return sample{}, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return sample{}, err
	}
	defer r.Close()
	cmd := exec.Command(self, append([]string{childFlag}, argv...)...)
	cmd.Env = env
	cmd.ExtraFiles = []*os.File{w}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	w.Close()
	if err != nil {
		return sample{}, fmt.Errorf("%v: %s", err, lastLines(stderr.String(), 5))
	}
	var ns, kb int64
	if _, err := fmt.Fscan(r, &ns, &kb); err != nil {
		return sample{}, fmt.Errorf("reading the child's figures: %w", err)
	}
	return sample{wall: time.Duration(ns), rss: kb * 1024}, nil
}

// childFlag makes this program the timing wrapper of one command.
const childFlag = "-measure-child"

// child runs argv, and writes its wall time (ns) and peak RSS (KB) to fd 3.
func child(argv []string) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, strings.Join(argv[:1], " ")+":", err)
		return 1
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	fmt.Fprintf(os.NewFile(3, "figures"), "%d %d\n", wall.Nanoseconds(), ru.Maxrss)
	return 0
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
