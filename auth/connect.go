package auth

import (
	"context"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"slices"
	"strings"

	"oauthdesk/auth/dynreg"
	"oauthdesk/auth/flowlog"
	"oauthdesk/auth/internal/sanitize"
	"oauthdesk/auth/provider"
	"oauthdesk/auth/resourcemeta"
)

// Starting from an API: a protected resource's URL is enough to find its
// authorization server (RFC 9728), that server's metadata (RFC 8414, then
// OpenID Connect Discovery), and a client (given, or registered with RFC
// 7591), and to save a provider whose token is for that resource (RFC
// 8707). Nothing is saved until every check has passed.

// Errors of Connect that callers branch on; the resourcemeta sentinels
// (re-exported below) tell why a resource's metadata was refused.
var (
	// ErrNoAuthorizationServer means the resource's metadata names none.
	ErrNoAuthorizationServer = errors.New("the resource's metadata names no authorization server")
	// ErrNoRegistration means the server has no registration endpoint and
	// no client ID was given.
	ErrNoRegistration = errors.New("the authorization server offers no dynamic client registration (RFC 7591)")
	// ErrRegistrationRefused means the server refused to register
	// oauthdesk; the error wraps a *dynreg.Error with the server's words.
	ErrRegistrationRefused = errors.New("the authorization server refused the client registration")

	ErrNotProtected     = resourcemeta.ErrNotProtected
	ErrNoMetadata       = resourcemeta.ErrNoMetadata
	ErrResourceMismatch = resourcemeta.ErrResourceMismatch
	ErrMetadataTooLarge = resourcemeta.ErrTooLarge
	ErrRedirectLoop     = resourcemeta.ErrRedirectLoop
)

// ResourceDiscovery is what a protected resource publishes about itself.
type ResourceDiscovery struct {
	// URL is the URL asked about.
	URL string `json:"url"`
	// Resource is the metadata's resource identifier (equal to URL, §3.3).
	Resource string `json:"resource"`
	// Name is the metadata's resource_name, if any.
	Name string `json:"name,omitempty"`
	// MetadataURL is where the metadata was read; FromChallenge says the
	// 401's WWW-Authenticate named it (else it is a well-known URL).
	MetadataURL   string `json:"metadata_url"`
	FromChallenge bool   `json:"from_challenge"`
	// AuthorizationServers are the issuers it trusts, in its order.
	AuthorizationServers []string `json:"authorization_servers"`
	// Scopes are its scopes_supported; ChallengeScope the 401's scope.
	Scopes         []string `json:"scopes,omitempty"`
	ChallengeScope string   `json:"challenge_scope,omitempty"`
}

// ConnectRequest says what Connect is to set up.
type ConnectRequest struct {
	// URL is the protected resource's URL.
	URL string
	// ID is the provider ID to save; "" derives one from the host.
	ID string
	// Scopes to request; empty means what the resource asks for, with
	// openid and offline_access when the server offers them.
	Scopes []string
	// ClientID is a client registered beforehand; "" registers one.
	ClientID string
	// AuthorizationServer is the issuer to use among the resource's; ""
	// means the first.
	AuthorizationServer string
	// Discovery, when set, is a ResourceDiscovery of URL made just before
	// (the window's), so the resource is not asked again.
	Discovery *ResourceDiscovery
}

// ConnectResult is what Connect found and saved.
type ConnectResult struct {
	Resource ResourceDiscovery `json:"resource"`
	// ProviderID is the saved provider; ConfigPath the file it is in.
	ProviderID string `json:"provider_id"`
	ConfigPath string `json:"config_path"`
	// Issuer is the chosen authorization server; MetadataKind and
	// MetadataURL say which of its documents was read.
	Issuer       string `json:"issuer"`
	MetadataKind string `json:"metadata_kind"`
	MetadataURL  string `json:"metadata_url"`
	// ClientID is the client; Registered says Connect registered it (at
	// RegistrationEndpoint), Manageable that RFC 7592 can delete it.
	ClientID             string `json:"client_id"`
	Registered           bool   `json:"registered"`
	RegistrationEndpoint string `json:"registration_endpoint,omitempty"`
	AuthMethod           string `json:"token_endpoint_auth_method,omitempty"`
	Manageable           bool   `json:"registration_manageable"`
	// Scopes are the scopes the provider will request.
	Scopes []string `json:"scopes"`
}

// DiscoverResource asks rawURL with no token and reads its protected
// resource metadata (RFC 9728 §5, §3), each request a step of the flow
// log under id. Bad input fails with ErrNotProtected, ErrNoMetadata,
// ErrResourceMismatch, ErrMetadataTooLarge, ErrRedirectLoop or
// ErrNoAuthorizationServer.
func (e *Engine) DiscoverResource(ctx context.Context, id, rawURL string) (*ResourceDiscovery, error) {
	pctx := flowlog.WithStep(ctx, id, "discovery", "Ask the API with no access token: a protected resource answers 401 with a WWW-Authenticate Bearer challenge, which may name its metadata (RFC 9728 §5.1)")
	pr, err := resourcemeta.Probe(pctx, e.client, rawURL)
	if err != nil {
		return nil, fmt.Errorf("discovering the API at %s: %w", sanitize.URL(rawURL), err)
	}
	label := func(ctx context.Context, u string, fromChallenge bool) context.Context {
		if fromChallenge {
			return flowlog.WithStep(ctx, id, "discovery", "Read the protected resource metadata that the challenge's resource_metadata names; its resource must be the URL asked (RFC 9728 §5.1, §3.3)")
		}
		return flowlog.WithStep(ctx, id, "discovery", "The challenge names no metadata: read it at the well-known URL, path-suffixed form first, then the host's root; its resource must be the URL asked (RFC 9728 §3.1, §3.3)")
	}
	md, err := resourcemeta.Locate(ctx, e.client, rawURL, pr, label)
	if err != nil {
		return nil, fmt.Errorf("discovering the API at %s: %w", sanitize.URL(rawURL), err)
	}
	if len(md.AuthorizationServers) == 0 {
		return nil, fmt.Errorf("discovering the API at %s: %w (%s has no authorization_servers, RFC 9728 §2)", sanitize.URL(rawURL), ErrNoAuthorizationServer, sanitize.URL(md.Source))
	}
	return &ResourceDiscovery{
		URL: rawURL, Resource: md.Resource, Name: sanitize.Text(md.ResourceName, 100),
		MetadataURL: md.Source, FromChallenge: pr.Challenge.ResourceMetadata != "",
		AuthorizationServers: md.AuthorizationServers, Scopes: md.ScopesSupported,
		ChallengeScope: pr.Challenge.Scope,
	}, nil
}

// Connect sets up a provider for the protected resource at req.URL: it
// discovers the resource (DiscoverResource), reads the chosen
// authorization server's metadata (RFC 8414 §3, then OpenID Connect
// Discovery §4, each with its issuer check), uses req.ClientID or
// registers a native public client (RFC 7591; the registration's access
// token and URI go to the store), and adds the provider, with the resource
// in its resources, to the providers file (AddProvider's merge-write).
// It does not sign in: Login does, with the resource on every request.
// Any failure saves nothing, and a registration made on the way is
// deleted again where the server allows (RFC 7592).
func (e *Engine) Connect(ctx context.Context, req ConnectRequest) (*ConnectResult, error) {
	id := req.ID
	if id == "" {
		var err error
		if id, err = e.deriveID(req.URL); err != nil {
			return nil, err
		}
	} else if _, err := e.Provider(id); err == nil {
		return nil, fmt.Errorf("provider %s is already in %s; choose another --id or remove it first: %w", id, e.ConfigPath(), ErrProviderExists)
	}
	rd := req.Discovery
	if rd == nil || rd.URL != req.URL {
		var err error
		if rd, err = e.DiscoverResource(ctx, id, req.URL); err != nil {
			return nil, err
		}
	}
	issuer := rd.AuthorizationServers[0]
	if req.AuthorizationServer != "" {
		if !slices.Contains(rd.AuthorizationServers, req.AuthorizationServer) {
			return nil, fmt.Errorf("%s is not one of the resource's authorization servers (%s)", sanitize.URL(req.AuthorizationServer), strings.Join(rd.AuthorizationServers, ", "))
		}
		issuer = req.AuthorizationServer
	}
	md, err := e.discoverAS(ctx, id, issuer)
	if err != nil {
		return nil, fmt.Errorf("reading the metadata of the authorization server %s: %w", sanitize.URL(issuer), err)
	}
	res := &ConnectResult{
		Resource: *rd, ProviderID: id, ConfigPath: e.ConfigPath(), Issuer: issuer,
		MetadataKind: md.Kind, MetadataURL: md.Source,
		Scopes: connectScopes(req.Scopes, rd, md),
	}
	p := Provider{
		ID: id, Name: connectName(rd), Issuer: issuer, ClientID: req.ClientID,
		Scopes: res.Scopes, Resources: []string{rd.Resource},
	}
	var reg *dynreg.Registration
	if p.ClientID == "" {
		if reg, err = e.register(ctx, p, md); err != nil {
			return nil, err
		}
		p.ClientID = reg.ClientID
		res.Registered, res.RegistrationEndpoint, res.Manageable = true, md.RegistrationEndpoint, reg.Manageable()
		res.AuthMethod = reg.TokenEndpointAuthMethod
		p.TokenEndpointAuthMethod = reg.TokenEndpointAuthMethod
	}
	res.ClientID = p.ClientID
	if err := e.saveConnected(p, reg); err != nil {
		if reg != nil {
			derr := dynreg.Delete(context.WithoutCancel(ctx), e.client, reg.RegistrationClientURI, reg.RegistrationAccessToken)
			if derr != nil {
				return nil, fmt.Errorf("%w (the client registered at %s is left there: %v)", err, sanitize.URL(md.RegistrationEndpoint), derr)
			}
		}
		return nil, err
	}
	return res, nil
}

// discoverAS reads issuer's RFC 8414 metadata, and its OpenID
// configuration when it publishes none, each checked for its issuer.
func (e *Engine) discoverAS(ctx context.Context, id, issuer string) (*provider.Metadata, error) {
	octx := flowlog.WithStep(ctx, id, "discovery", "Read the authorization server's metadata; its issuer must be the one the resource named (RFC 8414 §3, §3.3)")
	md, err := provider.DiscoverOAuth(octx, e.client, issuer)
	if !errors.Is(err, provider.ErrNotPublished) {
		return md, err
	}
	dctx := flowlog.WithStep(ctx, id, "discovery", "No RFC 8414 metadata: read the server's OpenID configuration instead; its issuer must match too (OpenID Connect Discovery §4, §4.3)")
	md, oerr := provider.DiscoverOIDC(dctx, e.client, issuer, false)
	if oerr != nil {
		if errors.Is(oerr, provider.ErrNotPublished) {
			return nil, provider.FallbackError(oerr, err)
		}
		return nil, oerr
	}
	return md, nil
}

// connectScopes are the scopes asked for, else the resource's (from its
// challenge, else its metadata), with openid and offline_access added
// when the server supports them (a token that can be refreshed).
func connectScopes(asked []string, rd *ResourceDiscovery, md *provider.Metadata) []string {
	if len(asked) > 0 {
		return asked
	}
	var out []string
	if md.Kind == provider.KindOIDC || slices.Contains(md.ScopesSupported, "openid") {
		out = append(out, "openid")
	}
	if slices.Contains(md.ScopesSupported, "offline_access") {
		out = append(out, "offline_access")
	}
	want := rd.Scopes
	if rd.ChallengeScope != "" {
		want = strings.Fields(rd.ChallengeScope)
	}
	for _, s := range want {
		if !slices.Contains(out, s) && isScopeToken(s) {
			out = append(out, s)
		}
	}
	return out
}

// isScopeToken is RFC 6749 §3.3's scope-token.
func isScopeToken(s string) bool {
	if s == "" || len(s) > 200 {
		return false
	}
	for _, c := range s {
		if c < 0x21 || c == '"' || c == '\\' || c > 0x7e {
			return false
		}
	}
	return true
}

// connectName is the provider's display name.
func connectName(rd *ResourceDiscovery) string {
	if rd.Name != "" {
		return rd.Name
	}
	if u, err := url.Parse(rd.Resource); err == nil {
		return u.Host + " (API)"
	}
	return ""
}

var nonID = regexp.MustCompile(`[^a-z0-9]+`)

// deriveID makes a provider ID from the URL's host (and port), not yet in
// the file: api.example.com → api-example-com, then -2, -3, ….
func (e *Engine) deriveID(raw string) (string, error) {
	u, err := url.Parse(raw)
	if err != nil || u.Hostname() == "" {
		return "", fmt.Errorf("%w: %s is not an absolute http(s) URL", ErrInvalidURL, sanitize.URL(raw))
	}
	base := strings.Trim(nonID.ReplaceAllString(strings.ToLower(strings.TrimPrefix(u.Hostname(), "www.")+" "+u.Port()), "-"), "-")
	if len(base) > 50 {
		base = strings.Trim(base[:50], "-")
	}
	if base == "" || base == DemoID {
		base = "api-" + base
	}
	id := base
	for n := 2; ; n++ {
		if _, err := e.Provider(id); err != nil {
			return id, nil
		}
		id = fmt.Sprintf("%s-%d", base, n)
	}
}
