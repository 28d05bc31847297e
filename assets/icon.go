// Package assets holds the files oauthdesk embeds: the app icon. The pages
// the loopback listener shows in the browser are in internal/resultpage.
package assets

import _ "embed"

// Icon is the app icon (PNG, 512×512): a key on a blue rounded square.
//
//go:embed icon.png
var Icon []byte
