package wiring

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"syscall"
)

// Exec replaces this process with the program name run with args: the
// executable beside this one, else name on $PATH. what names the program
// for errors, such as "the desktop app". It returns only on failure. On
// Windows, where a process cannot be replaced, it runs the program and
// waits: nil then means it exited 0, and a non-zero exit is an
// *exec.ExitError.
func Exec(name, what string, args []string) error {
	path, err := besidePath(name, what)
	if err != nil {
		return err
	}
	if runtime.GOOS == "windows" {
		cmd := exec.Command(path, args...)
		cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
		return cmd.Run()
	}
	if err := syscall.Exec(path, append([]string{path}, args...), os.Environ()); err != nil {
		return fmt.Errorf("starting %s %s: %w", what, path, err)
	}
	return nil
}

// besidePath finds the program name beside this executable, else on $PATH.
func besidePath(name, what string) (string, error) {
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	self := "this program"
	if exe, err := os.Executable(); err == nil {
		self = strings.TrimSuffix(filepath.Base(exe), ".exe")
		p := filepath.Join(filepath.Dir(exe), name)
		if _, err := os.Stat(p); err == nil {
			return p, nil
		}
	}
	if p, err := exec.LookPath(name); err == nil {
		return p, nil
	}
	return "", errors.New(what + " (" + name + ") is not installed beside " + self + " or on $PATH; build both with `make build`")
}
