package ui

import (
	"net/url"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// providerView is the right pane for one provider: its header, an error
// banner, the sign-in controls, and once signed in the session, the token
// uses, the scopes, the profile and the tokens. A ticker keeps the expiry
// countdown live while the view is shown.
type providerView struct {
	mw   *MainWindow
	id   string
	root *container.Scroll

	mark     *letterMark
	title    *widget.Label
	subtitle *widget.RichText
	badge    *statusBadge
	edit     *widget.Button
	remove   *widget.Button
	builtin  *widget.RichText

	banner *errorBanner
	notice *widget.Label

	signedOut  *fyne.Container
	signInBtn  *widget.Button
	signInHelp *widget.Label
	waiting    *signInPanel
	// signedOutBox and waitingBox frame the two panels; they are shown
	// and hidden with them, so that a hidden panel leaves no gap.
	signedOutBox, waitingBox *widget.Card

	signedIn *fyne.Container
	status   *statusCard
	use      *useCard
	scopes   *scopesCard
	profile  *profileCard
	tokens   *tokensCard
	config   *configCard

	stopTick func()
}

// newProviderView builds the view of provider id.
func newProviderView(mw *MainWindow, id string) *providerView {
	v := &providerView{mw: mw, id: id}

	v.mark = newLetterMark("", "", 44)
	v.title = widget.NewLabelWithStyle("", fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	v.title.SizeName = theme.SizeNameSubHeadingText
	v.subtitle = newSecondary("", "")
	v.subtitle.Truncation = fyne.TextTruncateEllipsis
	v.badge = newStatusBadge(stateLoading)
	v.edit = widget.NewButtonWithIcon("Edit", theme.DocumentCreateIcon(), func() {
		if p, ok := mw.provider(id); ok {
			mw.showForm(&p)
		}
	})
	v.remove = widget.NewButtonWithIcon("Remove", theme.DeleteIcon(), v.confirmRemove)
	v.builtin = newSecondary("Built-in: cannot be edited", "")
	titles := container.New(&tightVBox{overlap: theme.Padding() * 2},
		container.NewHBox(v.title, container.NewPadded(v.badge)), v.subtitle)
	header := container.NewBorder(nil, nil,
		container.NewCenter(v.mark),
		container.NewCenter(container.NewHBox(v.builtin, v.edit, v.remove)),
		titles)

	v.banner = newErrorBanner(v.bannerAction, func() {
		if s := mw.sessions[id]; s != nil {
			s.clearError()
			mw.changed(id)
		}
	})
	v.notice = widget.NewLabel("")
	v.notice.Importance = widget.SuccessImportance

	v.signInBtn = widget.NewButtonWithIcon("Sign in", theme.LoginIcon(), func() { mw.signIn(id) })
	v.signInBtn.Importance = widget.HighImportance
	v.signInHelp = wrapLabel("")
	v.signedOut = container.NewVBox(
		v.signInHelp,
		container.NewHBox(v.signInBtn, shortcutHint("Ctrl+L")),
	)
	v.waiting = newSignInPanel(
		func(u string) { mw.app.Clipboard().SetContent(u) },
		mw.openURL,
		func() { mw.cancelSignIn(id) },
	)

	v.status = newStatusCard(func() { mw.refresh(id) }, func() { mw.signOut(id) },
		func(on bool) { mw.setAutoRefresh(id, on) })
	v.use = newUseCard(mw.do, func(k copyKind) { mw.copyAccessToken(id, k) })
	v.profile = newProfileCard()
	v.tokens = newTokensCard()
	v.config = newConfigCard(func(s string) { mw.app.Clipboard().SetContent(s) })
	body := container.NewVBox()
	v.root = container.NewVScroll(body)
	v.scopes = newScopesCard(func() { mw.do(func() { v.root.Refresh() }) })
	v.signedIn = container.NewVBox(v.status.root, v.use.root, v.scopes.root, v.profile.root, v.tokens.root)

	v.signedOutBox = section("You are not signed in.", nil, v.signedOut)
	v.waitingBox = section("Signing in", nil, v.waiting.root)
	body.Objects = []fyne.CanvasObject{
		header,
		widget.NewSeparator(),
		v.banner.root,
		v.notice,
		v.signedOutBox,
		v.waitingBox,
		v.signedIn,
		v.config.root,
	}
	v.stopTick = startTicker(mw.do, time.Second, v.tick)
	return v
}

// shortcutHint is a faint label naming a keyboard shortcut.
func shortcutHint(keys string) *widget.RichText {
	return newSecondary(keys, theme.SizeNameCaptionText)
}

// stop ends the view's timers; the view is no longer shown.
func (v *providerView) stop() {
	v.stopTick()
	v.use.stop()
	v.waiting.hide()
	v.status.activity.Stop()
}

// tick updates what depends on the clock.
func (v *providerView) tick() {
	s := v.mw.sessions[v.id]
	if s == nil {
		return
	}
	now := v.mw.now()
	v.badge.setState(s.state(now))
	if s.signedIn() {
		v.status.tick(s, now)
	}
}

// update renders the session.
func (v *providerView) update() {
	s := v.mw.sessions[v.id]
	if s == nil {
		return
	}
	now := v.mw.now()
	p := s.provider
	v.mark.set(p.DisplayName(), p.ID)
	v.title.SetText(p.DisplayName())
	setSecondary(v.subtitle, providerSubtitle(p))
	v.badge.setState(s.state(now))
	if p.Quirks.Builtin {
		v.builtin.Show()
		v.edit.Hide()
		v.remove.Hide()
	} else {
		v.builtin.Hide()
		v.edit.Show()
		v.remove.Show()
	}

	switch {
	case s.err != nil:
		info := describeError(s.errOp, s.err)
		if info.Action == actionEdit && p.Quirks.Builtin {
			info.Action = actionNone
		}
		v.banner.show(info)
	case s.statusErr != nil:
		v.banner.show(describeError("Could not read the session", s.statusErr))
	default:
		v.banner.hide()
	}
	setOptional(v.notice, s.notice)

	v.config.update(p)
	switch {
	case s.login != nil:
		v.signedOutBox.Hide()
		v.waiting.update(s.login)
		v.waiting.show()
		v.waitingBox.Show()
		v.signedIn.Hide()
	case !s.loaded:
		v.signedOutBox.Hide()
		v.waiting.hide()
		v.waitingBox.Hide()
		v.signedIn.Hide()
	case !s.status.SignedIn:
		v.waiting.hide()
		v.waitingBox.Hide()
		v.signedIn.Hide()
		v.signInHelp.SetText(signInHelp(p))
		enable(v.signInBtn, s.busy == "")
		v.signedOutBox.Show()
	default:
		v.signedOutBox.Hide()
		v.waiting.hide()
		v.waitingBox.Hide()
		v.status.update(s, now)
		v.use.update(s)
		v.scopes.update(s)
		v.profile.update(s)
		v.tokens.update(s, now)
		v.signedIn.Show()
	}
	v.root.Refresh()
}

// bannerAction runs the action an error banner suggests.
func (v *providerView) bannerAction(a errorAction) {
	switch a {
	case actionSignIn:
		v.mw.signIn(v.id)
	case actionEdit:
		if p, ok := v.mw.provider(v.id); ok {
			v.mw.showForm(&p)
		}
	}
}

// confirmRemove asks before removing the provider.
func (v *providerView) confirmRemove() {
	p, ok := v.mw.provider(v.id)
	if !ok || p.Quirks.Builtin {
		return
	}
	msg := "Remove " + p.DisplayName() + "?\n\nIts configuration, its session and its client secret are deleted.\nThe registration at the provider is not affected."
	d := dialog.NewConfirm("Remove provider", msg, func(yes bool) {
		if yes {
			v.mw.removeProvider(p.ID)
		}
	}, v.mw.win)
	d.SetConfirmText("Remove")
	d.SetDismissText("Cancel")
	d.SetConfirmImportance(widget.DangerImportance)
	d.Show()
}

// providerSubtitle says where a provider is and which client it uses.
func providerSubtitle(p auth.Provider) string {
	where := p.Issuer
	if where == "" {
		where = hostOf(p.AuthURL)
	}
	if where == "" {
		where = "no endpoints configured"
	}
	if p.ClientID != "" {
		return where + "  ·  client " + p.ClientID
	}
	return where
}

// hostOf is the host of a URL, or the URL itself when it does not parse.
func hostOf(raw string) string {
	if u, err := url.Parse(raw); err == nil && u.Host != "" {
		return u.Host
	}
	return raw
}

// signInHelp explains what signing in to p does.
func signInHelp(p auth.Provider) string {
	text := "Sign in opens your browser at " + nonEmpty(hostOf(p.AuthURL), hostOf(p.Issuer), p.DisplayName()) +
		". When you approve, the browser comes back to oauthdesk, which keeps the tokens in your OS keyring."
	if p.Quirks.Builtin {
		text += " The demo provider's account is user demo, password demo."
	}
	return text
}

// nonEmpty is the first non-empty string.
func nonEmpty(ss ...string) string {
	for _, s := range ss {
		if s != "" {
			return s
		}
	}
	return ""
}
