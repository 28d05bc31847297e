package auth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"golang.org/x/oauth2"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/loopback"
)

// ErrDeviceCodeExpired means the device code of a device sign-in (RFC 8628)
// expired before the person approved it: the provider answered
// expired_token, or the code's lifetime ran out while polling.
var ErrDeviceCodeExpired = errors.New("the code expired before it was approved; start the device sign-in again")

// GrantDeviceCode is TokenSet.Grant for a session obtained with the device
// authorization grant (RFC 8628). It is not a grant a provider can be
// configured for: device sign-in is chosen per sign-in (DeviceLogin).
const GrantDeviceCode = "urn:ietf:params:oauth:grant-type:device_code"

// defaultDeviceInterval is the polling interval when the provider names
// none (RFC 8628 §3.2).
const defaultDeviceInterval = 5 * time.Second

// DeviceCode is what the person needs to approve a device sign-in on
// another device: the code to type and where (RFC 8628 §3.2).
type DeviceCode struct {
	// UserCode is the code the person enters at VerificationURI.
	UserCode string
	// VerificationURI is the page where the code is entered.
	VerificationURI string
	// VerificationURIComplete, if the provider sent one, is
	// VerificationURI with the code already in it (for a link or QR code).
	VerificationURIComplete string
	// ExpiresAt is when the code expires; zero when the provider did not say.
	ExpiresAt time.Time
	// Interval is how often oauthdesk asks the provider whether the code
	// was approved (it grows when the provider answers slow_down).
	Interval time.Duration
}

// DeviceLogin signs in to provider id with the device authorization grant
// (RFC 8628), for when the browser is on another device or there is none:
// it asks the provider for a code, hands it to onCode (which shows it to
// the person), then polls the token endpoint at the provider's interval —
// longer after each slow_down — until the person approves or denies, the
// code expires, or ctx ends (ctx carries the time limit). The ID token is
// verified as in Login (there is no nonce in this grant), and the token set
// is stored only once every check has passed: a failed device sign-in
// stores nothing.
//
// Errors: ErrNotSupported when the provider has no device authorization
// endpoint; ErrDeviceCodeExpired when the code expired; a *ProviderError
// (code access_denied) when the person denied; ErrTimeout or ErrCanceled
// when ctx ended first.
func (e *Engine) DeviceLogin(ctx context.Context, id string, onCode func(DeviceCode)) (*TokenSet, error) {
	r, err := e.resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.GrantType() == GrantClientCredentials {
		return nil, fmt.Errorf("%s: %w: it is configured for the client_credentials grant, which signs in no person; sign in without --device", r.ID, ErrNotSupported)
	}
	if r.DeviceAuthURL == "" {
		return nil, fmt.Errorf("%s: %w: the provider has no device authorization endpoint (RFC 8628); set device_auth_url if it has one, or sign in through the browser", r.ID, ErrNotSupported)
	}
	conf := r.oauth2Config("")
	da, err := e.deviceAuthorization(ctx, r, conf)
	if err != nil {
		return nil, err
	}
	code := DeviceCode{
		UserCode:                da.UserCode,
		VerificationURI:         da.VerificationURI,
		VerificationURIComplete: da.VerificationURIComplete,
		ExpiresAt:               da.Expiry,
		Interval:                defaultDeviceInterval,
	}
	if da.Interval > 0 {
		code.Interval = time.Duration(da.Interval) * time.Second
	}
	if onCode != nil {
		onCode(code)
	}

	explain := "Ask the token endpoint whether the person has approved the device code yet (RFC 8628 §3.4); authorization_pending means not yet"
	key, nonces, err := newSessionDPoP(r)
	if err != nil {
		return nil, err
	}
	if key != nil {
		explain += "; each poll carries a DPoP proof of the session's new key (RFC 9449 §5)"
	}
	tctx, err := e.tokenContext(withResources(ctx, r.Resources), r, key, nonces)
	if err != nil {
		return nil, err
	}
	pctx := flowlog.WithStep(tctx, r.ID, "token", explain)
	tok, err := conf.DeviceAccessToken(pctx, da)
	if err != nil {
		return nil, e.deviceError(ctx, r, err)
	}
	t, err := e.tokenSetFrom(ctx, r, tok, "", "")
	if err != nil {
		return nil, err
	}
	if err := bindDPoP(t, key, nonces); err != nil {
		return nil, err
	}
	t.Grant = GrantDeviceCode
	t.ObtainedAt = e.now()
	if err := e.storeSignIn(ctx, r.ID, t); err != nil {
		return nil, err
	}
	return t, nil
}

// deviceAuthorization asks the provider for a device code and a user code
// (RFC 8628 §3.1), labelled as the flow log's "device" step.
func (e *Engine) deviceAuthorization(ctx context.Context, r *resolved, conf *oauth2.Config) (*oauth2.DeviceAuthResponse, error) {
	dctx, cancel := context.WithTimeout(ctx, e.client.Timeout)
	defer cancel()
	dctx = flowlog.WithStep(withResources(dctx, r.Resources), r.ID, "device", "Ask the provider for a device code and a user code for the person to enter on another device (RFC 8628 §3.1)")
	// RFC 8628 §3.1: a confidential client authenticates here as at the
	// token endpoint. x/oauth2's DeviceAuth builds its request without a
	// context, so the client it is given puts dctx back on the request:
	// the step label reaches the flow log, and ctx's cancellation reaches
	// the request.
	cc, err := e.clientHTTP(r, nil, nil)
	if err != nil {
		return nil, err
	}
	c := *cc
	c.Transport = &contextTransport{ctx: dctx, next: cc.Transport}
	da, err := conf.DeviceAuth(context.WithValue(dctx, oauth2.HTTPClient, &c))
	if err != nil {
		if cerr := ctxEnded(ctx); cerr != nil {
			return nil, cerr
		}
		return nil, fmt.Errorf("starting a device sign-in to %s: %w", r.DisplayName(), tokenError("device authorization", err))
	}
	if da.DeviceCode == "" || da.UserCode == "" || da.VerificationURI == "" {
		return nil, fmt.Errorf("starting a device sign-in to %s: %w: the device authorization response lacks device_code, user_code or verification_uri", r.DisplayName(), ErrBadTokenResponse)
	}
	// The person is told to open these, and the app opens them: a hostile
	// provider must not get file:, javascript: or a browser flag there.
	for _, f := range []struct{ name, value string }{
		{"verification_uri", da.VerificationURI}, {"verification_uri_complete", da.VerificationURIComplete},
	} {
		if f.value == "" {
			continue
		}
		if err := loopback.CheckBrowserURL(f.value); err != nil {
			return nil, fmt.Errorf("starting a device sign-in to %s: the provider's %s is refused, and was neither shown nor opened: %w", r.DisplayName(), f.name, err)
		}
	}
	return da, nil
}

// deviceError turns a failed poll into an error a person can act on.
func (e *Engine) deviceError(ctx context.Context, r *resolved, err error) error {
	if cerr := ctxEnded(ctx); cerr != nil {
		return cerr
	}
	var re *oauth2.RetrieveError
	if errors.As(err, &re) && re.ErrorCode == "expired_token" {
		return fmt.Errorf("signing in to %s: %w; nothing was stored", r.DisplayName(), ErrDeviceCodeExpired)
	}
	// DeviceAccessToken stops at the code's expiry with its own deadline.
	if errors.Is(err, context.DeadlineExceeded) {
		return fmt.Errorf("signing in to %s: %w; nothing was stored", r.DisplayName(), ErrDeviceCodeExpired)
	}
	return fmt.Errorf("signing in to %s: %w; nothing was stored", r.DisplayName(), tokenError("token", err))
}

// ctxEnded describes why ctx ended, or is nil while it is live.
func ctxEnded(ctx context.Context) error {
	switch {
	case ctx.Err() == nil:
		return nil
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return fmt.Errorf("%w: the code was not approved in time; nothing was stored (use --timeout for more time)", ErrTimeout)
	default:
		return fmt.Errorf("%w; nothing was stored", ErrCanceled)
	}
}

// contextTransport sends each request with ctx instead of the request's
// own context.
type contextTransport struct {
	ctx  context.Context
	next http.RoundTripper
}

// RoundTrip sends a copy of req that carries t.ctx.
func (t *contextTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	return t.next.RoundTrip(req.WithContext(t.ctx))
}
