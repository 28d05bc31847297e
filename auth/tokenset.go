package auth

import (
	"encoding/json"
	"strings"
	"time"
)

// expirySkew is how long before its expiry an access token is treated as
// expired, so that it does not lapse on its way to the API.
const expirySkew = 30 * time.Second

// TokenSet is what a sign-in or refresh yields and what the store keeps.
type TokenSet struct {
	// AccessToken is the bearer token for the resource server.
	AccessToken string `json:"access_token"`
	// TokenType is the token type, normally "Bearer".
	TokenType string `json:"token_type,omitempty"`
	// RefreshToken renews the access token (RFC 6749 §6).
	RefreshToken string `json:"refresh_token,omitempty"`
	// IDToken is the OpenID Connect ID token, verified before it was stored.
	IDToken string `json:"id_token,omitempty"`
	// Expiry is when the access token expires; zero when unknown.
	Expiry time.Time `json:"expiry,omitempty"`
	// ExpiryNote says why Expiry is unknown when the provider sent an
	// expires_in that is not a usable lifetime (0, negative, or huge).
	ExpiryNote string `json:"expiry_note,omitempty"`
	// OddExpiresIn is the expires_in the provider sent when it was not
	// used (0, negative, or over 10 years); nil otherwise.
	OddExpiresIn *int64 `json:"odd_expires_in,omitempty"`
	// Scopes are the granted scopes.
	Scopes []string `json:"scopes,omitempty"`
	// ScopesRequested is true when the token response named no scopes and
	// Scopes are the ones requested (RFC 6749 §5.1: scope is optional when
	// identical to the request).
	ScopesRequested bool `json:"scopes_requested,omitempty"`
	// RequestedScopes are the scopes asked for, to show what was not granted.
	RequestedScopes []string `json:"requested_scopes,omitempty"`
	// Subject is the ID token's (or profile's) subject identifier.
	Subject string `json:"subject,omitempty"`
	// Account is a human label for the account: email, login or name.
	Account string `json:"account,omitempty"`
	// Issuer is the ID token's issuer.
	Issuer string `json:"issuer,omitempty"`
	// ObtainedAt is when the person signed in.
	ObtainedAt time.Time `json:"obtained_at"`
	// RefreshedAt is when the access token was last refreshed.
	RefreshedAt time.Time `json:"refreshed_at,omitempty"`
	// Grant is the grant that produced the set.
	Grant string `json:"grant,omitempty"`
	// Resources are the RFC 8707 resource indicators that were requested.
	Resources []string `json:"resources,omitempty"`
	// DPoPKey is the session's DPoP private key (a JWK), made at sign-in
	// and kept with the tokens it binds (RFC 9449); nil for a bearer
	// session.
	DPoPKey json.RawMessage `json:"dpop_key,omitempty"`
	// DPoPJKT is that key's thumbprint, the jkt the tokens are bound to.
	DPoPJKT string `json:"dpop_jkt,omitempty"`
	// DPoPNonces are the last DPoP-Nonce each server sent
	// (scheme://host), so a later process's proofs carry them.
	DPoPNonces map[string]string `json:"dpop_nonces,omitempty"`
}

// AccessTokenInfo decodes the access token when it is a JWT (RFC 9068),
// without verifying it; nil for an opaque token.
func (t *TokenSet) AccessTokenInfo() *AccessTokenInfo {
	in, _ := DecodeAccessToken(t.AccessToken)
	return in
}

// Audience is the audience a JWT access token names (the granted
// audience, as the token states it, not verified by the client); nil for
// an opaque token.
func (t *TokenSet) Audience() []string {
	if in := t.AccessTokenInfo(); in != nil {
		return in.Audience
	}
	return nil
}

// IsDPoP reports whether the access token is DPoP-bound (token_type DPoP,
// RFC 9449 §5): it is sent as "Authorization: DPoP" with a proof.
func (t *TokenSet) IsDPoP() bool { return strings.EqualFold(t.TokenType, "DPoP") && len(t.DPoPKey) > 0 }

// Expired reports whether the access token has expired, or is about to, at now.
func (t *TokenSet) Expired(now time.Time) bool {
	return !t.Expiry.IsZero() && now.Add(expirySkew).After(t.Expiry)
}

// marshal encodes the set for the store.
func (t *TokenSet) marshal() ([]byte, error) { return json.Marshal(t) }

// unmarshalTokenSet decodes a stored set.
func unmarshalTokenSet(b []byte) (*TokenSet, error) {
	var t TokenSet
	if err := json.Unmarshal(b, &t); err != nil {
		return nil, err
	}
	return &t, nil
}

// Status summarises a provider's session without any secret in it.
type Status struct {
	// ProviderID is the provider's ID.
	ProviderID string `json:"provider"`
	// SignedIn is true when a token set is stored.
	SignedIn bool `json:"signed_in"`
	// Expired is true when the access token has expired.
	Expired bool `json:"expired"`
	// ExpiresAt is when the access token expires; zero when unknown.
	ExpiresAt *time.Time `json:"expires_at"`
	// ExpiryNote says why ExpiresAt is unknown, when the provider sent an
	// unusable expires_in.
	ExpiryNote string `json:"expiry_note,omitempty"`
	// OddExpiresIn is the expires_in the provider sent when it was not
	// used (0, negative, or over 10 years); nil otherwise.
	OddExpiresIn *int64 `json:"odd_expires_in,omitempty"`
	// Scopes are the granted scopes.
	Scopes []string `json:"scopes"`
	// ScopesRequested is true when Scopes are the requested ones because the
	// provider did not say which it granted.
	ScopesRequested bool `json:"scopes_are_requested,omitempty"`
	// RequestedScopes are the scopes that were asked for.
	RequestedScopes []string `json:"requested_scopes,omitempty"`
	// HasRefreshToken is true when a refresh token is stored.
	HasRefreshToken bool `json:"has_refresh_token"`
	// HasIDToken is true when an ID token is stored.
	HasIDToken bool `json:"has_id_token"`
	// TokenType is the access token's type: Bearer, or DPoP when it is
	// bound to the session's DPoP key.
	TokenType string `json:"token_type,omitempty"`
	// DPoPJKT is the thumbprint of the key a DPoP-bound token is bound to.
	DPoPJKT string `json:"dpop_jkt,omitempty"`
	// Subject is the account's subject identifier.
	Subject string `json:"subject"`
	// Account is a human label for the account.
	Account string `json:"account,omitempty"`
	// ObtainedAt is when the person signed in.
	ObtainedAt *time.Time `json:"obtained_at,omitempty"`
	// RefreshedAt is when the token was last refreshed.
	RefreshedAt *time.Time `json:"refreshed_at,omitempty"`
	// Resources are the RFC 8707 resource indicators that were requested.
	Resources []string `json:"resources,omitempty"`
	// OfflineAccessDropped is true when offline_access was requested and
	// no refresh token came back (OfflineAccessNote says so for people).
	OfflineAccessDropped bool `json:"offline_access_dropped,omitempty"`
	// AccessToken is the access token's header and claims when it is a JWT
	// (RFC 9068), as the token states them: not verified by the client.
	AccessToken *AccessTokenInfo `json:"access_token_jwt,omitempty"`
}

// statusOf summarises a token set; t may be nil.
func statusOf(id string, t *TokenSet, now time.Time) Status {
	s := Status{ProviderID: id, Scopes: []string{}}
	if t == nil {
		return s
	}
	s.SignedIn = true
	s.Expired = t.Expired(now)
	s.ExpiresAt = timePtr(t.Expiry)
	s.ExpiryNote, s.OddExpiresIn = t.ExpiryNote, t.OddExpiresIn
	if t.Scopes != nil {
		s.Scopes = t.Scopes
	}
	s.ScopesRequested = t.ScopesRequested
	s.RequestedScopes = t.RequestedScopes
	s.HasRefreshToken = t.RefreshToken != ""
	s.HasIDToken = t.IDToken != ""
	s.TokenType = t.TokenType
	if t.IsDPoP() {
		s.DPoPJKT = t.DPoPJKT
	}
	s.Subject = t.Subject
	s.Account = t.Account
	s.ObtainedAt = timePtr(t.ObtainedAt)
	s.RefreshedAt = timePtr(t.RefreshedAt)
	s.Resources = t.Resources
	s.OfflineAccessDropped = t.OfflineAccessDropped()
	s.AccessToken = t.AccessTokenInfo()
	return s
}

// timePtr is nil for the zero time, so that JSON shows null.
func timePtr(t time.Time) *time.Time {
	if t.IsZero() {
		return nil
	}
	return &t
}

// Profile is the signed-in person as the userinfo endpoint or the provider's
// profile API describes them.
type Profile struct {
	// Subject identifies the person at the provider.
	Subject string `json:"sub,omitempty"`
	// Name is the display name.
	Name string `json:"name,omitempty"`
	// Email is the email address.
	Email string `json:"email,omitempty"`
	// Picture is the avatar URL.
	Picture string `json:"picture,omitempty"`
	// Source is the URL the profile was read from.
	Source string `json:"source"`
	// Raw is the response body as the provider sent it (for a signed
	// userinfo answer, its verified claims; for FromIDToken, the ID
	// token's claims).
	Raw json.RawMessage `json:"raw"`
	// SignedWith is the alg of a signed (application/jwt) userinfo answer,
	// verified against the provider's keys; "" for plain JSON.
	SignedWith string `json:"signed_with,omitempty"`
	// FromIDToken is true when userinfo refused the access token and these
	// are the ID token's claims instead; Note says why.
	FromIDToken bool `json:"from_id_token,omitempty"`
	// Note explains a profile that is not userinfo's answer.
	Note string `json:"note,omitempty"`
}
