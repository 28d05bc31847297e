// Command soakidp runs the local OpenID provider (idp/) with short-lived
// access tokens, for bench/soak.sh: `soakidp -addr 127.0.0.1:PORT -ttl 5s`.
// It prints the issuer and serves until killed.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"os/signal"
	"syscall"
	"time"

	"oauthdesk/idp"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "listen address (loopback)")
	ttl := flag.Duration("ttl", 5*time.Second, "access and ID token lifetime")
	dir := flag.String("data", "", "state directory (empty: in memory)")
	flag.Parse()
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	s, err := idp.Start(ctx, idp.Options{Addr: *addr, AccessTokenTTL: *ttl, DataDir: *dir})
	if err != nil {
		fmt.Fprintln(os.Stderr, "soakidp:", err)
		os.Exit(1)
	}
	fmt.Println(s.Issuer())
	<-ctx.Done()
	s.Close()
}
