package idp

import (
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/netip"
	"strconv"
	"time"
)

// Identifiers of the built-in clients and users, and the demo provider's port.
const (
	// DemoClientID is the public native client: no secret, PKCE S256
	// required, token endpoint auth method "none".
	DemoClientID = "oauthdesk-demo"
	// ConfidentialClientID is a native client that authenticates with
	// client_secret_basic. Its grants are authorization_code, refresh_token
	// and client_credentials, and it may call the introspection endpoint.
	ConfidentialClientID = "oauthdesk-confidential"
	// ConfidentialClientSecret is ConfidentialClientID's secret.
	ConfidentialClientSecret = "demo-secret"
	// IntrospectClientID is the demo's resource server: a client with no
	// grants that may only call the introspection endpoint (RFC 7662 §2.1
	// asks the caller to authenticate). It lets oauthdesk introspect the
	// tokens of the public demo client, which has no secret to
	// authenticate with. Its secret is public like the demo's passwords:
	// it only tells the holder of a token about that token.
	IntrospectClientID = "oauthdesk-demo-introspect"
	// IntrospectClientSecret is IntrospectClientID's secret.
	IntrospectClientSecret = "demo-introspect-secret"
	// DemoUsername is the built-in user's name.
	DemoUsername = "demo"
	// DemoPassword is the built-in user's password.
	DemoPassword = "demo"
	// DefaultPort is the stable loopback port of the built-in demo provider.
	DefaultPort = 47391
)

// DefaultAccessTokenTTL is the access token lifetime when
// Options.AccessTokenTTL is zero.
const DefaultAccessTokenTTL = 10 * time.Minute

// refreshTokenTTL is how long a refresh token stays valid after it was
// issued. Rotation issues a new one with a fresh lifetime.
const refreshTokenTTL = 30 * 24 * time.Hour

// Options configures a Server.
type Options struct {
	// Addr is the listen address. "" means 127.0.0.1:DefaultPort; port 0
	// picks a free port. The host must be 127.0.0.1 or [::1].
	Addr string
	// DataDir is where state persists (signing key, users, issued tokens).
	// "" keeps everything in memory.
	DataDir string
	// AccessTokenTTL is the access token lifetime; zero means
	// DefaultAccessTokenTTL.
	AccessTokenTTL time.Duration
	// IDTokenTTL is the ID token lifetime; zero means AccessTokenTTL.
	IDTokenTTL time.Duration
	// Logger receives the provider's own log lines; nil discards them.
	// It never receives tokens, codes or secrets. (zitadel's op logs its
	// request errors through slog.Default regardless; those hold no tokens
	// either, but do hold the client's state value.)
	Logger *slog.Logger
}

// withDefaults returns a copy of o with every zero field filled in.
func (o Options) withDefaults() Options {
	if o.Addr == "" {
		o.Addr = net.JoinHostPort("127.0.0.1", strconv.Itoa(DefaultPort))
	}
	if o.AccessTokenTTL <= 0 {
		o.AccessTokenTTL = DefaultAccessTokenTTL
	}
	if o.IDTokenTTL <= 0 {
		o.IDTokenTTL = o.AccessTokenTTL
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.NewTextHandler(io.Discard, nil))
	}
	return o
}

// checkLoopbackAddr accepts only 127.0.0.1:PORT and [::1]:PORT.
func checkLoopbackAddr(addr string) error {
	host, port, err := net.SplitHostPort(addr)
	if err != nil {
		return fmt.Errorf("idp: listen address %q: %w", addr, err)
	}
	if _, err := strconv.ParseUint(port, 10, 16); err != nil {
		return fmt.Errorf("idp: listen address %q: port must be a number from 0 to 65535", addr)
	}
	ip, err := netip.ParseAddr(host)
	if err != nil || (ip != netip.MustParseAddr("127.0.0.1") && ip != netip.IPv6Loopback()) {
		return fmt.Errorf("idp: listen address %q: host must be 127.0.0.1 or [::1], the provider only listens on loopback", addr)
	}
	return nil
}
