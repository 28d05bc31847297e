package assets

import _ "embed"

// Icon is the app icon (PNG, 512×512): a key on a blue rounded square.
//
//go:embed icon.png
var Icon []byte
