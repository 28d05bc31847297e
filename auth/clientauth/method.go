// Package clientauth authenticates oauthdesk as an OAuth client at a
// provider's endpoints (token, refresh, revocation, introspection, device
// authorization, pushed authorization requests), in the method the
// provider registered it for (RFC 6749 §2.3.1, RFC 7523, OpenID Connect
// Core §9):
//
//   - client_secret_basic: HTTP Basic with the form-encoded id and secret;
//   - client_secret_post: client_id and client_secret in the form;
//   - client_secret_jwt: a client assertion signed HS256 with the secret;
//   - private_key_jwt: a client assertion signed with the client's key;
//   - none: a public client, client_id in the form.
//
// Choose picks the method: the configured one, or when none is configured
// the first of oauthdesk's order (private_key_jwt when a key is stored,
// then client_secret_basic, client_secret_post, client_secret_jwt; none
// for a client with neither) that the provider advertises. Every assertion
// is fresh: a new random jti, iat now, exp one minute later, aud the
// endpoint being called (or the issuer, or the token endpoint, when the
// provider is configured so).
//
// The package holds no secrets itself: the engine loads the secret and the
// key (Key, PEM or JWK) from the keyring and passes them in.
package clientauth

import (
	"errors"
	"fmt"
	"slices"
	"strings"
)

// The token_endpoint_auth_method values (RFC 7591 §2).
const (
	SecretBasic   = "client_secret_basic"
	SecretPost    = "client_secret_post"
	SecretJWT     = "client_secret_jwt"
	PrivateKeyJWT = "private_key_jwt"
	None          = "none"
)

// Methods are the supported methods, in oauthdesk's order of preference
// when none is configured.
var Methods = []string{PrivateKeyJWT, SecretBasic, SecretPost, SecretJWT, None}

// Errors that callers branch on.
var (
	// ErrUnknownMethod means a token_endpoint_auth_method oauthdesk does
	// not implement (such as tls_client_auth).
	ErrUnknownMethod = errors.New("unknown client authentication method")
	// ErrNeedsSecret means the method signs or sends the client secret,
	// and none is stored.
	ErrNeedsSecret = errors.New("the client authentication method needs the client secret")
	// ErrNeedsKey means private_key_jwt was chosen and no client key is
	// stored.
	ErrNeedsKey = errors.New("private_key_jwt needs the client's private key")
	// ErrNoCommonMethod means none of the provider's advertised methods
	// can be used with the credentials oauthdesk has.
	ErrNoCommonMethod = errors.New("no client authentication method that the provider advertises fits the client's credentials")
)

// Valid reports whether m is a method this package implements.
func Valid(m string) bool { return slices.Contains(Methods, m) }

// Credentials says what the client has, for Choose.
type Credentials struct {
	// Secret: a client secret is configured or stored.
	Secret bool
	// Key: a private key for private_key_jwt is stored.
	Key bool
}

// Choice is the method to use and why, for the flow log and the window.
type Choice struct {
	// Method is one of Methods.
	Method string
	// Picked is true when it was chosen from discovery, not configured.
	Picked bool
	// Why says in one line how it was chosen.
	Why string
}

// Choose returns the method for a provider. configured is its
// token_endpoint_auth_method ("" when unset); advertised is discovery's
// token_endpoint_auth_methods_supported (nil when the provider has no
// discovery or does not say). With nothing advertised, OpenID Connect
// Discovery §3's default client_secret_basic applies to a client with a
// secret. A client with neither secret nor key is public: none.
func Choose(configured string, advertised []string, c Credentials) (Choice, error) {
	if configured != "" {
		if !Valid(configured) {
			return Choice{}, fmt.Errorf("%w %q (oauthdesk supports %s)", ErrUnknownMethod, configured, strings.Join(Methods, ", "))
		}
		if err := fits(configured, c); err != nil {
			return Choice{}, err
		}
		why := "token_endpoint_auth_method = " + configured + " in providers.toml"
		if len(advertised) > 0 && !slices.Contains(advertised, configured) {
			why += "; note: the provider advertises only " + strings.Join(advertised, ", ")
		}
		return Choice{Method: configured, Why: why}, nil
	}
	if !c.Secret && !c.Key {
		return Choice{Method: None, Picked: true, Why: "none: a public client (no client secret or key), so only client_id is sent"}, nil
	}
	if len(advertised) == 0 {
		if c.Key && !c.Secret {
			return Choice{Method: PrivateKeyJWT, Picked: true, Why: "private_key_jwt: the provider does not list its methods, and the client has a key but no secret"}, nil
		}
		return Choice{Method: SecretBasic, Picked: true, Why: "client_secret_basic: the provider does not list its methods (the OpenID Connect default)"}, nil
	}
	for _, m := range Methods {
		if m == None || fits(m, c) != nil || !slices.Contains(advertised, m) {
			continue
		}
		has := "a client secret"
		if m == PrivateKeyJWT {
			has = "a client key"
		}
		return Choice{Method: m, Picked: true, Why: fmt.Sprintf("%s: the first of oauthdesk's order (%s) that the provider advertises (%s) and the client's credentials allow (%s)",
			m, strings.Join(Methods[:4], ", "), strings.Join(advertised, ", "), has)}, nil
	}
	have := "a client secret"
	switch {
	case c.Key && c.Secret:
		have = "a client secret and a key"
	case c.Key:
		have = "a client key"
	}
	return Choice{}, fmt.Errorf("%w: it advertises %s, and oauthdesk has %s; set token_endpoint_auth_method, or store what the method needs (oauthdesk secret ID, oauthdesk key ID --generate)",
		ErrNoCommonMethod, strings.Join(advertised, ", "), have)
}

// fits checks that the credentials allow method m.
func fits(m string, c Credentials) error {
	switch m {
	case SecretBasic, SecretPost, SecretJWT:
		if !c.Secret {
			return fmt.Errorf("%w (%s): keep it in the keyring with oauthdesk secret ID", ErrNeedsSecret, m)
		}
	case PrivateKeyJWT:
		if !c.Key {
			return fmt.Errorf("%w: make one with oauthdesk key ID --generate and register the public JWK it prints", ErrNeedsKey)
		}
	}
	return nil
}
