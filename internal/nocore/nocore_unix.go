//go:build unix

package nocore

import (
	"fmt"
	"syscall"
)

func disable() error {
	if err := syscall.Setrlimit(syscall.RLIMIT_CORE, &syscall.Rlimit{Cur: 0, Max: 0}); err != nil {
		return fmt.Errorf("disabling core dumps: %w", err)
	}
	return nil
}
