//go:build !cgo || ci

package ui

import "errors"

// Run would open the window, but this build has no graphics driver: Fyne
// needs cgo (and the ci tag leaves the driver out).
func Run(b Backend) error {
	return errors.New("this oauthdesk was built without the window (cgo disabled); use the command line, or rebuild with CGO_ENABLED=1")
}
