package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// aliceTokens is a second account of the demo provider.
func aliceTokens(now time.Time) *auth.TokenSet {
	t := demoTokens("demo", now)
	t.Subject, t.Account, t.AccessToken = "7000", "alice@example.com", "alice-access-token"
	return t
}

// twoAccounts signs the demo provider in as demo@example.com (active) and
// alice@example.com.
func twoAccounts(fb *fakeBackend, now time.Time) {
	fb.tokens["demo"] = demoTokens("demo", now)
	fb.addAccount("demo", aliceTokens(now))
}

// accountButton is the button labelled label in the row of account.
func accountButton(h *harness, account, label string) *widget.Button {
	h.t.Helper()
	objs := h.mw.view.accounts.rows.Objects
	for i := 0; i+1 < len(objs); i += 2 {
		if l, ok := objs[i].(*widget.Label); ok && l.Text == account {
			var found *widget.Button
			walk(objs[i+1], func(o fyne.CanvasObject) {
				if b, ok := o.(*widget.Button); ok && b.Text == label {
					found = b
				}
			})
			if found != nil {
				return found
			}
		}
	}
	h.t.Fatalf("no %q button for account %s", label, account)
	return nil
}

func TestAccountsSwitchAndSignOutOne(t *testing.T) {
	h := newHarness(t, twoAccounts)
	h.waitText("Accounts", "demo@example.com", "alice@example.com", "active", "Switch to", "demo@example.com  (+1)")
	if h.mw.view.status.addBtn.Visible() {
		t.Error("the session card offers Add account beside the Accounts card")
	}

	test.Tap(accountButton(h, "alice@example.com", "Switch to"))
	h.q.drain()
	h.waitText("Switched to alice@example.com.")
	h.waitFor("alice to be active", func() bool {
		s := h.mw.sessions["demo"]
		return s.tokens != nil && s.tokens.Account == "alice@example.com" && len(s.accounts) == 2 && s.accounts[0].Active
	})
	if !h.fb.called("SwitchAccount demo alice@example.com") {
		t.Error("Switch to did not call SwitchAccount")
	}
	h.waitText("subject 7000")

	// Signing the other account out leaves alice signed in.
	test.Tap(accountButton(h, "demo@example.com", "Sign out"))
	h.q.drain()
	h.waitText("Signed out demo@example.com.", "alice@example.com", "signed in")
	if !h.fb.called("Logout demo/demo@example.com") || h.fb.called("Logout demo") {
		t.Errorf("calls %q: want only Logout demo/demo@example.com", h.fb.calls)
	}
	h.waitFor("one account", func() bool { return len(h.mw.sessions["demo"].accounts) == 1 })
	if h.mw.view.accounts.root.Visible() {
		t.Error("the Accounts card shows with one account")
	}
	if !h.mw.view.status.addBtn.Visible() {
		t.Error("Add account is gone with one account left")
	}
}

func TestAddAccountSignsInAgainAndKeepsTheFirst(t *testing.T) {
	h := newHarness(t, signedInDemo)
	h.waitText("Session", "demo@example.com")
	h.tap("Add account")
	<-h.fb.loginStarted
	h.fb.login <- fakeLogin{tokens: aliceTokens(t0)}
	h.waitText("Accounts", "alice@example.com", "demo@example.com", "Switch to")
	// The list shows the active account.
	h.waitFor("the list to show alice", func() bool {
		s := h.mw.sessions["demo"]
		return s.account() == "alice@example.com" || (s.profile != nil && s.profile.Email == "alice@example.com")
	})
}
