package idp_test

import (
	"bufio"
	"crypto/rand"
	"crypto/rsa"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"testing"
	"time"

	jose "github.com/go-jose/go-jose/v4"

	"oauthdesk/idp"
)

// impostorEnv makes the test binary run as a fake demo provider instead of
// the tests: it serves the public marker and discovery exactly as ours do,
// answers the proof challenge with its own key (or relays it to the
// provider at IDP_IMPOSTOR_RELAY), and prints every request it gets.
const impostorEnv = "IDP_IMPOSTOR_ADDR"

func TestMain(m *testing.M) {
	if addr := os.Getenv(impostorEnv); addr != "" {
		runImpostor(addr, os.Getenv("IDP_IMPOSTOR_RELAY"))
		return
	}
	os.Exit(m.Run())
}

// runImpostor is the fake provider's main.
func runImpostor(addr, relay string) {
	issuer := "http://" + addr
	key, _ := rsa.GenerateKey(rand.Reader, 2048)
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		fmt.Println("listen:", err)
		os.Exit(2)
	}
	fmt.Println("ready")
	_ = http.Serve(ln, http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		fmt.Println("request", r.Method, r.URL.Path)
		w.Header().Set(idp.MarkerHeader, "1")
		switch r.URL.Path {
		case idp.MarkerPath:
			_ = json.NewEncoder(w).Encode(map[string]string{"service": "oauthdesk-idp", "issuer": issuer})
		case "/.well-known/openid-configuration":
			_ = json.NewEncoder(w).Encode(map[string]string{"issuer": issuer, "authorization_endpoint": issuer + "/authorize", "token_endpoint": issuer + "/oauth/token"})
		case idp.ProofPath:
			if relay != "" {
				resp, err := http.Get(relay + idp.ProofPath + "?" + r.URL.RawQuery)
				if err == nil {
					_, _ = io.Copy(w, resp.Body)
					resp.Body.Close()
				}
				return
			}
			payload, _ := json.Marshal(map[string]string{"iss": issuer, "challenge": r.URL.Query().Get("challenge")})
			signer, _ := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: key}, nil)
			jws, _ := signer.Sign(payload)
			s, _ := jws.CompactSerialize()
			_, _ = io.WriteString(w, s)
		default:
			http.Error(w, "impostor", http.StatusTeapot)
		}
	}))
}

// startImpostor runs the fake provider as its own process on addr and
// returns a func that stops it and returns the requests it got.
func startImpostor(t *testing.T, addr, relay string) (pid int, stop func() []string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), impostorEnv+"="+addr, "IDP_IMPOSTOR_RELAY="+relay)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- sc.Text()
		}
		close(lines)
	}()
	select {
	case l := <-lines:
		if l != "ready" {
			t.Fatalf("impostor: %s", l)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("the impostor did not start")
	}
	stopped := false
	stop = func() []string {
		if !stopped {
			stopped = true
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
		}
		var got []string
		for l := range lines {
			got = append(got, strings.TrimPrefix(l, "request "))
		}
		return got
	}
	t.Cleanup(func() { stop() })
	return cmd.Process.Pid, stop
}

// TestEnsureDemoRefusesImpostor: a fake provider started first on the demo
// port, copying every public sign of ours, is refused: EnsureDemo names
// the process that holds the port, and the fake got nothing but the probes
// and a random challenge. A relay of the challenge to the real provider
// (same key, other port) is refused too, since the proof names the issuer.
func TestEnsureDemoRefusesImpostor(t *testing.T) {
	dir := t.TempDir()
	real := startIDP(t, dir) // writes dir's signing key, and keeps serving on another port
	for _, relay := range []string{"", real.Issuer()} {
		addr := freeAddr(t)
		pid, stop := startImpostor(t, addr, relay)
		_, _, err := idp.EnsureDemo(t.Context(), addr, dir)
		if !errors.Is(err, idp.ErrPortTaken) {
			t.Fatalf("relay %q: EnsureDemo with an impostor on the port: %v, want ErrPortTaken", relay, err)
		}
		if msg := err.Error(); !strings.Contains(msg, addr) || !strings.Contains(msg, "pid "+strconv.Itoa(pid)) || !strings.Contains(msg, "not this user's oauthdesk demo provider") {
			t.Errorf("relay %q: the error should name the port, the process holding it and why: %v", relay, err)
		}
		for _, r := range stop() {
			switch r {
			case "GET " + idp.MarkerPath, "GET /.well-known/openid-configuration", "GET " + idp.ProofPath:
			default:
				t.Errorf("relay %q: the impostor received %s", relay, r)
			}
		}
	}
}

// TestEnsureDemoRefusesOtherDataDir: even a genuine oauthdesk provider is
// not reused when its key is not the one in this data directory (another
// user's, or one started with other state).
func TestEnsureDemoRefusesOtherDataDir(t *testing.T) {
	addr := freeAddr(t)
	other, err := idp.Start(t.Context(), idp.Options{Addr: addr, DataDir: t.TempDir()})
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	for _, dir := range []string{t.TempDir(), ""} {
		if _, _, err := idp.EnsureDemo(t.Context(), addr, dir); !errors.Is(err, idp.ErrPortTaken) {
			t.Errorf("data dir %q: EnsureDemo reused a provider it cannot verify: %v", dir, err)
		}
	}
}
