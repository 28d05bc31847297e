// Package wiring builds what both binaries share, so that neither depends
// on the other's package: the engine with the built-in demo provider
// (NewEngine, started in-process on first use at DemoAddr with its state in
// DemoDataDir), the display check the desktop app needs before it opens a
// window (CheckDisplay), and handing this process over to the sibling
// binary (Exec). It holds no state.
package wiring

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"path/filepath"
	"strconv"

	"oauthdesk/auth"
	"oauthdesk/auth/provider"
	"oauthdesk/idp"
)

// DemoAddrEnv overrides the demo provider's loopback address (tests use a
// free port so they do not collide with a person's running app).
const DemoAddrEnv = "OAUTHDESK_DEMO_ADDR"

// DemoAddr is where the built-in demo provider answers.
func DemoAddr() string {
	if a := os.Getenv(DemoAddrEnv); a != "" {
		return a
	}
	return net.JoinHostPort("127.0.0.1", strconv.Itoa(idp.DefaultPort))
}

// DemoDataDir is where the demo provider keeps its state across runs.
func DemoDataDir() (string, error) {
	d, err := provider.DataDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(d, "demo-idp"), nil
}

// NewEngine builds the engine the CLI and the desktop app share: the
// providers file at configPath ("" for the default), the OS keyring, and
// the built-in demo provider, started in-process on first use. onStep, if
// set, sees every step of every flow.
func NewEngine(configPath string, logger *slog.Logger, onStep func(auth.Step)) (*auth.Engine, error) {
	return newEngine(auth.Options{ConfigPath: configPath, Logger: logger, OnStep: onStep})
}

// NewDesktopEngine is the desktop app's engine: NewEngine with the default
// providers file, which it opens even when the file has a mistake (the
// window shows it, and follows the file until it is fixed).
func NewDesktopEngine() (*auth.Engine, error) {
	return newEngine(auth.Options{KeepBadConfig: true})
}

// newEngine is the engine for opts with the built-in demo provider.
func newEngine(opts auth.Options) (*auth.Engine, error) {
	addr := DemoAddr()
	demo := &auth.Demo{
		Issuer: "http://" + addr,
		Ensure: func(ctx context.Context) (func() error, error) {
			dir, err := DemoDataDir()
			if err != nil {
				return nil, err
			}
			_, stop, err := idp.EnsureDemo(ctx, addr, dir)
			if err != nil {
				return nil, fmt.Errorf("on %s: %w", addr, err)
			}
			return stop, nil
		},
	}
	opts.Demo = demo
	return auth.New(opts)
}
