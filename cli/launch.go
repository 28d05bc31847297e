package cli

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"syscall"
)

// GUIBinary is the desktop app's executable name.
const GUIBinary = "oauthdesk-gui"

// LaunchGUI replaces this process with the desktop app: the oauthdesk-gui
// binary beside this one, else on $PATH. It returns only on failure.
func LaunchGUI() error {
	if err := CheckDisplay(); err != nil {
		return err
	}
	path, err := guiPath()
	if err != nil {
		return err
	}
	if runtime.GOOS == "windows" {
		cmd := exec.Command(path)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		return cmd.Run()
	}
	if err := syscall.Exec(path, []string{path}, os.Environ()); err != nil {
		return fmt.Errorf("starting the desktop app %s: %w", path, err)
	}
	return nil
}

// guiPath finds the desktop app's binary.
func guiPath() (string, error) {
	name := GUIBinary
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	if self, err := os.Executable(); err == nil {
		p := filepath.Join(filepath.Dir(self), name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", errors.New("the desktop app (" + name + ") is not installed beside oauthdesk or on $PATH; build both with `make build`")
}
