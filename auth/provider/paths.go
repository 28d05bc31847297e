package provider

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
)

// DataDirEnv overrides where oauthdesk keeps its data (the demo provider's
// state, opt-in plain-file tokens).
const DataDirEnv = "OAUTHDESK_DATA_DIR"

// DataDir is $OAUTHDESK_DATA_DIR, else $XDG_DATA_HOME/oauthdesk, else
// ~/.local/share/oauthdesk (on macOS and Windows, the user config
// directory's oauthdesk folder).
func DataDir() (string, error) {
	if d := os.Getenv(DataDirEnv); d != "" {
		return d, nil
	}
	if runtime.GOOS != "darwin" && runtime.GOOS != "windows" {
		if d := os.Getenv("XDG_DATA_HOME"); d != "" {
			return filepath.Join(d, "oauthdesk"), nil
		}
		home, err := os.UserHomeDir()
		if err != nil {
			return "", fmt.Errorf("finding the data directory: %w", err)
		}
		return filepath.Join(home, ".local", "share", "oauthdesk"), nil
	}
	d, err := os.UserConfigDir()
	if err != nil {
		return "", fmt.Errorf("finding the data directory: %w", err)
	}
	return filepath.Join(d, "oauthdesk"), nil
}
