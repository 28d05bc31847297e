package idp

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"
)

// ErrPortTaken means another program, not an oauthdesk provider, holds the
// demo provider's port.
var ErrPortTaken = errors.New("port is taken by another program")

// probeTimeout bounds each probe request to a running provider.
const probeTimeout = 2 * time.Second

// EnsureDemo makes sure the demo provider answers on
// 127.0.0.1:DefaultPort (or on addr, if not empty) with state in dataDir.
//
// If the port is free, it starts a provider in this process and returns its
// Close as stop. If the port is taken, what answers there must prove that
// it is this user's demo provider (for example one the desktop app
// started): it must sign a fresh random challenge with the signing key
// kept in dataDir (ProofPath). Then EnsureDemo returns that issuer and a
// stop that does nothing. Otherwise it returns an error wrapping
// ErrPortTaken that names the port and, where the system shows it, the
// process holding it; nothing but the probes and the challenge was sent
// to it.
func EnsureDemo(ctx context.Context, addr, dataDir string) (issuer string, stop func() error, err error) {
	if addr == "" {
		addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(DefaultPort))
	}
	if err := checkLoopbackAddr(addr); err != nil {
		return "", nil, err
	}
	if _, port, _ := net.SplitHostPort(addr); port == "0" {
		return "", nil, fmt.Errorf("idp: demo provider address %s: needs a fixed port, not 0", addr)
	}
	srv, startErr := Start(ctx, Options{Addr: addr, DataDir: dataDir})
	if startErr == nil {
		return srv.Issuer(), srv.Close, nil
	}
	if !isAddrInUse(startErr) {
		return "", nil, startErr
	}
	want := "http://" + addr
	if err := probeProvider(ctx, want, dataDir); err != nil {
		holder := "another program"
		if _, port, _ := net.SplitHostPort(addr); port != "" {
			if n, _ := strconv.Atoi(port); n > 0 {
				if o := portOwner(n); o != "" {
					holder = "another program (" + o + ")"
				}
			}
		}
		return "", nil, fmt.Errorf("idp: %w: %s is held by %s, and it is not this user's oauthdesk demo provider: %v; stop that program or set %s to another address", ErrPortTaken, addr, holder, err, "OAUTHDESK_DEMO_ADDR")
	}
	return want, func() error { return nil }, nil
}

// isAddrInUse reports whether err is "address already in use" (EADDRINUSE,
// or WSAEADDRINUSE on Windows).
func isAddrInUse(err error) bool {
	var errno syscall.Errno
	if !errors.As(err, &errno) {
		return false
	}
	return errno == syscall.EADDRINUSE || errno == 10048
}

// probeProvider checks that issuer is served by this user's oauthdesk
// provider: the marker endpoint names the service and issuer, discovery
// carries the marker header and the same issuer (these are public, so
// they only tell a stranger apart quickly), and it proves that it holds
// the signing key kept in dataDir.
func probeProvider(ctx context.Context, issuer, dataDir string) error {
	client := &http.Client{
		Timeout: probeTimeout,
		// Never follow a redirect: the answer must come from that port.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
		Transport:     &http.Transport{Proxy: nil, DisableKeepAlives: true},
	}
	var mk markerInfo
	if err := getJSON(ctx, client, issuer+MarkerPath, &mk); err != nil {
		return err
	}
	if mk.Service != markerService || mk.Issuer != issuer {
		return fmt.Errorf("%s does not identify an oauthdesk provider for %s", MarkerPath, issuer)
	}
	var disc struct {
		Issuer string `json:"issuer"`
	}
	hdr, err := getJSONHeader(ctx, client, issuer+"/.well-known/openid-configuration", &disc)
	if err != nil {
		return err
	}
	if hdr.Get(MarkerHeader) != "1" || disc.Issuer != issuer {
		return fmt.Errorf("discovery at %s is not an oauthdesk provider's (issuer %q)", issuer, disc.Issuer)
	}
	pub, err := savedPublicKey(dataDir)
	if err != nil {
		return fmt.Errorf("it looks like one, but there is %w", err)
	}
	return verifyProof(ctx, client, issuer, pub)
}

// getJSON fetches url and decodes a 200 JSON answer into v.
func getJSON(ctx context.Context, client *http.Client, url string, v any) error {
	_, err := getJSONHeader(ctx, client, url, v)
	return err
}

// getJSONHeader is getJSON that also returns the response header.
func getJSONHeader(ctx context.Context, client *http.Client, url string, v any) (http.Header, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return nil, fmt.Errorf("build request for %s: %w", url, err)
	}
	resp, err := client.Do(req)
	if err != nil {
		return nil, fmt.Errorf("GET %s: %w", url, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return nil, fmt.Errorf("GET %s: status %s", url, resp.Status)
	}
	if err := json.NewDecoder(io.LimitReader(resp.Body, 1<<20)).Decode(v); err != nil {
		return nil, fmt.Errorf("GET %s: decode JSON: %w", url, err)
	}
	return resp.Header, nil
}
