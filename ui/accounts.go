package ui

import (
	"context"
	"slices"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// accountsCard lists a provider's signed-in accounts when there are
// several: the active one, which "Copy token" and the command line use, and
// the others, each of which can be made active or signed out alone. "Add
// account" signs in again and keeps the accounts already there.
type accountsCard struct {
	root  *widget.Card
	rows  *fyne.Container
	note  *widget.RichText
	add   *widget.Button
	shown string

	onSwitch, onSignOut func(label string)
}

// newAccountsCard makes the card; the callbacks are its buttons.
func newAccountsCard(onSwitch, onSignOut func(label string), onAdd func()) *accountsCard {
	c := &accountsCard{onSwitch: onSwitch, onSignOut: onSignOut}
	c.rows = container.New(layout.NewFormLayout())
	c.note = newSecondaryWrap(T("The active account is the one the session above, Copy token and the API console use. "+
		"Add account signs in again and keeps these."), "")
	c.add = widget.NewButtonWithIcon(T("Add account"), theme.ContentAddIcon(), onAdd)
	c.root = section(T("Accounts"), nil, c.rows, c.note, container.NewHBox(c.add))
	return c
}

// update shows s's accounts; with only one, the card hides (the session
// card offers Add account then).
func (c *accountsCard) update(s *session) {
	enable(c.add, s.busy == "" && s.login == nil)
	if len(s.accounts) <= 1 {
		c.root.Hide()
		c.shown = ""
		return
	}
	c.root.Show()
	// Rows in a fixed order (by label): the engine lists the active
	// account first, so "Switch to" would move the row under the cursor.
	accounts := slices.Clone(s.accounts)
	slices.SortStableFunc(accounts, func(a, b auth.Account) int { return strings.Compare(a.Label, b.Label) })
	var key strings.Builder
	for _, a := range accounts {
		key.WriteString(a.Label)
		if a.Active {
			key.WriteString("*")
		}
		key.WriteString("\x00")
	}
	key.WriteString(s.busy)
	if key.String() != c.shown {
		c.shown = key.String()
		c.rows.Objects = c.accountRows(accounts, s.busy == "")
		c.rows.Refresh()
	}
}

// accountRows are the rows of the accounts list.
func (c *accountsCard) accountRows(accounts []auth.Account, idle bool) []fyne.CanvasObject {
	var objs []fyne.CanvasObject
	for _, a := range accounts {
		label := a.Label
		name := widget.NewLabel(label)
		signOut := widget.NewButtonWithIcon(T("Sign out"), theme.LogoutIcon(), func() { c.onSignOut(label) })
		signOut.Importance = widget.LowImportance
		enable(signOut, idle)
		var state fyne.CanvasObject
		if a.Active {
			name.TextStyle.Bold = true
			state = newStatusBadge(stateSignedIn).withText(T("active"))
		} else {
			use := widget.NewButtonWithIcon(T("Switch to"), theme.NavigateNextIcon(), func() { c.onSwitch(label) })
			enable(use, idle)
			state = use
		}
		// Equal cells, so that every row's Sign out sits in one column.
		objs = append(objs, name, container.NewHBox(container.NewGridWithColumns(2, state, signOut), layout.NewSpacer()))
	}
	return objs
}

// switchAccount makes label the provider's active account.
func (mw *MainWindow) switchAccount(id, label string) {
	s := mw.sessions[id]
	if s == nil || s.busy != "" || s.login != nil {
		return
	}
	mw.sessionOp(id, T("Switching account…"), T("Could not switch accounts"), func(ctx context.Context) error {
		return mw.b.SwitchAccount(ctx, id, label)
	}, func(s *session) { s.notice = T("Switched to {{.Account}}.", "Account", label) })
}

// signOutAccount signs one account out (Logout "provider/label"), leaving
// the provider's other accounts signed in.
func (mw *MainWindow) signOutAccount(id, label string) {
	s := mw.sessions[id]
	if s == nil || s.busy != "" || !s.signedIn() {
		return
	}
	mw.sessionOp(id, T("Signing out {{.Account}}…", "Account", label), T("Sign-out failed"), func(ctx context.Context) error {
		return mw.b.Logout(ctx, id+"/"+label)
	}, func(s *session) { s.notice = T("Signed out {{.Account}}.", "Account", label) })
}
