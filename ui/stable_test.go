package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// yOf is o's distance from the window's top.
func (h *harness) yOf(o fyne.CanvasObject) float32 {
	h.mw.win.Content().Refresh() // lay out what changed, as a frame would
	return h.mw.app.Driver().AbsolutePositionForObject(o).Y
}

func TestNoticesMoveNothingAndExpire(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) { fb.tokens["demo"] = demoTokens("demo", now) })
	var expire []func()
	h.mw.afterFunc = func(d time.Duration, f func()) {
		if d == noticeFor {
			expire = append(expire, f)
		}
	}
	h.waitText("Last refreshed")
	h.settle()
	card := h.mw.view.status.refreshBtn
	before := h.yOf(card)
	h.press(card)
	h.waitText("Refreshed.")
	h.settle()
	if after := h.yOf(card); after != before {
		t.Errorf("the notice moved the Refresh button from y=%v to y=%v", before, after)
	}
	if len(expire) == 0 {
		t.Fatal("the notice was given no expiry")
	}
	for _, f := range expire {
		f()
	}
	h.q.drain()
	h.assertNoText("Refreshed.")
}

func TestANoticeForAProviderNotShownGoesStale(t *testing.T) {
	h := newHarness(t, withProviders)
	h.selectProvider("keycloak")
	s := h.mw.sessions["demo"]
	s.notice = T("Signed in on another device.")
	h.mw.changed("demo")
	h.selectProvider("demo")
	h.settle()
	h.assertNoText("Signed in on another device.")
}

func TestFixedValidationErrorsKeepTheirSpace(t *testing.T) {
	h := newHarness(t, nil)
	f := openForm(h)
	test.Type(f.id, "Bad ID")
	h.tap("Save")
	h.waitText("Not allowed in an ID")
	h.settle()
	below := h.yOf(f.name)
	f.id.SetText("my-idp")
	h.settle()
	h.assertNoText("Not allowed in an ID")
	if y := h.yOf(f.name); y != below {
		t.Errorf("fixing the ID moved the next field from y=%v to y=%v", below, y)
	}
}

func TestAccountRowsKeepTheirOrderOnSwitch(t *testing.T) {
	h := newHarness(t, twoAccounts)
	h.waitText("alice@example.com", "Switch to")
	order := func() []string {
		var out []string
		objs := h.mw.view.accounts.rows.Objects
		for i := 0; i < len(objs); i += 2 {
			out = append(out, objs[i].(*widget.Label).Text)
		}
		return out
	}
	first := order()
	test.Tap(accountButton(h, "alice@example.com", "Switch to"))
	h.q.drain()
	h.waitFor("alice to be active", func() bool {
		s := h.mw.sessions["demo"]
		return s.tokens != nil && s.tokens.Account == "alice@example.com" && len(s.accounts) == 2
	})
	h.settle()
	if got := order(); len(got) != 2 || got[0] != first[0] || got[1] != first[1] {
		t.Errorf("rows were %v, after Switch to they are %v", first, got)
	}
}

func TestExpiryNeverContradictsItselfAndAgoTimesMove(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) { fb.tokens["demo"] = demoTokens("demo", now) })
	h.waitText("Signed in", "09:26:53 (now)")

	// The "… ago" of the sign-in moves with the clock.
	h.clock.advance(2 * time.Minute)
	h.mw.view.tick()
	h.waitText("09:26:53 (2m 00s ago)")

	// The engine counts a token within its skew margin as expired; the
	// window must not say "Expired at … (in 14s)".
	s := h.mw.sessions["demo"]
	exp := h.clock.now().Add(14 * time.Second)
	s.status.ExpiresAt, s.status.Expired = &exp, true
	h.mw.view.tick()
	h.waitText("(in 14s) — about to expire")
	h.assertNoText("Expired at")
	h.clock.advance(20 * time.Second)
	h.mw.view.tick()
	h.waitText("Expired at", "(6s ago)")
}
