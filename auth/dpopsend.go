package auth

import (
	"fmt"
	"maps"
	"net/http"

	"oauthdesk/auth/dpop"
)

// withToken sends the request build makes with t's access token: as
// "Authorization: Bearer" (RFC 6750 §2.1), or for a DPoP-bound token as
// "Authorization: DPoP" with a fresh proof carrying its hash, sent once
// more with the server's nonce when it asks for one (RFC 9449 §7, §9). A
// new nonce is kept with session id's tokens, for later processes.
func (e *Engine) withToken(id string, client *http.Client, t *TokenSet, build func() (*http.Request, error)) (*http.Response, error) {
	if !t.IsDPoP() {
		req, err := build()
		if err != nil {
			return nil, err
		}
		req.Header.Set("Authorization", "Bearer "+t.AccessToken)
		return client.Do(req)
	}
	key, nonces, err := sessionDPoP(t)
	if err != nil {
		return nil, err
	}
	s := &dpop.Sender{Key: key, Nonces: nonces, Client: client, Now: e.now}
	resp, err := s.Send(func() (*http.Request, error) {
		req, err := build()
		if err == nil {
			req.Header.Set("Authorization", "DPoP "+t.AccessToken)
		}
		return req, err
	}, t.AccessToken)
	if snap := nonces.Snapshot(); !maps.Equal(snap, t.DPoPNonces) {
		e.saveNonces(id, t, snap)
	}
	return resp, err
}

// saveNonces keeps new DPoP nonces with the session, if it still holds
// the same tokens (best effort: a nonce is only an optimisation).
func (e *Engine) saveNonces(id string, t *TokenSet, nonces map[string]string) {
	key, cur, err := e.load(id)
	if err != nil || cur.AccessToken != t.AccessToken {
		return
	}
	cur.DPoPNonces = nonces
	if err := e.saveKey(key, cur); err != nil {
		e.log.Debug("saving DPoP nonces", "provider", providerOf(id), "err", err)
		return
	}
	t.DPoPNonces = nonces
}

// DPoPProof is a fresh DPoP proof of session id's key for one request
// (method and URL), with the hash of its access token and the server's
// last nonce (or nonce, when not ""), for a request sent by another
// program (oauthdesk proof, the curl export). A proof is single-use.
func (e *Engine) DPoPProof(id, method, target, nonce string) (string, error) {
	m, u, err := checkAPIRequest(APIRequest{Method: method, URL: target})
	if err != nil {
		return "", err
	}
	method, target = m, u.String()
	t, err := e.Stored(id)
	if err != nil {
		return "", err
	}
	if !t.IsDPoP() {
		return "", fmt.Errorf("%s: %w: its access token is a bearer token, not DPoP-bound (set dpop = true and sign in again for a DPoP-bound one)", id, ErrNotSupported)
	}
	key, nonces, err := sessionDPoP(t)
	if err != nil {
		return "", err
	}
	if nonce == "" {
		nonce = nonces.Get(target)
	}
	return key.Proof(method, target, nonce, t.AccessToken, e.now())
}

// DPoPCheck is what can be told about a session's DPoP binding without
// the resource server: the key's thumbprint, and, when the access token is
// a JWT, whether its cnf.jkt names that key (read, not verified: only the
// resource server can verify the token).
type DPoPCheck struct {
	// Bound is true for a DPoP-bound session (token_type DPoP).
	Bound bool
	// JKT is the session key's thumbprint.
	JKT string
	// JWT is true when the access token is a JWT whose claims were read.
	JWT bool
	// CnfJKT is the token's cnf.jkt ("" when it has none).
	CnfJKT string
	// Matches is true when CnfJKT is JKT.
	Matches bool
}

// DPoPCheck reads the session's DPoP binding (see DPoPCheck).
func (t *TokenSet) DPoPCheck() DPoPCheck {
	if !t.IsDPoP() {
		return DPoPCheck{}
	}
	b := dpop.BindingOf(t.AccessToken)
	return DPoPCheck{Bound: true, JKT: t.DPoPJKT, JWT: b.JWT, CnfJKT: b.JKT, Matches: b.JKT != "" && b.JKT == t.DPoPJKT}
}
