package auth

import (
	"slices"
	"strings"

	"oauthdesk/auth/provider"
)

// offline_access (OpenID Connect Core §11): a refresh token for use while
// the person is away is asked for with the offline_access scope, and the
// provider must ignore that scope unless the authorization request has
// prompt=consent. oauthdesk adds it for a generic provider; presets whose
// provider issues refresh tokens its own way are left alone.

// offlineScope is the OpenID Connect scope asking for a refresh token.
const offlineScope = "offline_access"

// offlineAccessPrompt returns the prompt to send so that offline_access
// is honoured, and ok = false when nothing needs adding: not OpenID
// Connect, offline_access not requested, a preset that handles it, or a
// configured prompt that already has consent (or is none, which forbids
// any prompt). A configured prompt such as login gets consent beside it.
func offlineAccessPrompt(p provider.Provider) (prompt string, ok bool) {
	if !p.IsOIDC() || p.Quirks.OfflineAccessHandled || !slices.Contains(p.Scopes, offlineScope) {
		return "", false
	}
	var have string
	for k, v := range p.AuthParams {
		if strings.EqualFold(strings.TrimSpace(k), "prompt") {
			have = v
		}
	}
	words := strings.Fields(have)
	if slices.Contains(words, "consent") || slices.Contains(words, "none") {
		return "", false
	}
	return strings.Join(append(words, "consent"), " "), true
}

// OfflineAccessDropped reports whether offline_access was asked for and
// no refresh token came back: the provider dropped the scope (or does not
// allow this client the refresh_token grant), so the session ends when
// the access token expires.
func (t *TokenSet) OfflineAccessDropped() bool {
	return t.RefreshToken == "" && t.Grant != GrantClientCredentials && slices.Contains(t.RequestedScopes, offlineScope)
}

// OfflineAccessNote is what to tell the person when OfflineAccessDropped.
const OfflineAccessNote = "offline_access was requested, but the provider issued no refresh token (it dropped the scope, or does not allow this client the refresh_token grant); sign in again when the access token expires"
