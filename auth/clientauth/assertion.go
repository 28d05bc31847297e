package clientauth

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// AssertionType is client_assertion_type for a JWT (RFC 7523 §2.2).
const AssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer"

// AssertionLifetime is how long a client assertion is valid.
const AssertionLifetime = time.Minute

// Audience values: what a client assertion's aud names.
const (
	// AudienceEndpoint: the URL of the endpoint being called (RFC 7523
	// §3 for the token endpoint; Okta wants it for every endpoint).
	AudienceEndpoint = "endpoint"
	// AudienceIssuer: the provider's issuer (FAPI 2.0, RFC 7523bis).
	AudienceIssuer = "issuer"
	// AudienceTokenEndpoint: always the token endpoint, whatever is called.
	AudienceTokenEndpoint = "token_endpoint"
)

// Client is a client's identity and credentials at one provider.
type Client struct {
	// ID is the client_id.
	ID string
	// Method is one of Methods (from Choose).
	Method string
	// Secret is the client secret (secret methods).
	Secret string
	// Key signs private_key_jwt assertions.
	Key *Key
	// Audience is AudienceEndpoint (the default when ""), AudienceIssuer
	// or AudienceTokenEndpoint.
	Audience string
	// Issuer and TokenEndpoint are the provider's, for those audiences.
	Issuer, TokenEndpoint string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

// Apply authenticates a form POST to endpoint: it sets the Authorization
// header or adds form parameters, as the method says. It returns a line
// for the flow log saying what was sent (never the secret).
func (c Client) Apply(endpoint string, form url.Values, h http.Header) (string, error) {
	switch c.Method {
	case None, "":
		form.Set("client_id", c.ID)
		return "client authentication none: only client_id is sent (a public client)", nil
	case SecretBasic:
		if c.Secret == "" {
			return "", fmt.Errorf("%w (%s)", ErrNeedsSecret, c.Method)
		}
		// RFC 6749 §2.3.1: both parts form-encoded before Basic.
		// A client_id the caller put in the form stays: a pushed
		// authorization request needs it (RFC 9126 §2.1).
		h.Set("Authorization", "Basic "+base64.StdEncoding.EncodeToString([]byte(url.QueryEscape(c.ID)+":"+url.QueryEscape(c.Secret))))
		return "client_secret_basic: client_id and secret in an HTTP Basic Authorization header (RFC 6749 §2.3.1)", nil
	case SecretPost:
		if c.Secret == "" {
			return "", fmt.Errorf("%w (%s)", ErrNeedsSecret, c.Method)
		}
		form.Set("client_id", c.ID)
		form.Set("client_secret", c.Secret)
		return "client_secret_post: client_id and client_secret in the form body (RFC 6749 §2.3.1)", nil
	case SecretJWT, PrivateKeyJWT:
		aud := c.audience(endpoint)
		jwt, err := c.Assertion(aud)
		if err != nil {
			return "", err
		}
		form.Set("client_id", c.ID)
		form.Set("client_assertion_type", AssertionType)
		form.Set("client_assertion", jwt)
		how := "signed HS256 with the client secret"
		if c.Method == PrivateKeyJWT {
			how = fmt.Sprintf("signed %s with the client key (kid %s)", c.Key.Alg(), c.Key.KeyID())
		}
		return fmt.Sprintf("%s: a client assertion JWT (RFC 7523) %s; fresh jti, aud %s, exp in %s", c.Method, how, aud, AssertionLifetime), nil
	}
	return "", fmt.Errorf("%w %q", ErrUnknownMethod, c.Method)
}

// audience is the aud for a call to endpoint.
func (c Client) audience(endpoint string) string {
	switch c.Audience {
	case AudienceIssuer:
		if c.Issuer != "" {
			return c.Issuer
		}
	case AudienceTokenEndpoint:
		if c.TokenEndpoint != "" {
			return c.TokenEndpoint
		}
	}
	return endpoint
}

// Assertion is a fresh client assertion for aud (RFC 7523 §3): iss and
// sub the client_id, a random jti, iat and nbf now, exp a minute later;
// HS256 with the secret (client_secret_jwt) or the key's algorithm
// (private_key_jwt, with its kid in the header).
func (c Client) Assertion(aud string) (string, error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	var key jose.SigningKey
	switch c.Method {
	case SecretJWT:
		if c.Secret == "" {
			return "", fmt.Errorf("%w (%s)", ErrNeedsSecret, c.Method)
		}
		key = jose.SigningKey{Algorithm: jose.HS256, Key: []byte(c.Secret)}
	case PrivateKeyJWT:
		if c.Key == nil {
			return "", ErrNeedsKey
		}
		key = c.Key.signingKey()
	default:
		return "", fmt.Errorf("%s does not use a client assertion", c.Method)
	}
	t := now()
	claims := map[string]any{
		"iss": c.ID, "sub": c.ID, "aud": aud, "jti": RandomID(),
		"iat": t.Unix(), "nbf": t.Unix(), "exp": t.Add(AssertionLifetime).Unix(),
	}
	return Sign(key, "JWT", claims)
}

// Sign signs claims as a compact JWS with the given typ header.
func Sign(key jose.SigningKey, typ string, claims map[string]any) (string, error) {
	opts := (&jose.SignerOptions{}).WithType(jose.ContentType(typ))
	s, err := jose.NewSigner(key, opts)
	if err != nil {
		return "", fmt.Errorf("preparing to sign (%s): %w", key.Algorithm, err)
	}
	payload, err := json.Marshal(claims)
	if err != nil {
		return "", fmt.Errorf("encoding the JWT claims: %w", err)
	}
	jws, err := s.Sign(payload)
	if err != nil {
		return "", fmt.Errorf("signing (%s): %w", key.Algorithm, err)
	}
	return jws.CompactSerialize()
}

// RandomID is 128 random bits, base64url: a jti.
func RandomID() string {
	b := make([]byte, 16)
	_, _ = rand.Read(b) // never fails (crypto/rand, Go 1.24+)
	return base64.RawURLEncoding.EncodeToString(b)
}
