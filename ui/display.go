//go:build cgo && !ci

package ui

import (
	"bytes"
	"fmt"
	"log"
	"os"
	"strings"
	"time"

	"github.com/go-gl/glfw/v3.3/glfw"
)

// displayAttempts is how many times openDisplay tries to connect.
const displayAttempts = 5

// openDisplay initialises GLFW, and so connects to the X display, before
// Fyne does, and fails with a plain error where Fyne would panic.
//
// GLFW reports a failed connection ("X11: Failed to open display :0") as a
// platform error, which go-gl only logs while glfw.Init returns nil; Fyne
// then goes on and panics in its first GLFW call ("The GLFW library is not
// initialized"). An X server can also drop a brand-new connection now and
// then (measured: Xvfb under load closing a connection right after the
// client's setup request), so a failure is retried a few times, with a
// short pause, before it counts. Must run on the main thread, as ui.Run
// does; Fyne's own glfw.Init later finds GLFW initialised and does nothing.
func openDisplay() error {
	var why string
	for attempt := 1; attempt <= displayAttempts; attempt++ {
		if why = glfwInit(); why == "" {
			return nil
		}
		if attempt < displayAttempts {
			time.Sleep(time.Duration(attempt) * 100 * time.Millisecond)
		}
	}
	return fmt.Errorf("cannot open the display %q (tried %d times): %s", os.Getenv("DISPLAY"), displayAttempts, why)
}

// glfwInit runs glfw.Init once and returns "" when GLFW is initialised,
// else what went wrong (the platform error go-gl logged).
func glfwInit() string {
	var logged bytes.Buffer
	out, flags := log.Writer(), log.Flags()
	log.SetOutput(&logged)
	log.SetFlags(0)
	err := glfw.Init()
	log.SetOutput(out)
	log.SetFlags(flags)
	if err != nil {
		return err.Error()
	}
	if glfwReady() {
		return ""
	}
	if why := strings.TrimSpace(logged.String()); why != "" {
		return why
	}
	return "GLFW did not initialise"
}

// glfwReady reports whether GLFW is initialised: any GLFW call panics in
// go-gl when it is not.
func glfwReady() (ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	glfw.GetTime()
	return true
}
