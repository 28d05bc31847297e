package ui

import (
	"strings"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// statusCard is the token status: who is signed in, when the access token
// expires (with a live countdown), which tokens are held, and the Refresh,
// Sign out and auto-refresh controls.
type statusCard struct {
	root        *widget.Card
	account     *widget.Label
	expiry      *widget.Label
	refreshTok  *widget.Label
	idTok       *widget.Label
	binding     *widget.Label
	signedInAt  *widget.Label
	refreshedAt *widget.Label
	busy        *widget.Label
	activity    *widget.Activity
	refreshBtn  *widget.Button
	signOutBtn  *widget.Button
	addBtn      *widget.Button
	auto        *widget.Check
	// setting is true while update sets the check, to not call back.
	setting bool
}

// newStatusCard makes the card; the callbacks are its controls.
func newStatusCard(onRefresh, onSignOut, onAddAccount func(), onAuto func(bool)) *statusCard {
	c := &statusCard{}
	c.account = wrapLabel("")
	c.account.Selectable = true
	c.expiry = wrapLabel("")
	c.refreshTok = wrapLabel("")
	c.idTok = widget.NewLabel("")
	c.binding = wrapLabel("")
	c.binding.Selectable = true
	c.signedInAt = widget.NewLabel("")
	c.refreshedAt = widget.NewLabel("")
	c.busy = widget.NewLabel("")
	c.activity = widget.NewActivity()
	c.activity.Hide()
	c.refreshBtn = widget.NewButtonWithIcon(T("Refresh"), theme.ViewRefreshIcon(), onRefresh)
	c.signOutBtn = widget.NewButtonWithIcon(T("Sign out"), theme.LogoutIcon(), onSignOut)
	c.addBtn = widget.NewButtonWithIcon(T("Add account"), theme.ContentAddIcon(), onAddAccount)
	c.addBtn.Importance = widget.LowImportance
	c.auto = widget.NewCheck(T("Refresh automatically a minute before expiry"), func(on bool) {
		if !c.setting {
			onAuto(on)
		}
	})
	grid := container.New(layout.NewFormLayout(),
		keyLabel(T("Signed in as")), c.account,
		keyLabel(T("Access token")), c.expiry,
		keyLabel(T("Refresh token")), c.refreshTok,
		keyLabel(T("ID token")), c.idTok,
		keyLabel(T("Token binding")), c.binding,
		keyLabel(T("Signed in")), c.signedInAt,
		keyLabel(T("Last refreshed")), c.refreshedAt,
	)
	buttons := container.NewHBox(c.refreshBtn, c.signOutBtn, c.activity, c.busy, layout.NewSpacer(), c.addBtn)
	c.root = section(T("Session"), nil, grid, buttons, c.auto)
	return c
}

// keyLabel is the name column of a key/value grid.
func keyLabel(text string) *widget.RichText { return newSecondary(text, "") }

// update shows s at now.
func (c *statusCard) update(s *session, now time.Time) {
	st := s.status
	var who []string
	if s.profile != nil && s.profile.Name != "" {
		who = append(who, s.profile.Name)
	}
	if acct := s.account(); acct != "" && (len(who) == 0 || who[0] != acct) {
		who = append(who, acct)
	}
	if st.Subject != "" && (len(who) == 0 || who[len(who)-1] != st.Subject) {
		who = append(who, T("subject {{.Subject}}", "Subject", st.Subject))
	}
	if len(who) == 0 {
		who = append(who, T("(the provider did not say)"))
	}
	c.account.SetText(strings.Join(who, "\n"))

	c.tick(s, now)
	c.refreshTok.Importance = widget.MediumImportance
	switch {
	case st.HasRefreshToken:
		c.refreshTok.SetText(T("Yes"))
	case s.provider.GrantType() == auth.GrantClientCredentials:
		c.refreshTok.SetText(T("Not needed — Refresh gets a new token with the client's credentials"))
	case st.OfflineAccessDropped:
		c.refreshTok.Importance = widget.WarningImportance
		c.refreshTok.SetText(T("No — offline_access was requested, but the provider issued no refresh token (it dropped the scope); sign in again when the access token expires"))
	default:
		c.refreshTok.SetText(T("No — sign in again when the access token expires"))
	}
	c.idTok.SetText(yesNo(st.HasIDToken))
	c.showBinding(s)

	busy := s.busy != ""
	c.busy.SetText(s.busy)
	if busy {
		c.activity.Show()
		c.activity.Start()
	} else {
		c.activity.Stop()
		c.activity.Hide()
	}
	enable(c.refreshBtn, !busy)
	enable(c.signOutBtn, !busy)
	// Another account needs a person at a browser: not for a
	// machine-to-machine token. With several accounts, the Accounts
	// card below offers it.
	if s.provider.GrantType() == auth.GrantAuthorizationCode && len(s.accounts) <= 1 {
		c.addBtn.Show()
		enable(c.addBtn, !busy)
	} else {
		c.addBtn.Hide()
	}

	c.setting = true
	c.auto.SetChecked(s.autoRefresh)
	c.setting = false
	if st.HasRefreshToken {
		c.auto.Enable()
	} else {
		c.auto.Disable()
	}
}

// showBinding shows whether the access token is DPoP-bound (RFC 9449),
// to which key, and whether a JWT access token's cnf.jkt names that key.
func (c *statusCard) showBinding(s *session) {
	c.binding.Importance = widget.MediumImportance
	if s.tokens == nil || !s.tokens.IsDPoP() {
		c.binding.SetText(T("Bearer — not bound to a key"))
		return
	}
	d := s.tokens.DPoPCheck()
	switch {
	case d.Matches:
		c.binding.Importance = widget.SuccessImportance
		c.binding.SetText(T("DPoP-bound · key {{.JKT}}\nThe token's cnf.jkt names this key (read from the token, not verified)", "JKT", d.JKT))
	case d.JWT && d.CnfJKT != "":
		c.binding.Importance = widget.DangerImportance
		c.binding.SetText(T("DPoP-bound · key {{.JKT}}\nThe token's cnf.jkt names another key: {{.Cnf}}", "JKT", d.JKT, "Cnf", d.CnfJKT))
	case d.JWT:
		c.binding.Importance = widget.WarningImportance
		c.binding.SetText(T("DPoP-bound · key {{.JKT}}\nThe token is a JWT without cnf.jkt", "JKT", d.JKT))
	default:
		c.binding.SetText(T("DPoP-bound · key {{.JKT}}\nThe token is opaque: only the server can check the binding", "JKT", d.JKT))
	}
}

// tick updates what depends on the clock: the countdown to the access
// token's expiry and the "… ago" of the sign-in and the last refresh.
func (c *statusCard) tick(s *session, now time.Time) {
	c.signedInAt.SetText(optionalTime(s.status.ObtainedAt, now, "—"))
	c.refreshedAt.SetText(optionalTime(s.status.RefreshedAt, now, T("Not yet")))
	exp := s.status.ExpiresAt
	switch {
	case exp == nil && s.status.OddExpiresIn != nil && *s.status.OddExpiresIn <= 0:
		c.expiry.Importance = widget.WarningImportance
		c.expiry.SetText(T("Valid; the provider sent expires_in = {{.N}}, which is not a lifetime, so the expiry is unknown", "N", *s.status.OddExpiresIn))
	case exp == nil && s.status.OddExpiresIn != nil:
		c.expiry.Importance = widget.WarningImportance
		c.expiry.SetText(T("Valid; the provider sent expires_in = {{.N}} (more than 10 years), taken as not expiring", "N", *s.status.OddExpiresIn))
	case exp == nil:
		c.expiry.Importance = widget.MediumImportance
		c.expiry.SetText(T("Valid; the provider gave no expiry time"))
	case s.status.Expired && now.Before(*exp):
		// The engine counts a token that expires within its skew margin
		// as expired; the clock says it is still valid. Say both, without
		// contradicting the countdown.
		c.expiry.Importance = widget.WarningImportance
		c.expiry.SetText(T("Expires at {{.At}} ({{.In}}) — about to expire, so it is refreshed before it is used",
			"At", formatTime(*exp, now), "In", formatRemaining(exp.Sub(now))))
	case !now.Before(*exp):
		c.expiry.Importance = widget.DangerImportance
		text := T("Expired at {{.At}} ({{.Ago}})", "At", formatTime(*exp, now), "Ago", formatRemaining(exp.Sub(now)))
		if s.status.HasRefreshToken {
			text += " — " + T("it is refreshed when you copy it or press Refresh")
		}
		c.expiry.SetText(text)
	default:
		c.expiry.Importance = widget.MediumImportance
		if exp.Sub(now) < expiresSoon {
			c.expiry.Importance = widget.WarningImportance
		}
		c.expiry.SetText(T("Expires at {{.At}} ({{.In}})", "At", formatTime(*exp, now), "In", formatRemaining(exp.Sub(now))))
	}
}

// yesNo renders a boolean for people.
func yesNo(b bool) string {
	if b {
		return T("Yes")
	}
	return T("No")
}

// optionalTime renders t, or none when it is nil.
func optionalTime(t *time.Time, now time.Time, none string) string {
	if t == nil || t.IsZero() {
		return none
	}
	return formatTime(*t, now) + " (" + formatRemaining(t.Sub(now)) + ")"
}
