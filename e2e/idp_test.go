package e2e

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"oauthdesk/idp"
)

// running is the provider the test process started, if any.
var running *idp.Server

// startDemoIdP runs the demo provider in the test process, on the env's
// demo address and with the state the CLI uses, so that the CLI finds it
// running instead of starting its own.
func startDemoIdP(t *testing.T, e *env) func() {
	return startDemoIdPWithTTL(t, e, 0)
}

// startDemoIdPWithTTL is startDemoIdP with a given access token lifetime.
func startDemoIdPWithTTL(t *testing.T, e *env, ttl time.Duration) func() {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	s, err := idp.Start(ctx, idp.Options{
		Addr:           e.demo,
		DataDir:        filepath.Join(e.vars["OAUTHDESK_DATA_DIR"], "demo-idp"),
		AccessTokenTTL: ttl,
	})
	if err != nil {
		t.Fatalf("starting the demo provider: %v", err)
	}
	running = s
	return func() { s.Close(); running = nil }
}

// revokeDemoGrants invalidates the demo user's refresh tokens at the
// running provider.
func revokeDemoGrants(t *testing.T) {
	t.Helper()
	if running == nil {
		t.Fatal("no provider running")
	}
	running.RevokeRefreshTokens(idp.DemoUsername)
}
