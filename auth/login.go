package auth

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"net/url"
	"slices"

	"golang.org/x/oauth2"

	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/random"
	"oauthdesk/auth/internal/sanitize"
	"oauthdesk/auth/loopback"
	"oauthdesk/auth/store"
	"oauthdesk/internal/resultpage"
)

// Login signs in to provider id through the browser: the authorization
// code grant with PKCE S256 (RFC 7636), state and nonce from crypto/rand,
// and a loopback redirect (RFC 8252 §7.3). The token set is stored only
// after every check has passed, so a failed sign-in leaves an earlier
// session as it was. A provider configured for client_credentials gets a
// machine-to-machine token instead, with no browser.
func (e *Engine) Login(ctx context.Context, id string, opts LoginOptions) (*TokenSet, error) {
	timeout := opts.Timeout
	if timeout <= 0 {
		timeout = DefaultLoginTimeout
	}
	ctx, cancel := context.WithTimeout(ctx, timeout)
	defer cancel()

	r, err := e.resolve(ctx, id)
	if err != nil {
		return nil, err
	}
	if r.GrantType() == GrantClientCredentials {
		return e.clientCredentials(ctx, r)
	}
	// The keyring's connection is set up while the person signs in, not
	// after, when they wait for the result.
	if w, ok := e.store.(store.Warmer); ok {
		w.Warm()
	}
	state, nonce, verifier := random.Token(32), "", oauth2.GenerateVerifier()
	lb, err := loopback.Listen(r.LoopbackHost(), r.RedirectPort, r.LoopbackPath(), state)
	if err != nil {
		return nil, err
	}
	defer lb.Close()
	redirectURI := r.RedirectURI(lb.Port())

	authOpts := []oauth2.AuthCodeOption{oauth2.S256ChallengeOption(verifier)}
	if r.IsOIDC() && slices.Contains(r.Scopes, "openid") {
		nonce = random.Token(32)
		authOpts = append(authOpts, oauth2.SetAuthURLParam("nonce", nonce))
	}
	for k, v := range r.AuthParams {
		authOpts = append(authOpts, oauth2.SetAuthURLParam(k, v))
	}
	explain := "Send the browser to the provider to sign in and consent (client_id, scope, redirect_uri, PKCE code_challenge, state, nonce)"
	if prompt, ok := offlineAccessPrompt(r.Provider); ok {
		authOpts = append(authOpts, oauth2.SetAuthURLParam("prompt", prompt))
		explain += "; prompt=consent is added because offline_access is requested, which OpenID Connect Core §11 grants only with it"
	}
	if len(r.Resources) > 0 {
		explain += "; resource names the APIs the token is for (RFC 8707)"
	}
	conf := r.oauth2Config(redirectURI)
	ar, err := e.buildAuthRequest(ctx, r, conf, state, explain, authOpts)
	if err != nil {
		return nil, err
	}
	authURL := ar.url
	e.log.Debug("authorization request", "provider", id, "url", sanitize.URL(authURL), "redirect_uri", redirectURI)

	lb.SetTarget(authURL)
	defer e.starts.add(authURL, lb)()

	e.recordBrowserStep(r.ID, "authorize", ar.explain, authURL)
	if opts.OnAuthURL != nil {
		opts.OnAuthURL(authURL)
	}
	if !opts.NoBrowser && !opts.Manual {
		// The browser's command line gets a one-time start URL, not the
		// authorization request: any local user can read a process's
		// arguments (/proc/PID/cmdline).
		go func() {
			if err := e.openGated(lb.StartURL()); err != nil && opts.OnBrowserError != nil {
				opts.OnBrowserError(err)
			}
		}()
	}
	pasted := make(chan url.Values, 1)
	pasteErr := make(chan error, 1)
	if opts.Manual && opts.ManualInput != nil {
		go readPasted(opts.ManualInput, redirectURI, pasted, pasteErr)
	}

	var cb loopback.Callback
	select {
	case cb = <-lb.Callbacks():
	case q := <-pasted:
		cb = loopback.Callback{Query: q}
	case err := <-pasteErr:
		return nil, err
	case <-lb.Reused():
		return nil, fmt.Errorf("%w: the sign-in link was opened more than once, so another program may have opened it first; nothing was stored; sign in again", ErrCanceled)
	case <-ctx.Done():
		if errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil, fmt.Errorf("%w after %s; nothing was stored (use --timeout for more time, or --manual if the browser is on another machine)", ErrTimeout, timeout)
		}
		return nil, fmt.Errorf("%w; nothing was stored", ErrCanceled)
	}

	e.recordBrowserStep(r.ID, "callback", "The provider sends the browser back to oauthdesk's loopback listener with a one-time code (and state, iss)", redirectURI+"?"+cb.Query.Encode())
	t, err := e.finishLogin(ctx, r, conf, ar, cb.Query, state, nonce, verifier)
	cb.Reply(outcomePage(r.Provider, t, err))
	return t, err
}

// finishLogin validates the redirect, exchanges the code, verifies the ID
// token and stores the result (reading what the store needs meanwhile).
func (e *Engine) finishLogin(ctx context.Context, r *resolved, conf *oauth2.Config, ar *authRequest, q url.Values, state, nonce, verifier string) (*TokenSet, error) {
	check := loopback.Check{State: state}
	if r.md != nil {
		check.Issuer = r.md.Issuer
		check.IssRequired = r.md.AuthorizationResponseIssParameterSupported
		check.TenantPlaceholder = r.Quirks.TenantIssuer
	}
	code, err := loopback.ParseCallback(q, check)
	if err != nil {
		return nil, err
	}
	// The provider's account list and active session are read (under its
	// lock) while the token request is on the network; nothing is written
	// before the ID token is verified.
	slot, slotDone := e.beginSignInStore(ctx, r.ID)
	defer slotDone()
	explain := "Exchange the code and the PKCE code_verifier for tokens at the token endpoint (RFC 6749 §4.1.3, RFC 7636)"
	if ar.dpopKey != nil {
		explain += ", with a DPoP proof of the session's key (RFC 9449 §5)"
	}
	tctx, err := e.tokenContext(withResources(ctx, r.Resources), r, ar.dpopKey, ar.nonces)
	if err != nil {
		return nil, err
	}
	tok, err := conf.Exchange(flowlog.WithStep(tctx, r.ID, "token", explain), code, oauth2.VerifierOption(verifier))
	if err != nil {
		return nil, fmt.Errorf("signing in to %s: %w", r.DisplayName(), r.dpopHint(r.clientHint(tokenError("token", err)), ar.dpopKey != nil))
	}
	t, err := e.tokenSetFrom(ctx, r, tok, nonce, "")
	if err != nil {
		return nil, err
	}
	if err := bindDPoP(t, ar.dpopKey, ar.nonces); err != nil {
		return nil, err
	}
	t.Grant = GrantAuthorizationCode
	t.ObtainedAt = e.now()
	if err := e.commitSignIn(slot(), r.ID, t); err != nil {
		return nil, err
	}
	return t, nil
}

// tokenSetFrom turns a token response into a TokenSet, verifying its ID
// token. For a provider without OpenID Connect the profile API names the
// account (best effort).
func (e *Engine) tokenSetFrom(ctx context.Context, r *resolved, tok *oauth2.Token, nonce, wantSub string) (*TokenSet, error) {
	if tok.AccessToken == "" {
		return nil, fmt.Errorf("%w: it has no access_token", ErrBadTokenResponse)
	}
	t := &TokenSet{
		AccessToken:     tok.AccessToken,
		TokenType:       tok.Type(),
		RefreshToken:    tok.RefreshToken,
		RequestedScopes: slices.Clone(r.Scopes),
		Resources:       slices.Clone(r.Resources),
	}
	t.Expiry, t.ExpiryNote, t.OddExpiresIn = expiryOf(tok, e.now())
	if s, ok := grantedScopes(tok); ok {
		t.Scopes = s
	} else {
		t.Scopes, t.ScopesRequested = slices.Clone(r.Scopes), true
	}
	if raw := idTokenOf(tok); raw != "" {
		if r.md == nil {
			return nil, fmt.Errorf("%w: the provider sent an ID token but is not configured for OpenID Connect (set issuer)", ErrInvalidIDToken)
		}
		claims, err := e.verifyIDToken(ctx, r, raw, tok.AccessToken, nonce, wantSub)
		if err != nil {
			return nil, err
		}
		t.IDToken, t.Subject, t.Account, t.Issuer = raw, claims.Subject, claims.account(), r.md.Issuer
	} else if nonce != "" {
		return nil, fmt.Errorf("%w: the provider sent no ID token although openid was requested; nothing was stored", ErrInvalidIDToken)
	}
	if t.Subject == "" && r.ProfileURL != "" && wantSub == "" {
		if p, err := e.fetchProfile(ctx, r, t); err == nil {
			t.Subject, t.Account = p.Subject, firstNonEmpty(p.Email, p.Name, p.Subject)
		} else {
			e.log.Debug("profile after sign-in", "provider", r.ID, "err", err)
		}
	}
	return t, nil
}

// outcomePage is what the browser shows once the sign-in has finished.
// The person's own "no" at the provider (Deny, or Cancel on its login
// page) is Declined, not a failure; the provider's error code and
// description go to the page's technical details, the engine's own
// explanation otherwise.
func outcomePage(p Provider, t *TokenSet, err error) loopback.Page {
	if err == nil {
		return loopback.Page{Kind: resultpage.Success, Provider: p.DisplayName(), Account: t.Account}
	}
	page := loopback.Page{Kind: resultpage.Failed, Provider: p.DisplayName(), Reason: err.Error()}
	var pe *ProviderError
	switch {
	case errors.Is(err, ErrStateMismatch):
		page.Kind, page.Reason = resultpage.StateMismatch, ""
	case errors.As(err, &pe):
		page.ErrorCode, page.ErrorDescription, page.Reason = pe.Code, pe.Description, ""
		if pe.Code == "access_denied" && pe.Where == "authorization" {
			page.Kind = resultpage.Declined
		}
	}
	return page
}

// readPasted reads one line, the URL the browser was sent to, for the
// manual path.
func readPasted(in interface{ Read([]byte) (int, error) }, redirectURI string, out chan<- url.Values, errc chan<- error) {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 0, 64<<10), 64<<10)
	for sc.Scan() {
		line := sc.Text()
		if len(line) == 0 {
			continue
		}
		q, err := loopback.ParsePasted(line, redirectURI)
		if err != nil {
			errc <- err
			return
		}
		out <- q
		return
	}
	if err := sc.Err(); err != nil {
		errc <- fmt.Errorf("reading the pasted URL: %w", err)
		return
	}
	errc <- fmt.Errorf("%w: no redirect URL was pasted; nothing was stored", ErrCanceled)
}

// firstNonEmpty returns the first non-empty string.
func firstNonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
