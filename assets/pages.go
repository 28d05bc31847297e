// Package assets holds the files oauthdesk embeds: the app icon and the
// page the loopback listener shows in the browser after a sign-in.
package assets

import _ "embed"

// CallbackPage is the html/template shown in the browser when the provider
// redirects back to oauthdesk. It is executed with a value that has the
// fields OK (bool), Title, Message and Detail (strings); html/template
// escapes every one of them.
//
//go:embed callback.html
var CallbackPage string
