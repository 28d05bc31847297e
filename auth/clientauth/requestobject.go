package clientauth

import (
	"fmt"
	"net/url"
	"time"

	"github.com/go-jose/go-jose/v4"
)

// RequestObjectLifetime is how long a request object is valid (FAPI 2.0
// allows at most 60 minutes between nbf and exp).
const RequestObjectLifetime = 5 * time.Minute

// RequestObjectType is the typ of a request object (RFC 9101 §10.8).
const RequestObjectType = "oauth-authz-req+jwt"

// RequestObject signs the authorization request parameters as a request
// object (JAR, RFC 9101 §4): every parameter as a claim, plus iss (the
// client_id), aud (the issuer), a random jti, iat, nbf and exp. It is
// signed with the client key when there is one (private_key_jwt), else
// HS256 with the client secret. It returns the JWT and a line for the
// flow log.
func (c Client) RequestObject(params url.Values, issuer string) (jwt, explain string, err error) {
	now := time.Now
	if c.Now != nil {
		now = c.Now
	}
	var key jose.SigningKey
	how := ""
	switch {
	case c.Key != nil:
		key, how = c.Key.signingKey(), fmt.Sprintf("%s with the client key (kid %s)", c.Key.Alg(), c.Key.KeyID())
	case c.Secret != "":
		key, how = jose.SigningKey{Algorithm: jose.HS256, Key: []byte(c.Secret)}, "HS256 with the client secret"
	default:
		return "", "", fmt.Errorf("a request object needs the client key (oauthdesk key ID --generate) or the client secret to be signed with")
	}
	claims := map[string]any{}
	for k, vs := range params {
		if len(vs) > 0 {
			claims[k] = vs[0]
		}
	}
	t := now()
	claims["iss"], claims["aud"], claims["client_id"] = c.ID, issuer, c.ID
	claims["jti"], claims["iat"], claims["nbf"], claims["exp"] = RandomID(), t.Unix(), t.Unix(), t.Add(RequestObjectLifetime).Unix()
	jwt, err = Sign(key, RequestObjectType, claims)
	if err != nil {
		return "", "", fmt.Errorf("signing the request object: %w", err)
	}
	return jwt, "request object (JAR, RFC 9101): the authorization parameters signed " + how + ", aud " + issuer, nil
}
