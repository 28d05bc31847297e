//go:build faultinject

package faultpoint

import (
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
)

// Enabled reports whether this build can kill itself at a fault point.
const Enabled = true

var (
	mu     sync.Mutex
	counts = map[string]int{}
)

// Hit kills the process with SIGKILL when $OAUTHDESK_FAULT names this point
// (and, with @N, this is the N-th time it is reached).
func Hit(name string) {
	want, nth, _ := strings.Cut(os.Getenv(Env), "@")
	if want != name {
		return
	}
	n := 1
	if nth != "" {
		if v, err := strconv.Atoi(nth); err == nil {
			n = v
		}
	}
	mu.Lock()
	counts[name]++
	c := counts[name]
	mu.Unlock()
	if c == n {
		_ = syscall.Kill(os.Getpid(), syscall.SIGKILL)
		select {} // the signal is on its way; never return into the save
	}
}
