package loopback

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"runtime"
	"strings"
	"time"
)

// browserGrace is how long an opener may take to fail before we assume it
// has handed the URL to a browser.
const browserGrace = 1500 * time.Millisecond

// OpenBrowser opens url in the person's browser: the commands in $BROWSER
// first (colon-separated, each run with the URL as its last argument, as
// xdg-open does), then the system opener (xdg-open, open, or rundll32). It
// returns an error when nothing could open the URL, so that the caller can
// print it for the person to open by hand. A URL that CheckBrowserURL
// refuses is never handed to any opener: the error wraps ErrUnsafeURL.
func OpenBrowser(url string) error {
	if err := CheckBrowserURL(url); err != nil {
		return err
	}
	var tried []string
	for _, cmd := range browserCommands() {
		if len(cmd) == 0 {
			continue
		}
		err := runOpener(cmd[0], append(cmd[1:], url)...)
		if err == nil {
			return nil
		}
		tried = append(tried, fmt.Sprintf("%s: %v", cmd[0], err))
	}
	if len(tried) == 0 {
		return errors.New("no browser opener is available (set $BROWSER or install xdg-utils)")
	}
	return fmt.Errorf("could not open a browser (%s)", strings.Join(tried, "; "))
}

// browserCommands lists the commands to try, in order.
func browserCommands() [][]string {
	var cmds [][]string
	if env := os.Getenv("BROWSER"); env != "" {
		for _, c := range strings.Split(env, ":") {
			if f := strings.Fields(c); len(f) > 0 {
				cmds = append(cmds, f)
			}
		}
	}
	switch runtime.GOOS {
	case "darwin":
		cmds = append(cmds, []string{"open"})
	case "windows":
		cmds = append(cmds, []string{"rundll32", "url.dll,FileProtocolHandler"})
	default:
		cmds = append(cmds, []string{"xdg-open"})
	}
	return cmds
}

// runOpener starts an opener and waits briefly: one that exits non-zero at
// once has failed; one that is still running, or exited zero, has done its
// job. The process is reaped in the background.
func runOpener(name string, args ...string) error {
	cmd := exec.Command(name, args...)
	cmd.Stdout, cmd.Stderr = nil, nil
	if err := cmd.Start(); err != nil {
		return err
	}
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			return fmt.Errorf("exited: %v", err)
		}
		return nil
	case <-time.After(browserGrace):
		return nil
	}
}
