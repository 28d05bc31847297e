package ui

import (
	"net/url"

	"oauthdesk/auth"
)

// The flow log explains each step as the OAuth explainer oauthdesk grew
// out of tells it: who is the resource owner (the person), the client
// (oauthdesk), the authorization server and the resource server in this
// step, whether it goes through the browser (front channel) or straight
// between client and server (back channel), and why. The engine names a
// step's kind; the window refines it (stepStory) and says it in the
// window's language. A kind it does not know keeps the engine's English.

// stepStories are the explanations by refined step kind.
var stepStories = map[string]string{
	"authorize": "Front channel. oauthdesk, the client, sends your browser to the authorization server. " +
		"There you, the resource owner, sign in and consent to the scopes; the client never sees your password. " +
		"The request carries client_id, scope, redirect_uri, state, nonce and the PKCE code_challenge (RFC 6749 §4.1.1, RFC 7636).",
	"callback": "Front channel. The authorization server sends the browser back to the client's loopback redirect URI " +
		"with a one-time authorization code and the state. The code came through the browser, where other programs can see it, " +
		"so on its own it is worth nothing (RFC 6749 §4.1.2, RFC 8252 §7.3).",
	"token.code": "Back channel. The client exchanges the authorization code for tokens directly with the authorization server's " +
		"token endpoint, server to server, adding the PKCE code_verifier (and its secret, if it is a confidential client). " +
		"So only whoever started the sign-in can redeem the code, and the tokens never pass through the browser (RFC 6749 §4.1.3, RFC 7636 §4.5).",
	"token.client": "Back channel, and no resource owner: the client asks the authorization server for a token for itself, " +
		"with its own credentials (client credentials grant, RFC 6749 §4.4).",
	"token.device": "Back channel. The client asks the authorization server whether the resource owner has approved the user code " +
		"on the other device yet; authorization_pending means not yet (RFC 8628 §3.4).",
	"device": "Back channel. The client asks the authorization server for a device code and a user code; the resource owner " +
		"enters the user code on another device to approve (RFC 8628 §3.1).",
	"par": "Back channel. The client pushes the authorization request to the authorization server first and gets a request_uri, " +
		"so that the browser carries only client_id and request_uri (RFC 9126).",
	"refresh": "Back channel. The client trades the refresh token for a new access token at the authorization server, " +
		"without asking the resource owner again (RFC 6749 §6).",
	"userinfo": "The client calls the userinfo endpoint, a resource server, with the access token to learn who the resource owner is " +
		"(OpenID Connect Core §5.3).",
	"profile": "The client calls the provider's profile API, a resource server, with the access token to learn who the resource owner is.",
	"api": "The client calls the resource server with the access token in the Authorization: Bearer header (RFC 6750 §2.1). " +
		"The resource server checks the token, not who you are.",
	"api.query": "The client calls the resource server with the access token in the access_token query parameter (RFC 6750 §2.3). " +
		"A URL ends up in server logs, browser history and Referer headers, and many servers refuse it: the header is safer.",
	"introspect": "Back channel. The client asks the authorization server whether the access token is still active and what it grants " +
		"(token introspection, RFC 7662).",
	"revoke.access": "Back channel. The client tells the authorization server to revoke the access token (RFC 7009).",
	"revoke.refresh": "Back channel. The client tells the authorization server to revoke the refresh token, so that it cannot " +
		"get new access tokens any more (RFC 7009).",
	"discovery": "The client reads the authorization server's metadata: its endpoints and what it supports " +
		"(OpenID Connect Discovery 1.0, RFC 8414).",
	"jwks": "The client fetches the authorization server's public keys (JWKS) to check the ID token's signature " +
		"(OpenID Connect Core §3.1.3.7).",
}

// stepStory is a step's kind refined by what it sent: the token endpoint
// serves several grants, revocation two kinds of token, and an API call
// can carry the token in the header or the query.
func stepStory(s auth.Step) string {
	switch s.Kind {
	case "token":
		form, _ := url.ParseQuery(string(s.RequestBody))
		switch form.Get("grant_type") {
		case "authorization_code":
			return "token.code"
		case "client_credentials":
			return "token.client"
		case "urn:ietf:params:oauth:grant-type:device_code":
			return "token.device"
		case "refresh_token":
			return "refresh"
		}
	case "revoke":
		form, _ := url.ParseQuery(string(s.RequestBody))
		if form.Get("token_type_hint") == "refresh_token" {
			return "revoke.refresh"
		}
		return "revoke.access"
	case "api":
		if u, err := url.Parse(s.URL); err == nil && u.Query().Has("access_token") {
			return "api.query"
		}
	}
	return s.Kind
}

// explainStep is what the flow log says of s, in the window's language.
func explainStep(s auth.Step) string {
	if story, ok := stepStories[stepStory(s)]; ok {
		return T(story)
	}
	return s.Explain
}
