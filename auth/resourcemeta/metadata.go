package resourcemeta

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strings"

	"oauthdesk/auth/internal/sanitize"
)

// MaxMetadataBytes bounds a protected-resource metadata document; a
// larger one is ErrTooLarge (real documents are well under 4 KiB).
const MaxMetadataBytes = 64 << 10

// MaxRedirects bounds the redirects followed for one document.
const MaxRedirects = 5

// WellKnownSuffix is RFC 9728 §3's well-known URI suffix.
const WellKnownSuffix = "oauth-protected-resource"

// Errors callers branch on. Each failure wraps one of them.
var (
	// ErrNotProtected: the resource answered without asking for a token.
	ErrNotProtected = errors.New("the URL is not a protected resource")
	// ErrNoMetadata: the resource asked for a token but publishes no
	// metadata, neither in its challenge nor at a well-known URL.
	ErrNoMetadata = errors.New("the resource publishes no protected-resource metadata")
	// ErrResourceMismatch: the metadata speaks for another resource (§3.3).
	ErrResourceMismatch = errors.New("the metadata is for another resource")
	// ErrTooLarge: a document passed MaxMetadataBytes.
	ErrTooLarge = errors.New("the metadata document is too large")
	// ErrRedirectLoop: redirects came back to a URL already asked, or
	// passed MaxRedirects.
	ErrRedirectLoop = errors.New("too many redirects")
	// ErrBadMetadata: the document is not usable metadata.
	ErrBadMetadata = errors.New("the metadata is not usable")
	// errNotThere is a well-known URL answering 404 (and the like).
	errNotThere = errors.New("not published there")
)

// Metadata is RFC 9728 §2's protected-resource metadata, the fields
// oauthdesk uses.
type Metadata struct {
	// Resource is the resource's identifier (required).
	Resource string `json:"resource"`
	// AuthorizationServers are issuer identifiers of the authorization
	// servers that issue tokens for it.
	AuthorizationServers []string `json:"authorization_servers,omitempty"`
	// ScopesSupported are the scopes it accepts.
	ScopesSupported []string `json:"scopes_supported,omitempty"`
	// BearerMethodsSupported: header, body, query.
	BearerMethodsSupported []string `json:"bearer_methods_supported,omitempty"`
	// ResourceName is a name for people.
	ResourceName string `json:"resource_name,omitempty"`
	// ResourceDocumentation is a page for developers.
	ResourceDocumentation string `json:"resource_documentation,omitempty"`

	// Source is the URL the document was read from.
	Source string `json:"-"`
}

// WellKnownURLs are where §3.1 puts the metadata of resource: the
// well-known path inserted between the host and the resource's path
// (https://api.example/v1/x → https://api.example/.well-known/
// oauth-protected-resource/v1/x), then, when the resource has a path, the
// host's root form, which many servers publish instead. The query and
// fragment are dropped.
func WellKnownURLs(resource string) ([]string, error) {
	u, err := parseHTTPURL(resource)
	if err != nil {
		return nil, err
	}
	base := u.Scheme + "://" + u.Host + "/.well-known/" + WellKnownSuffix
	path := strings.TrimSuffix(u.EscapedPath(), "/")
	if path == "" {
		return []string{base}, nil
	}
	return []string{base + path, base}, nil
}

// Identifier is the resource identifier of a URL for §3.3's comparison:
// scheme and host in lower case, the default port dropped, an empty path
// written "/", no fragment. withQuery keeps the query.
func Identifier(raw string, withQuery bool) (string, error) {
	u, err := parseHTTPURL(raw)
	if err != nil {
		return "", err
	}
	host := strings.ToLower(u.Hostname())
	if p := u.Port(); p != "" && !(u.Scheme == "https" && p == "443" || u.Scheme == "http" && p == "80") {
		host = hostPort(host, p)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	path := u.EscapedPath()
	if path == "" {
		path = "/"
	}
	out := u.Scheme + "://" + host + path
	if withQuery && u.RawQuery != "" {
		out += "?" + u.RawQuery
	}
	return out, nil
}

func hostPort(host, port string) string {
	if strings.Contains(host, ":") {
		return "[" + host + "]:" + port
	}
	return host + ":" + port
}

// parseHTTPURL parses an absolute http(s) URL with a host.
func parseHTTPURL(raw string) (*url.URL, error) {
	u, err := url.Parse(strings.TrimSpace(raw))
	if err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
		return nil, fmt.Errorf("%q is not an absolute http(s) URL", sanitize.Text(raw, 200))
	}
	u.Scheme = strings.ToLower(u.Scheme)
	u.Fragment, u.RawFragment = "", ""
	return u, nil
}

// Fetch reads the metadata at metadataURL and checks that it speaks for
// resource (§3.3: its resource must be identical to the URL the client
// asked, compared as Identifier; fromChallenge says the URL came from a
// WWW-Authenticate challenge, when the request's query counts too).
func Fetch(ctx context.Context, client *http.Client, metadataURL, resource string, fromChallenge bool) (*Metadata, error) {
	md, err := fetch(ctx, client, metadataURL)
	if err != nil {
		return nil, err
	}
	want, err := Identifier(resource, fromChallenge)
	if err != nil {
		return nil, err
	}
	got, gerr := Identifier(md.Resource, fromChallenge)
	if gerr != nil || got != want {
		return nil, fmt.Errorf("%w: %s names resource %q, not %q (RFC 9728 §3.3); nothing from it is used",
			ErrResourceMismatch, sanitize.URL(metadataURL), sanitize.Text(md.Resource, 200), want)
	}
	return md, nil
}

// fetch GETs and decodes one metadata document.
func fetch(ctx context.Context, client *http.Client, metadataURL string) (*Metadata, error) {
	if _, err := parseHTTPURL(metadataURL); err != nil {
		return nil, fmt.Errorf("%w: resource_metadata %v", ErrBadMetadata, err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, metadataURL, nil)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", sanitize.URL(metadataURL), err)
	}
	req.Header.Set("Accept", "application/json")
	resp, err := limited(client).Do(req)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", sanitize.URL(metadataURL), unwrap(err))
	}
	defer resp.Body.Close()
	body, err := readAtMost(resp.Body, MaxMetadataBytes)
	if err != nil {
		return nil, fmt.Errorf("reading %s: %w", sanitize.URL(metadataURL), err)
	}
	switch {
	case resp.StatusCode == http.StatusNotFound || resp.StatusCode == http.StatusGone || resp.StatusCode == http.StatusMethodNotAllowed:
		return nil, fmt.Errorf("%w: %s answered HTTP %d", errNotThere, sanitize.URL(metadataURL), resp.StatusCode)
	case resp.StatusCode != http.StatusOK:
		return nil, fmt.Errorf("%w: %s answered HTTP %d", ErrBadMetadata, sanitize.URL(metadataURL), resp.StatusCode)
	}
	if ct, _, _ := mime.ParseMediaType(resp.Header.Get("Content-Type")); ct == "text/html" {
		return nil, fmt.Errorf("%w: %s answered with an HTML page", errNotThere, sanitize.URL(metadataURL))
	}
	var md Metadata
	if err := json.Unmarshal(body, &md); err != nil {
		return nil, fmt.Errorf("%w: %s is not JSON metadata: %v", ErrBadMetadata, sanitize.URL(metadataURL), err)
	}
	md.Source = metadataURL
	if md.Resource == "" {
		return nil, fmt.Errorf("%w: %s has no resource (RFC 9728 §2 requires it)", ErrBadMetadata, sanitize.URL(metadataURL))
	}
	for _, as := range md.AuthorizationServers {
		if _, err := parseHTTPURL(as); err != nil {
			return nil, fmt.Errorf("%w: %s names an authorization server that is not a URL: %v", ErrBadMetadata, sanitize.URL(metadataURL), err)
		}
	}
	return &md, nil
}

// readAtMost reads r, failing with ErrTooLarge past max bytes.
func readAtMost(r io.Reader, max int64) ([]byte, error) {
	b, err := io.ReadAll(io.LimitReader(r, max+1))
	if err != nil {
		return nil, unwrap(err)
	}
	if int64(len(b)) > max {
		return nil, fmt.Errorf("%w (more than %d bytes)", ErrTooLarge, max)
	}
	return b, nil
}

// limited is client with this package's redirect rule: at most
// MaxRedirects, never back to a URL already asked, never from https to
// http.
func limited(client *http.Client) *http.Client {
	c := *client
	c.CheckRedirect = func(req *http.Request, via []*http.Request) error {
		for _, v := range via {
			if v.URL.String() == req.URL.String() {
				return fmt.Errorf("%w: %s redirects back to itself (a loop)", ErrRedirectLoop, sanitize.URL(via[0].URL.String()))
			}
		}
		if len(via) >= MaxRedirects {
			return fmt.Errorf("%w: %s still redirected after %d hops", ErrRedirectLoop, sanitize.URL(via[0].URL.String()), len(via))
		}
		if via[0].URL.Scheme == "https" && req.URL.Scheme != "https" {
			return fmt.Errorf("%w: %s redirects from https to plain http", ErrBadMetadata, sanitize.URL(via[0].URL.String()))
		}
		return nil
	}
	return &c
}

// unwrap drops url.Error's "Get URL:" prefix, which repeats the URL.
func unwrap(err error) error {
	var ue *url.Error
	if errors.As(err, &ue) {
		return ue.Err
	}
	return err
}
