// Package childrun times a command and takes its own peak RSS, for the
// bench programs. Linux keeps ru_maxrss across execve, and Go starts a
// child with vfork, so a command started straight from a bench process
// would report at least that process's RSS (a bench that runs the provider
// in-process holds 16–17 MB), not its own. Measure therefore starts the
// command through a fresh copy of the calling program, which runs it,
// times it and reports its rusage on fd 3; the program calls Serve first
// thing in main to play that part.
package childrun

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"time"
)

// childFlag makes the program the timing wrapper of one command.
const childFlag = "-measure-child"

// Serve runs the wrapper and exits when the program was started as one;
// otherwise it returns at once.
func Serve() {
	if len(os.Args) > 2 && os.Args[1] == childFlag {
		os.Exit(child(os.Args[2:]))
	}
}

// Measure runs argv with env and returns its wall time and peak RSS in
// bytes. On failure the error holds the end of its stderr.
func Measure(env, argv []string) (time.Duration, int64, error) {
	self, err := os.Executable()
	if err != nil {
		return 0, 0, err
	}
	r, w, err := os.Pipe()
	if err != nil {
		return 0, 0, err
	}
	defer r.Close()
	cmd := exec.Command(self, append([]string{childFlag}, argv...)...)
	cmd.Env = env
	cmd.ExtraFiles = []*os.File{w}
	var stderr strings.Builder
	cmd.Stderr = &stderr
	err = cmd.Run()
	w.Close()
	if err != nil {
		return 0, 0, fmt.Errorf("%s: %v: %s", argv[0], err, lastLines(stderr.String(), 5))
	}
	var ns, kb int64
	if _, err := fmt.Fscan(r, &ns, &kb); err != nil {
		return 0, 0, fmt.Errorf("reading the child's figures: %w", err)
	}
	return time.Duration(ns), kb * 1024, nil
}

// child runs argv, and writes its wall time (ns) and peak RSS (KB) to fd 3.
func child(argv []string) int {
	cmd := exec.Command(argv[0], argv[1:]...)
	cmd.Stdout, cmd.Stderr = io.Discard, os.Stderr
	start := time.Now()
	err := cmd.Run()
	wall := time.Since(start)
	if err != nil {
		fmt.Fprintln(os.Stderr, argv[0]+":", err)
		return 1
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	fmt.Fprintf(os.NewFile(3, "figures"), "%d %d\n", wall.Nanoseconds(), ru.Maxrss)
	return 0
}

// lastLines keeps the end of a command's output for an error message.
func lastLines(s string, n int) string {
	l := strings.Split(strings.TrimSpace(s), "\n")
	return strings.Join(l[max(0, len(l)-n):], "\n")
}
