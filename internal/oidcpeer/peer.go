// Package oidcpeer runs panva's oidc-provider (npm, pinned in
// testpeers/oidc-provider/package-lock.json) as a real, independent
// OpenID provider for tests: Start launches `node server.js` with a Mode,
// waits until its discovery document answers over HTTP on 127.0.0.1, and
// Stop ends it. The peer's login and consent pages are the forms
// internal/testbrowser fills in (username demo, password demo).
//
// The peer logs every request on stderr as one JSON line; Log and Requests
// return them, so a test can check what oauthdesk actually sent (which
// endpoints, headers, parameter names — never values).
//
// Node and the npm packages must be installed (scripts/deps.sh runs
// `npm ci` in testpeers/oidc-provider). StartT skips a test when they are
// missing, unless OAUTHDESK_REQUIRE_E2E=1, when it fails it.
package oidcpeer

import (
	"bufio"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// ErrNotInstalled means node or the peer's npm packages are missing.
var ErrNotInstalled = errors.New("oidcpeer: the oidc-provider test peer is not installed")

// Peer is one running oidc-provider.
type Peer struct {
	// Issuer is the peer's issuer URL, http://127.0.0.1:PORT.
	Issuer string
	// Port is the TCP port it listens on.
	Port int

	cmd   *exec.Cmd
	stdin io.WriteCloser
	done  chan struct{}
	err   error // process exit, valid after done is closed

	mu     sync.Mutex
	cond   *sync.Cond // on mu: a log line was read
	log    []Entry
	raw    []string
	syncN  int
	synced string // id of the last sync marker read
}

// Dir returns the directory holding server.js: $OAUTHDESK_OIDCPEER_DIR,
// or testpeers/oidc-provider in the first parent of the working directory
// that has it.
func Dir() (string, error) {
	if d := os.Getenv("OAUTHDESK_OIDCPEER_DIR"); d != "" {
		return d, nil
	}
	wd, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("oidcpeer: find the test peer: %w", err)
	}
	for d := wd; ; d = filepath.Dir(d) {
		p := filepath.Join(d, "testpeers", "oidc-provider")
		if _, err := os.Stat(filepath.Join(p, "server.js")); err == nil {
			return p, nil
		}
		if filepath.Dir(d) == d {
			return "", fmt.Errorf("%w: no testpeers/oidc-provider/server.js above %s", ErrNotInstalled, wd)
		}
	}
}

// Start runs the peer in mode m and returns when its discovery document
// answers. ctx bounds the start only; the peer runs until Stop.
func Start(ctx context.Context, m Mode) (*Peer, error) {
	dir, err := Dir()
	if err != nil {
		return nil, err
	}
	node, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("%w: node is not on PATH", ErrNotInstalled)
	}
	if _, err := os.Stat(filepath.Join(dir, "node_modules", "oidc-provider", "package.json")); err != nil {
		return nil, fmt.Errorf("%w: run `npm ci` in %s (scripts/deps.sh does)", ErrNotInstalled, dir)
	}
	if m.Clients == nil {
		m.Clients = []Client{}
	}
	cfg, err := json.Marshal(m)
	if err != nil {
		return nil, fmt.Errorf("oidcpeer: encode mode: %w", err)
	}
	cmd := exec.Command(node, "server.js")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "OIDCPEER_CONFIG="+string(cfg), "NODE_ENV=test")
	stdin, err := cmd.StdinPipe()
	if err != nil {
		return nil, fmt.Errorf("oidcpeer: stdin pipe: %w", err)
	}
	stdout, err := cmd.StdoutPipe()
	if err != nil {
		return nil, fmt.Errorf("oidcpeer: stdout pipe: %w", err)
	}
	stderr, err := cmd.StderrPipe()
	if err != nil {
		return nil, fmt.Errorf("oidcpeer: stderr pipe: %w", err)
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("oidcpeer: start node server.js: %w", err)
	}
	p := &Peer{cmd: cmd, stdin: stdin, done: make(chan struct{})}
	p.cond = sync.NewCond(&p.mu)
	go p.readLog(stderr)
	ready := make(chan readyLine, 1)
	go readReady(stdout, ready)
	go func() {
		p.err = cmd.Wait()
		close(p.done)
	}()

	select {
	case r := <-ready:
		if r.err != nil {
			p.Stop()
			return nil, fmt.Errorf("oidcpeer: read the peer's ready line: %w%s", r.err, p.tail())
		}
		p.Issuer, p.Port = r.Issuer, r.Port
	case <-p.done:
		return nil, fmt.Errorf("oidcpeer: the peer exited before it was ready (%v)%s", p.err, p.tail())
	case <-ctx.Done():
		p.Stop()
		return nil, fmt.Errorf("oidcpeer: waiting for the peer: %w%s", ctx.Err(), p.tail())
	}
	if err := p.waitDiscovery(ctx, m); err != nil {
		p.Stop()
		return nil, err
	}
	return p, nil
}

// readyLine is the JSON line server.js prints when it listens.
type readyLine struct {
	Issuer string `json:"issuer"`
	Port   int    `json:"port"`
	err    error
}

// readReady reads the first stdout line and then drains stdout.
func readReady(r io.Reader, out chan<- readyLine) {
	br := bufio.NewReader(r)
	line, err := br.ReadString('\n')
	var rl readyLine
	if err != nil {
		rl.err = fmt.Errorf("stdout closed: %w", err)
	} else if jerr := json.Unmarshal([]byte(line), &rl); jerr != nil || !strings.HasPrefix(rl.Issuer, "http://127.0.0.1:") {
		rl.err = fmt.Errorf("unexpected ready line %q", strings.TrimSpace(line))
	}
	out <- rl
	_, _ = io.Copy(io.Discard, br)
}

// waitDiscovery polls the discovery document until it answers 200.
func (p *Peer) waitDiscovery(ctx context.Context, m Mode) error {
	client := &http.Client{Timeout: 2 * time.Second, Transport: &http.Transport{Proxy: nil}}
	url := p.Issuer + "/.well-known/openid-configuration"
	if m.OAuthMetadataOnly {
		url = fmt.Sprintf("http://127.0.0.1:%d/.well-known/oauth-authorization-server%s", p.Port, strings.TrimSuffix(m.IssuerPath, "/"))
	}
	var last error
	for {
		req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
		if err != nil {
			return fmt.Errorf("oidcpeer: discovery request: %w", err)
		}
		resp, err := client.Do(req)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
			err = fmt.Errorf("HTTP %d", resp.StatusCode)
		}
		last = err
		select {
		case <-ctx.Done():
			return fmt.Errorf("oidcpeer: discovery at %s never answered (%v)%s", url, last, p.tail())
		case <-p.done:
			return fmt.Errorf("oidcpeer: the peer exited (%v)%s", p.err, p.tail())
		case <-time.After(50 * time.Millisecond):
		}
	}
}

// Stop ends the peer (closing its stdin, then SIGKILL after 3 s) and
// waits for it.
func (p *Peer) Stop() error {
	_ = p.stdin.Close()
	select {
	case <-p.done:
	case <-time.After(3 * time.Second):
		_ = p.cmd.Process.Kill()
		<-p.done
	}
	return nil
}

// StartT starts the peer for a test and stops it when the test ends. It
// skips the test when the peer is not installed, unless
// OAUTHDESK_REQUIRE_E2E=1.
func StartT(t testing.TB, m Mode) *Peer {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 90*time.Second)
	defer cancel()
	p, err := Start(ctx, m)
	if errors.Is(err, ErrNotInstalled) && os.Getenv("OAUTHDESK_REQUIRE_E2E") != "1" {
		t.Skip(err)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		_ = p.Stop()
		if t.Failed() {
			t.Logf("oidc-provider log:%s", p.tail())
		}
	})
	return p
}
