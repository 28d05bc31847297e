package auth

import (
	"strings"

	"oauthdesk/auth/resourcemeta"
)

// SuggestProviderID is the provider ID Connect would give the API at
// rawURL: its host (and port), made unique among the providers.
func (e *Engine) SuggestProviderID(rawURL string) (string, error) { return e.deriveID(rawURL) }

// CoveringProvider is the ID of a provider whose resources cover rawURL
// (a resource identifier equal to the URL, or a prefix of it ending at a
// path segment), or "" when none does: the API console then offers to
// connect to the API.
func (e *Engine) CoveringProvider(rawURL string) string {
	want, err := resourcemeta.Identifier(rawURL, false)
	if err != nil {
		return ""
	}
	for _, p := range e.Providers() {
		for _, r := range p.Resources {
			id, err := resourcemeta.Identifier(r, false)
			if err != nil {
				continue
			}
			if want == id || strings.HasPrefix(want, strings.TrimSuffix(id, "/")+"/") {
				return p.ID
			}
		}
	}
	return ""
}
