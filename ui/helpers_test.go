package ui

import (
	"bytes"
	"image/color"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// TestMain pins the local time zone, so that times render the same
// everywhere.
func TestMain(m *testing.M) {
	time.Local = time.UTC
	os.Exit(m.Run())
}

// t0 is the fake clock's start.
var t0 = time.Date(2025, 3, 14, 9, 26, 53, 0, time.UTC)

// fakeClock is a clock the test moves by hand.
type fakeClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *fakeClock) now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeClock) advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// uiQueue stands in for fyne.Do: calls queue up until the test goroutine,
// which plays the UI goroutine, drains them. Widgets are thus only ever
// touched from the test goroutine, and -race stays quiet.
type uiQueue struct {
	mu  sync.Mutex
	fns []func()
}

func (q *uiQueue) do(fn func()) {
	q.mu.Lock()
	q.fns = append(q.fns, fn)
	q.mu.Unlock()
}

// drain runs queued calls, including those they queue, until none is left.
func (q *uiQueue) drain() {
	for {
		q.mu.Lock()
		fns := q.fns
		q.fns = nil
		q.mu.Unlock()
		if len(fns) == 0 {
			return
		}
		for _, fn := range fns {
			fn()
		}
	}
}

// harness is a window on a fake backend with a fake clock.
type harness struct {
	t     *testing.T
	app   fyne.App
	fb    *fakeBackend
	q     *uiQueue
	clock *fakeClock
	mw    *MainWindow
	// uiGoroutine is the test goroutine's ID: no Backend call may run on it,
	// except Providers while the window is built (it reads only the
	// config already in memory, so that the first frame lists them).
	uiGoroutine  string
	constructing atomic.Bool
}

// newHarness opens a window; setup, if not nil, prepares the backend first.
func newHarness(t *testing.T, setup func(fb *fakeBackend, now time.Time)) *harness {
	t.Helper()
	h := &harness{t: t, q: &uiQueue{}, clock: &fakeClock{t: t0}}
	h.app = test.NewTempApp(t)
	h.fb = newFakeBackend(h.clock.now)
	h.uiGoroutine = goroutineID()
	h.fb.onCall = func(method string) {
		if goroutineID() == h.uiGoroutine && !(method == "Providers" && h.constructing.Load()) {
			t.Errorf("Backend.%s ran on the UI goroutine", method)
		}
	}
	if setup != nil {
		setup(h.fb, t0)
	}
	h.constructing.Store(true)
	h.mw = newMainWindow(h.app, h.fb, h.q.do, h.clock.now)
	h.constructing.Store(false)
	h.mw.win.Resize(fyne.NewSize(1000, 720))
	h.mw.win.Show()
	t.Cleanup(func() {
		h.mw.win.Close()
		h.q.drain()
	})
	h.waitFor("the sessions to load", func() bool {
		if len(h.mw.providers) == 0 {
			return false
		}
		for _, s := range h.mw.sessions {
			if !s.loaded {
				return false
			}
		}
		return true
	})
	return h
}

// goroutineID is the current goroutine's number, from its stack header.
func goroutineID() string {
	buf := make([]byte, 64)
	buf = buf[:runtime.Stack(buf, false)]
	f := bytes.Fields(buf)
	if len(f) < 2 {
		return ""
	}
	return string(f[1])
}

// waitFor runs UI calls until cond holds, failing after a few seconds.
func (h *harness) waitFor(what string, cond func() bool) {
	h.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		h.q.drain()
		if cond() {
			return
		}
		if time.Now().After(deadline) {
			h.t.Fatalf("timed out waiting for %s; the window shows:\n%s", what, h.text())
		}
		time.Sleep(2 * time.Millisecond)
	}
}

// waitText waits until the window shows every one of subs.
func (h *harness) waitText(subs ...string) {
	h.t.Helper()
	h.waitFor(strings.Join(subs, " + "), func() bool {
		txt := h.text()
		for _, s := range subs {
			if !strings.Contains(txt, s) {
				return false
			}
		}
		return true
	})
}

// settle runs UI calls until the backend has been quiet for a moment.
func (h *harness) settle() {
	for range 5 {
		time.Sleep(5 * time.Millisecond)
		h.q.drain()
	}
}

// assertNoText fails if the window shows sub.
func (h *harness) assertNoText(sub string) {
	h.t.Helper()
	if txt := h.text(); strings.Contains(txt, sub) {
		h.t.Errorf("the window shows %q, but should not; it shows:\n%s", sub, txt)
	}
}

// walk calls fn on every visible object under o, widgets' parts included.
func walk(o fyne.CanvasObject, fn func(fyne.CanvasObject)) {
	if o == nil || !o.Visible() {
		return
	}
	fn(o)
	switch x := o.(type) {
	case *fyne.Container:
		for _, c := range x.Objects {
			walk(c, fn)
		}
	case fyne.Widget:
		for _, c := range test.WidgetRenderer(x).Objects() {
			walk(c, fn)
		}
	}
}

// roots are the window's content and its overlays (dialogs).
func (h *harness) roots() []fyne.CanvasObject {
	c := h.mw.win.Canvas()
	return append([]fyne.CanvasObject{c.Content()}, c.Overlays().List()...)
}

// text is all the text the window shows, one run per line.
func (h *harness) text() string {
	var b strings.Builder
	for _, r := range h.roots() {
		walk(r, func(o fyne.CanvasObject) {
			if t, ok := o.(*canvas.Text); ok && strings.TrimSpace(t.Text) != "" {
				b.WriteString(t.Text + "\n")
			}
		})
	}
	return b.String()
}

// buttons are the visible buttons labelled label.
func (h *harness) buttons(label string) []*widget.Button {
	var out []*widget.Button
	for _, r := range h.roots() {
		walk(r, func(o fyne.CanvasObject) {
			if b, ok := o.(*widget.Button); ok && b.Text == label {
				out = append(out, b)
			}
		})
	}
	return out
}

// button is the one visible button labelled label.
func (h *harness) button(label string) *widget.Button {
	h.t.Helper()
	bs := h.buttons(label)
	if len(bs) != 1 {
		h.t.Fatalf("found %d visible buttons %q, want 1; the window shows:\n%s", len(bs), label, h.text())
	}
	return bs[0]
}

// tap taps the button labelled label and runs what it queued.
func (h *harness) tap(label string) {
	h.t.Helper()
	b := h.button(label)
	if b.Disabled() {
		h.t.Fatalf("button %q is disabled", label)
	}
	test.Tap(b)
	h.q.drain()
}

// shortcut presses a keyboard shortcut on the window.
func (h *harness) shortcut(s fyne.Shortcut) {
	h.mw.win.Canvas().(fyne.Shortcutable).TypedShortcut(s)
	h.q.drain()
}

// selectProvider clicks the list row of id.
func (h *harness) selectProvider(id string) {
	h.t.Helper()
	for i, p := range h.mw.providers {
		if p.ID == id {
			h.mw.list.widget.Select(i)
			h.q.drain()
			return
		}
	}
	h.t.Fatalf("no provider %q in the list", id)
}

// clipboard is what the app's clipboard holds.
func (h *harness) clipboard() string { return h.app.Clipboard().Content() }

// forcedVariant is a theme pinned to the light or the dark variant, for
// golden images of both.
type forcedVariant struct {
	fyne.Theme
	variant fyne.ThemeVariant
}

// Color looks the color up in the pinned variant.
func (f forcedVariant) Color(n fyne.ThemeColorName, _ fyne.ThemeVariant) color.Color {
	return f.Theme.Color(n, f.variant)
}
