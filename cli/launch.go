package cli

import "oauthdesk/internal/wiring"

// GUIBinary is the desktop app's executable name.
const GUIBinary = "oauthdesk-gui"

// LaunchGUI replaces this process with the desktop app: the oauthdesk-gui
// binary beside this one, else on $PATH. It returns only on failure.
func LaunchGUI() error {
	if err := wiring.CheckDisplay(); err != nil {
		return err
	}
	return wiring.Exec(GUIBinary, "the desktop app", nil)
}
