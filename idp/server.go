package idp

import (
	"context"
	"crypto/rand"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// Server is a running provider. Create it with Start; stop it with Close.
type Server struct {
	issuer   string
	store    *storage
	provider *op.Provider
	log      *slog.Logger
	http     *http.Server
	served   chan struct{} // closed when Serve returns

	// failedLogins holds the username of a request's last failed login,
	// for the login page after post/redirect/get.
	failedLogins *memo
	// answered holds the requests and device codes answered here, so
	// their pages show a calm "finished" page afterwards (Back).
	answered *memo

	conns     conns
	closeOnce sync.Once
	closeErr  error
}

// Start binds opts.Addr, loads state from opts.DataDir, and serves the
// provider in the background. It returns once the listener is bound, so
// Issuer() answers at once. ctx bounds the start only; the server runs until
// Close.
func Start(ctx context.Context, opts Options) (*Server, error) {
	opts = opts.withDefaults()
	if err := checkLoopbackAddr(opts.Addr); err != nil {
		return nil, err
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("idp: start: %w", err)
	}
	// Bind first: a taken port is the common failure, and it is cheap.
	var lc net.ListenConfig
	ln, err := lc.Listen(ctx, "tcp", opts.Addr)
	if err != nil {
		return nil, fmt.Errorf("idp: listen on %s: %w", opts.Addr, err)
	}
	var (
		sf    *stateFile
		saved *savedState
	)
	if opts.DataDir != "" {
		if sf, saved, err = openState(opts.DataDir); err != nil {
			ln.Close()
			return nil, err
		}
	}
	store, err := newStorage(opts, sf, saved)
	if err != nil {
		ln.Close()
		return nil, err
	}
	s := &Server{
		issuer: "http://" + ln.Addr().String(),
		store:  store,
		log:    opts.Logger,
		served: make(chan struct{}),

		failedLogins: newMemo(authRequestTTL),
		answered:     newMemo(authRequestTTL),
	}
	// Save a freshly made key and users now, so the key is stable from the
	// first start on even if no token is ever issued.
	if err := store.persist(); err != nil {
		ln.Close()
		return nil, err
	}
	if s.provider, err = newProvider(s.issuer, store); err != nil {
		ln.Close()
		return nil, err
	}
	s.http = &http.Server{
		Handler:           s.routes(),
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		IdleTimeout:       60 * time.Second,
		ErrorLog:          slog.NewLogLogger(opts.Logger.Handler(), slog.LevelWarn),
		ConnState:         s.conns.track,
	}
	go func() {
		defer close(s.served)
		if err := s.http.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			s.log.Error("idp: serving stopped", "error", err)
		}
	}()
	s.log.Info("idp: listening", "issuer", s.issuer, "data_dir", opts.DataDir)
	return s, nil
}

// newProvider configures zitadel's op for issuer over store.
func newProvider(issuer string, store *storage) (*op.Provider, error) {
	var cryptoKey [32]byte // encrypts authorization codes; codes die with the process anyway
	if _, err := rand.Read(cryptoKey[:]); err != nil {
		return nil, fmt.Errorf("idp: read random code encryption key: %w", err)
	}
	cfg := &op.Config{
		CryptoKey:                cryptoKey,
		DefaultLogoutRedirectURI: "/signed-out",
		CodeMethodS256:           true,
		AuthMethodPost:           false,
		AuthMethodPrivateKeyJWT:  false,
		GrantTypeRefreshToken:    true,
		RequestObjectSupported:   false,
		SupportedClaims:          supportedClaims,
		SupportedScopes:          supportedScopes,
		DeviceAuthorization: op.DeviceAuthorizationConfig{
			Lifetime:     10 * time.Minute,
			PollInterval: time.Second,
			UserFormPath: "/device",
			UserCode:     op.UserCodeBase20,
		},
	}
	p, err := op.NewProvider(cfg, store, op.StaticIssuer(issuer), op.WithAllowInsecure())
	if err != nil {
		return nil, fmt.Errorf("idp: create OpenID provider for %s: %w", issuer, err)
	}
	return p, nil
}

// routes wires the provider's own pages in front of op's endpoints.
func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+oidc.DiscoveryEndpoint, s.handleDiscovery)
	mux.HandleFunc("GET "+MarkerPath, s.handleMarker)
	mux.HandleFunc("GET "+ProofPath, s.handleProof)
	mux.HandleFunc("GET /login", s.handleLoginPage)
	mux.HandleFunc("POST /login", s.handleLogin)
	mux.HandleFunc("GET /consent", s.handleConsentPage)
	mux.HandleFunc("POST /consent", s.handleConsent)
	mux.HandleFunc("GET /device", s.handleDevicePage)
	mux.HandleFunc("POST /device/login", s.handleDeviceLogin)
	mux.HandleFunc("GET /device/consent", s.handleDeviceConsentPage)
	mux.HandleFunc("POST /device/consent", s.handleDeviceConsent)
	mux.HandleFunc("GET /device/done", s.handleDeviceDone)
	mux.HandleFunc("GET /signed-out", func(w http.ResponseWriter, r *http.Request) {
		renderMessage(w, r, http.StatusOK, message{title: "signedout.title", body: "signedout.body", next: "next.close"})
	})
	mux.HandleFunc("GET /{$}", func(w http.ResponseWriter, r *http.Request) {
		renderMessage(w, r, http.StatusOK, message{title: "running.title", body: "running.body", args: []any{s.issuer}, next: "running.next"})
	})
	mux.Handle("/", s.provider)

	h := s.catchErrors(mux)
	h = withIssParameter(s.issuer, h)
	h = withBearerChallenge(h)
	h = op.NewIssuerInterceptor(s.provider.IssuerFromRequest).Handler(h)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set(MarkerHeader, "1")
		h.ServeHTTP(w, r)
	})
}

// Issuer returns the issuer URL, "http://127.0.0.1:PORT" (or
// "http://[::1]:PORT").
func (s *Server) Issuer() string { return s.issuer }

// Close shuts the server down gracefully (waiting up to 5 seconds for
// requests in flight) and writes the state file one last time. It is safe
// to call more than once.
func (s *Server) Close() error {
	s.closeOnce.Do(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		var errs []error
		// Stop accepting and let requests in flight finish; then close
		// every connection, including a browser's idle or preconnected
		// ones, which Shutdown alone would wait for.
		s.http.SetKeepAlivesEnabled(false)
		shut := make(chan error, 1)
		go func() { shut <- s.http.Shutdown(ctx) }()
		if err := s.conns.wait(ctx); err != nil {
			errs = append(errs, fmt.Errorf("idp: shut down %s: requests still in flight: %w", s.issuer, err))
		}
		_ = s.http.Close()
		<-shut
		<-s.served
		if err := s.store.persist(); err != nil {
			errs = append(errs, err)
		}
		s.closeErr = errors.Join(errs...)
		s.log.Info("idp: stopped", "issuer", s.issuer)
	})
	return s.closeErr
}

// RevokeRefreshTokens invalidates every refresh token issued to username.
// It is a test helper for the "revoked refresh token" case; the next refresh
// with such a token fails with invalid_grant.
func (s *Server) RevokeRefreshTokens(username string) {
	n, err := s.store.revokeRefreshTokensOf(username)
	if err != nil {
		s.log.Error("idp: saving state after revoking refresh tokens failed", "username", username, "error", err)
	}
	s.log.Info("idp: refresh tokens revoked", "username", username, "count", n)
}
