package ui

import (
	"errors"
	"fmt"
	"net"
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// refusedError is a real connection-refused error: a dial to a port that
// was just closed on 127.0.0.1.
func refusedError(t *testing.T) (string, error) {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close()
	c, err := net.DialTimeout("tcp", addr, time.Second)
	if err == nil {
		c.Close()
		t.Skip("something answers on a port just closed")
	}
	return addr, err
}

func TestFailedSaveIsExplainedBesideSaveWithSaveAnyway(t *testing.T) {
	addr, dialErr := refusedError(t)
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) {
		fb.checkErr = fmt.Errorf("discovery at http://%s/.well-known/openid-configuration: %w", addr, dialErr)
	})
	h.mw.win.Resize(fyne.NewSize(900, 640))
	f := openForm(h)
	f.id.SetText("sso")
	f.issuer.SetText("http://" + addr)
	f.clientID.SetText("x")
	h.tap("Save")
	h.waitText("The provider check failed", "Nothing answers at "+addr+": the connection was refused.")
	h.assertNoText("dial tcp")
	h.settle()
	d := h.mw.app.Driver()
	saveY := h.yOf(f.save)
	errY := h.yOf(f.saveErr.root)
	if errY < saveY || errY-saveY > 3*f.save.Size().Height {
		t.Errorf("the error is at y=%v, the Save button at y=%v: not beside it", errY, saveY)
	}
	top := d.AbsolutePositionForObject(f.saveErr.root).Y - d.AbsolutePositionForObject(f.root).Y
	if top < 0 || top+f.saveErr.title.Size().Height > f.root.Size().Height {
		t.Errorf("the error is out of view (y %v in a pane %v high)", top, f.root.Size().Height)
	}
	if h.fb.called("SaveProvider sso") {
		t.Fatal("saved although the check failed")
	}
	h.tap("Save anyway")
	h.waitFor("the unchecked save", func() bool { return h.fb.called("SaveProvider sso") })
	h.waitFor("the form to close", func() bool { return h.mw.form == nil })
}

func TestFailedCheckOfAnAnsweringProviderOffersNoSaveAnyway(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, _ time.Time) {
		fb.checkErr = errors.New("discovery at https://sso.example.com/.well-known/openid-configuration: 404 Not Found")
	})
	f := openForm(h)
	f.id.SetText("sso")
	f.issuer.SetText("https://sso.example.com")
	f.clientID.SetText("x")
	h.tap("Save")
	h.waitText("The provider check failed")
	if f.saveErr.anyway.Visible() {
		t.Error("Save anyway is offered for a provider that answered (404)")
	}
}

func TestLongWaitNamesTheClientIDAndTheRedirectURI(t *testing.T) {
	h := newHarness(t, nil)
	h.tap("Sign in")
	<-h.fb.loginStarted
	h.waitText(waitingText, "authorize?client_id")
	h.assertNoText("If the browser shows an error")
	h.clock.advance(waitHintAfter + time.Second)
	h.mw.view.tick()
	h.waitText("If the browser shows an error (redirect_uri_mismatch, invalid client…)", "client ID oauthdesk-demo",
		"redirect URI http://127.0.0.1:49152/callback") // the request's own, with its port
	h.tap("Cancel")
}
