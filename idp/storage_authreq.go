package idp

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/url"
	"slices"
	"strconv"
	"time"

	"github.com/zitadel/oidc/v3/pkg/oidc"
	"github.com/zitadel/oidc/v3/pkg/op"
)

// authRequestTTL bounds how long a person has to sign in and consent.
const authRequestTTL = 10 * time.Minute

// codeTTL bounds how long an authorization code can be redeemed.
const codeTTL = 2 * time.Minute

// errNotFound is returned for unknown or expired auth requests and codes.
var errNotFound = errors.New("not found or expired")

// authRequest is one authorization request, from /authorize until the code
// is redeemed. It implements op.AuthRequest.
type authRequest struct {
	ID            string
	CreatedAt     time.Time
	ClientID      string
	RedirectURI   string
	State         string
	Nonce         string
	Scopes        []string
	ResponseType  oidc.ResponseType
	ResponseMode  oidc.ResponseMode
	CodeChallenge *oidc.CodeChallenge
	LoginHint     string

	// Set once the person signed in.
	Subject  string
	AuthTime time.Time
	// binding is a random value also stored in a cookie of the browser that
	// signed in; consent is accepted only from that browser.
	binding string

	// Set once the person allowed the request.
	done bool
	// Set when op issues the code.
	code         string
	codeIssuedAt time.Time
}

// GetID implements op.AuthRequest.
func (a *authRequest) GetID() string { return a.ID }

// GetACR implements op.AuthRequest.
func (a *authRequest) GetACR() string { return "" }

// GetAMR implements op.AuthRequest: the person typed a password.
func (a *authRequest) GetAMR() []string { return []string{"pwd"} }

// GetAudience implements op.AuthRequest.
func (a *authRequest) GetAudience() []string { return []string{a.ClientID} }

// GetAuthTime implements op.AuthRequest.
func (a *authRequest) GetAuthTime() time.Time { return a.AuthTime }

// GetClientID implements op.AuthRequest.
func (a *authRequest) GetClientID() string { return a.ClientID }

// GetCodeChallenge implements op.AuthRequest.
func (a *authRequest) GetCodeChallenge() *oidc.CodeChallenge { return a.CodeChallenge }

// GetNonce implements op.AuthRequest.
func (a *authRequest) GetNonce() string { return a.Nonce }

// GetRedirectURI implements op.AuthRequest.
func (a *authRequest) GetRedirectURI() string { return a.RedirectURI }

// GetResponseType implements op.AuthRequest.
func (a *authRequest) GetResponseType() oidc.ResponseType { return a.ResponseType }

// GetResponseMode implements op.AuthRequest.
func (a *authRequest) GetResponseMode() oidc.ResponseMode { return a.ResponseMode }

// GetScopes implements op.AuthRequest.
func (a *authRequest) GetScopes() []string { return a.Scopes }

// GetState implements op.AuthRequest.
func (a *authRequest) GetState() string { return a.State }

// GetSubject implements op.AuthRequest.
func (a *authRequest) GetSubject() string { return a.Subject }

// Done implements op.AuthRequest: signed in and consented.
func (a *authRequest) Done() bool { return a.done }

// clone returns a copy that shares no mutable memory with a.
func (a *authRequest) clone() *authRequest {
	c := *a
	c.Scopes = slices.Clone(a.Scopes)
	if a.CodeChallenge != nil {
		cc := *a.CodeChallenge
		c.CodeChallenge = &cc
	}
	return &c
}

// CreateAuthRequest implements op.AuthStorage. op has already checked the
// client, the redirect URI against RedirectURIGlobs and the response type;
// this adds the provider's own rules. Errors are *oidc.Error so op redirects
// them to the client (or, for a bad redirect URI, shows them).
func (s *storage) CreateAuthRequest(_ context.Context, req *oidc.AuthRequest, _ string) (op.AuthRequest, error) {
	s.mu.Lock()
	c := s.clients[req.ClientID]
	s.mu.Unlock()
	if c == nil {
		return nil, oidc.ErrInvalidRequestRedirectURI().WithDescription("unknown client_id")
	}
	if err := checkRedirectURI(req.RedirectURI); err != nil {
		return nil, oidc.ErrInvalidRequestRedirectURI().WithDescription("redirect_uri must be http://127.0.0.1, http://[::1] or http://localhost with a port: %s", err.Error())
	}
	if req.ResponseMode != "" && req.ResponseMode != oidc.ResponseModeQuery {
		// Only query mode: the RFC 9207 iss parameter is added to redirects.
		return nil, oidc.ErrInvalidRequest().WithDescription("response_mode must be query")
	}
	if slices.Contains(req.Prompt, oidc.PromptNone) {
		// There are no browser sessions here: every sign-in asks.
		return nil, oidc.ErrLoginRequired().WithDescription("this provider always shows its login page")
	}
	var challenge *oidc.CodeChallenge
	switch {
	case req.CodeChallenge == "" && c.isPublic():
		return nil, oidc.ErrInvalidRequest().WithDescription("PKCE is required: send code_challenge with code_challenge_method=S256")
	case req.CodeChallenge != "" && req.CodeChallengeMethod != oidc.CodeChallengeMethodS256:
		return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge_method must be S256")
	case req.CodeChallenge != "":
		if l := len(req.CodeChallenge); l < 43 || l > 128 {
			return nil, oidc.ErrInvalidRequest().WithDescription("code_challenge must be 43 to 128 characters")
		}
		challenge = &oidc.CodeChallenge{Challenge: req.CodeChallenge, Method: oidc.CodeChallengeMethodS256}
	}
	scopes := grantedScopes(req.Scopes)
	if len(scopes) == 0 {
		return nil, oidc.ErrInvalidScope().WithDescription("none of the requested scopes is supported; use openid, profile, email, offline_access")
	}

	ar := &authRequest{
		ID:            randomID(18),
		CreatedAt:     time.Now(),
		ClientID:      c.id,
		RedirectURI:   req.RedirectURI,
		State:         req.State,
		Nonce:         req.Nonce,
		Scopes:        scopes,
		ResponseType:  req.ResponseType,
		ResponseMode:  req.ResponseMode,
		CodeChallenge: challenge,
		LoginHint:     req.LoginHint,
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked(ar.CreatedAt)
	s.authRequests[ar.ID] = ar
	return ar.clone(), nil
}

// grantedScopes keeps the supported scopes, in request order, without
// duplicates, and adds offline_access: both built-in clients always get a
// refresh token, and the granted scope says so.
func grantedScopes(requested []string) []string {
	var out []string
	for _, sc := range requested {
		if slices.Contains(supportedScopes, sc) && !slices.Contains(out, sc) {
			out = append(out, sc)
		}
	}
	if len(out) > 0 && !slices.Contains(out, oidc.ScopeOfflineAccess) {
		out = append(out, oidc.ScopeOfflineAccess)
	}
	return out
}

// checkRedirectURI accepts exactly the native-app loopback redirects of
// RFC 8252 §7.3: http, host 127.0.0.1, [::1] or localhost, an explicit
// port, no user info and no fragment.
func checkRedirectURI(raw string) error {
	u, err := url.Parse(raw)
	if err != nil {
		return fmt.Errorf("cannot parse it")
	}
	if u.Scheme != "http" || u.Opaque != "" {
		return fmt.Errorf("scheme must be http")
	}
	if u.User != nil || u.Fragment != "" || u.RawFragment != "" {
		return fmt.Errorf("no user info or fragment allowed")
	}
	switch u.Hostname() {
	case "127.0.0.1", "::1", "localhost":
	default:
		return fmt.Errorf("host %q is not a loopback host", u.Hostname())
	}
	if _, port, err := net.SplitHostPort(u.Host); err != nil || port == "" {
		return fmt.Errorf("port is missing")
	} else if n, err := strconv.ParseUint(port, 10, 16); err != nil || n == 0 {
		return fmt.Errorf("port %q is not valid", port)
	}
	return nil
}

// AuthRequestByID implements op.AuthStorage.
func (s *storage) AuthRequestByID(_ context.Context, id string) (op.AuthRequest, error) {
	ar, err := s.authRequest(id)
	if err != nil {
		return nil, err
	}
	return ar, nil
}

// authRequest returns a copy of a live auth request.
func (s *storage) authRequest(id string) (*authRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar := s.authRequests[id]
	if ar == nil || time.Since(ar.CreatedAt) > authRequestTTL {
		return nil, fmt.Errorf("auth request: %w", errNotFound)
	}
	return ar.clone(), nil
}

// AuthRequestByCode implements op.AuthStorage. A code can be presented only
// once: the first attempt consumes it, whether or not the exchange succeeds.
func (s *storage) AuthRequestByCode(_ context.Context, code string) (op.AuthRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	id, ok := s.codes[code]
	if !ok {
		return nil, fmt.Errorf("authorization code: %w", errNotFound)
	}
	delete(s.codes, code)
	ar := s.authRequests[id]
	if ar == nil || time.Since(ar.codeIssuedAt) > codeTTL {
		s.deleteAuthRequestLocked(id)
		return nil, fmt.Errorf("authorization code: %w", errNotFound)
	}
	return ar.clone(), nil
}

// SaveAuthCode implements op.AuthStorage. Each request gets one code.
func (s *storage) SaveAuthCode(_ context.Context, id, code string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar := s.authRequests[id]
	if ar == nil || !ar.done {
		return oidc.ErrInvalidRequest().WithDescription("auth request is unknown or not approved")
	}
	if ar.code != "" {
		return oidc.ErrInvalidRequest().WithDescription("a code was already issued for this auth request")
	}
	ar.code = code
	ar.codeIssuedAt = time.Now()
	s.codes[code] = id
	return nil
}

// DeleteAuthRequest implements op.AuthStorage.
func (s *storage) DeleteAuthRequest(_ context.Context, id string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.deleteAuthRequestLocked(id)
	return nil
}

// deleteAuthRequestLocked forgets an auth request and its code.
func (s *storage) deleteAuthRequestLocked(id string) {
	if ar := s.authRequests[id]; ar != nil && ar.code != "" {
		delete(s.codes, ar.code)
	}
	delete(s.authRequests, id)
}

// loginAuthRequest records that the person signed in as userID for the
// auth request id, from a browser holding binding.
func (s *storage) loginAuthRequest(id, userID, binding string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar := s.authRequests[id]
	if ar == nil || time.Since(ar.CreatedAt) > authRequestTTL {
		return fmt.Errorf("auth request: %w", errNotFound)
	}
	if ar.done {
		return fmt.Errorf("auth request was already approved")
	}
	ar.Subject = userID
	ar.AuthTime = time.Now()
	ar.binding = binding
	return nil
}

// decideAuthRequest records the consent decision. On allow the request
// becomes Done; on deny it is deleted. It returns a copy as it was before a
// denial, so the caller can build the error redirect.
func (s *storage) decideAuthRequest(id, binding string, allow bool) (*authRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar := s.authRequests[id]
	if ar == nil || time.Since(ar.CreatedAt) > authRequestTTL {
		return nil, fmt.Errorf("auth request: %w", errNotFound)
	}
	if ar.Subject == "" || ar.binding == "" || ar.binding != binding {
		return nil, errNotSignedIn
	}
	if ar.done {
		return nil, fmt.Errorf("auth request was already approved")
	}
	c := ar.clone()
	if allow {
		ar.done = true
		c.done = true
	} else {
		s.deleteAuthRequestLocked(id)
	}
	return c, nil
}

// errNotSignedIn means consent came from a browser that did not sign in
// for this request.
var errNotSignedIn = errors.New("not signed in for this request in this browser")
