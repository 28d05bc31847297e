package e2e

import (
	"bufio"
	"bytes"
	"context"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// openPTY opens a pseudo-terminal pair: the master (the person's
// terminal emulator) and the slave (the program's stdin).
func openPTY(t *testing.T) (master, slave *os.File) {
	t.Helper()
	m, err := os.OpenFile("/dev/ptmx", os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Skipf("no pseudo-terminals here: %v", err)
	}
	if err := unix.IoctlSetPointerInt(int(m.Fd()), unix.TIOCSPTLCK, 0); err != nil {
		t.Fatal(err)
	}
	n, err := unix.IoctlGetInt(int(m.Fd()), unix.TIOCGPTN)
	if err != nil {
		t.Fatal(err)
	}
	s, err := os.OpenFile(fmt.Sprintf("/dev/pts/%d", n), os.O_RDWR|syscall.O_NOCTTY, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	return m, s
}

// TestSecretReadsWithoutEcho: "oauthdesk secret ID" at a terminal turns
// echo off before the secret is typed, so the terminal never shows it;
// the secret is still stored. (Echo on is what a real terminal does by
// default: the line discipline writes each typed byte back to the screen.)
func TestSecretReadsWithoutEcho(t *testing.T) {
	e := newEnv(t)
	op := newHostileOP(t, false)
	e.writeConfig(op.config("evil", ""))
	t.Cleanup(func() { e.run("secret", "evil", "--delete") })
	master, slave := openPTY(t)

	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	cmd := exec.CommandContext(ctx, binary, "secret", "evil")
	cmd.Env = e.environ()
	cmd.Stdin = slave
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	screen := make(chan string, 1)
	go func() {
		var b bytes.Buffer
		buf := make([]byte, 4096)
		for {
			n, err := master.Read(buf)
			b.Write(buf[:n])
			if err != nil || strings.Contains(b.String(), "\n") {
				screen <- b.String()
				return
			}
		}
	}()
	// Wait until the program has turned echo off (or give up after a few
	// seconds, as a program that never does), then type.
	for deadline := time.Now().Add(5 * time.Second); time.Now().Before(deadline); time.Sleep(10 * time.Millisecond) {
		tio, err := unix.IoctlGetTermios(int(slave.Fd()), unix.TCGETS)
		if err == nil && tio.Lflag&unix.ECHO == 0 {
			break
		}
	}
	const secret = "CLIENT-SECRET-typed-at-a-tty"
	if _, err := io.WriteString(master, secret+"\n"); err != nil {
		t.Fatal(err)
	}
	if err := cmd.Wait(); err != nil {
		t.Fatalf("oauthdesk secret: %v\n%s", err, errb.String())
	}
	slave.Close() // the master's reader then ends with what the screen got
	var shown string
	select {
	case shown = <-screen:
	case <-time.After(2 * time.Second):
	}
	if strings.Contains(shown, secret) {
		t.Fatalf("the terminal echoed the secret: %q", shown)
	}
	if !strings.Contains(out.String(), "Stored evil's client secret") {
		t.Fatalf("the secret was not stored:\n%s\n%s", out.String(), errb.String())
	}
}

// coreLimit reads "Max core file size" (soft and hard) of a process.
func coreLimit(t *testing.T, pid int) string {
	t.Helper()
	b, err := os.ReadFile(fmt.Sprintf("/proc/%d/limits", pid))
	if err != nil {
		t.Fatal(err)
	}
	for _, l := range strings.Split(string(b), "\n") {
		if strings.HasPrefix(l, "Max core file size") {
			return strings.Join(strings.Fields(strings.TrimPrefix(l, "Max core file size"))[:2], " ")
		}
	}
	t.Fatalf("no core limit in /proc/%d/limits", pid)
	return ""
}

// startUnlimited starts cmd with core dumps allowed (prlimit), as a
// person's shell may have them, so that only the binary itself can turn
// them off.
func startUnlimited(t *testing.T, cmd *exec.Cmd) {
	t.Helper()
	if _, err := exec.LookPath("prlimit"); err != nil {
		t.Skip("prlimit is not installed")
	}
	cmd.Args = append([]string{"prlimit", "--core=unlimited:unlimited", "--", cmd.Path}, cmd.Args[1:]...)
	cmd.Path, _ = exec.LookPath("prlimit")
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = cmd.Process.Kill(); _ = cmd.Wait() })
}

// TestNoCoreDumps: both binaries turn core dumps off for themselves
// (RLIMIT_CORE 0, soft and hard): the tokens in their memory never land in
// a core file.
func TestNoCoreDumps(t *testing.T) {
	e := newEnv(t)
	op := newHostileOP(t, false)
	e.writeConfig(op.config("evil", ""))

	// The command line, waiting for a pasted redirect.
	cli := exec.Command(binary, "login", "evil", "--manual", "--timeout", "20s")
	cli.Env = e.environ()
	stdin, _ := cli.StdinPipe()
	defer stdin.Close()
	stderr, _ := cli.StderrPipe()
	startUnlimited(t, cli)
	if _, err := bufio.NewReader(stderr).ReadString('\n'); err != nil {
		t.Fatalf("login --manual printed nothing: %v", err)
	}
	if got := coreLimit(t, cli.Process.Pid); got != "0 0" {
		t.Fatalf("oauthdesk login: core file size limit %q, want 0 0", got)
	}

	// The desktop app, once its window is up.
	if os.Getenv("DISPLAY") == "" {
		t.Skip("no DISPLAY for the desktop app")
	}
	gui := exec.Command(guiBinary(t))
	gui.Env = append(e.environ(), "LANG=en_US.UTF-8")
	startUnlimited(t, gui)
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	waitWindow(t, ctx, "oauthdesk")
	if got := coreLimit(t, gui.Process.Pid); got != "0 0" {
		t.Fatalf("oauthdesk-gui: core file size limit %q, want 0 0", got)
	}
}
