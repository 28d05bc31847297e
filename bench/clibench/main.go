// Command clibench measures the CLI's figures: a whole `oauthdesk login`
// against the local provider with the scripted browser (wall time and the
// oauthdesk process's peak RSS), and `oauthdesk token` with a valid stored
// token. It runs the provider in its own process so that the figures are
// the CLI's alone. Run it through bench/run.sh, inside scripts/session.sh.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"oauthdesk/bench/internal/childrun"
	"oauthdesk/idp"
)

func main() {
	childrun.Serve()
	bin := flag.String("bin", "bin/oauthdesk", "oauthdesk binary")
	browser := flag.String("browser", "bin/testbrowser", "scripted browser")
	logins := flag.Int("logins", 20, "login runs")
	tokens := flag.Int("tokens", 50, "token runs")
	flag.Parse()
	if err := run(*bin, *browser, *logins, *tokens); err != nil {
		fmt.Fprintln(os.Stderr, "clibench:", err)
		os.Exit(1)
	}
}

func run(bin, browser string, logins, tokens int) error {
	bin, _ = filepath.Abs(bin)
	browser, _ = filepath.Abs(browser)
	dir, err := os.MkdirTemp("", "clibench")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	s, err := idp.Start(ctx, idp.Options{Addr: "127.0.0.1:0", DataDir: filepath.Join(dir, "data", "demo-idp")})
	if err != nil {
		return err
	}
	defer s.Close()
	env := append(os.Environ(),
		"OAUTHDESK_CONFIG="+filepath.Join(dir, "providers.toml"),
		"OAUTHDESK_DATA_DIR="+filepath.Join(dir, "data"),
		"OAUTHDESK_DEMO_ADDR="+strings.TrimPrefix(s.Issuer(), "http://"),
		"XDG_CACHE_HOME="+filepath.Join(dir, "cache"),
		"BROWSER="+browser,
	)
	// One warm-up of each, so that the page cache holds the binaries.
	if _, _, err := measure(env, bin, "login", "demo"); err != nil {
		return err
	}
	var walls []time.Duration
	var rss []int64
	for range logins {
		w, r, err := measure(env, bin, "login", "demo")
		if err != nil {
			return err
		}
		walls, rss = append(walls, w), append(rss, r)
	}
	fmt.Printf("login (whole flow, scripted browser, %d runs): median %s, p90 %s; oauthdesk peak RSS median %.1f MB, max %.1f MB\n",
		logins, median(walls), pct(walls, 90), mb(medianInt(rss)), mb(slices.Max(rss)))

	walls, rss = walls[:0], rss[:0]
	for range tokens {
		w, r, err := measure(env, bin, "token", "demo")
		if err != nil {
			return err
		}
		walls, rss = append(walls, w), append(rss, r)
	}
	fmt.Printf("token (valid stored token, %d runs): median %s, p90 %s; peak RSS median %.1f MB\n",
		tokens, median(walls), pct(walls, 90), mb(medianInt(rss)))
	if fi, err := os.Stat(bin); err == nil {
		fmt.Printf("binary size: %.1f MB (%s)\n", float64(fi.Size())/(1<<20), bin)
	}
	return nil
}

// measure runs one command and returns its wall time and its own peak
// RSS in bytes (taken by childrun: this process holds the provider).
func measure(env []string, bin string, args ...string) (time.Duration, int64, error) {
	wall, rss, err := childrun.Measure(env, append([]string{bin}, args...))
	if err != nil {
		return 0, 0, fmt.Errorf("oauthdesk %s: %w", strings.Join(args, " "), err)
	}
	return wall, rss, nil
}

func median(d []time.Duration) time.Duration { return pct(d, 50) }

func pct(d []time.Duration, p int) time.Duration {
	s := slices.Clone(d)
	slices.Sort(s)
	return s[(len(s)-1)*p/100].Round(100 * time.Microsecond)
}

func medianInt(v []int64) int64 {
	s := slices.Clone(v)
	slices.Sort(s)
	return s[(len(s)-1)/2]
}

func mb(b int64) float64 { return float64(b) / (1 << 20) }
