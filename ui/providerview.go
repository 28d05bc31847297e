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
// banner, and three tabs. "Session" holds the sign-in controls, and once
// signed in the session, the accounts, the token uses, introspection, the
// scopes, the profile and the tokens; "Flow log" every exchange with the
// provider; "API console" requests made with the access token. A ticker
// keeps the expiry countdown live while the view is shown.
type providerView struct {
	mw   *MainWindow
	id   string
	root *fyne.Container
	tabs *container.AppTabs
	// sessionTab scrolls the Session tab.
	sessionTab *container.Scroll
	flow       *flowLogView
	flowTab    *container.TabItem
	console    *consoleView
	consoleTab *container.TabItem

	mark     *letterMark
	title    *widget.Label
	subtitle *widget.RichText
	badge    *statusBadge
	edit     *widget.Button
	remove   *widget.Button
	builtin  *widget.RichText

	banner *errorBanner

	signedOut  *fyne.Container
	signInBtn  *widget.Button
	deviceBtn  *widget.Button
	signInHelp *widget.Label
	waiting    *signInPanel
	device     *devicePanel
	// signedOutBox, waitingBox and deviceBox frame the panels; they are
	// shown and hidden with them, so that a hidden panel leaves no gap.
	signedOutBox, waitingBox, deviceBox *widget.Card

	signedIn *fyne.Container
	status   *statusCard
	accounts *accountsCard
	use      *useCard
	intro    *introspectCard
	scopes   *scopesCard
	profile  *profileCard
	tokens   *tokensCard
	config   *configCard

	// shownErr is the session error last shown, to bring a new one into
	// view once.
	shownErr error

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
	v.edit = widget.NewButtonWithIcon(T("Edit"), theme.DocumentCreateIcon(), func() {
		if p, ok := mw.provider(id); ok {
			mw.showForm(&p)
		}
	})
	v.remove = widget.NewButtonWithIcon(T("Remove"), theme.DeleteIcon(), v.confirmRemove)
	v.builtin = newSecondary(T("Built-in: cannot be edited"), "")
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
	v.banner.onOpen = mw.openLink

	v.signInBtn = widget.NewButtonWithIcon(T("Sign in"), theme.LoginIcon(), func() { mw.signIn(id) })
	v.signInBtn.Importance = widget.HighImportance
	v.deviceBtn = widget.NewButtonWithIcon(T("Sign in on another device"), theme.ComputerIcon(), func() { mw.deviceSignIn(id) })
	v.signInHelp = wrapLabel("")
	v.signedOut = container.NewVBox(
		v.signInHelp,
		container.NewHBox(v.signInBtn, container.NewCenter(shortcutHint("Ctrl+L")), v.deviceBtn),
	)
	v.device = newDevicePanel(
		func(s string) { mw.app.Clipboard().SetContent(s) },
		func(u string) { mw.openDevicePage(id, u) },
		func() { mw.cancelDeviceSignIn(id) },
	)
	v.waiting = newSignInPanel(
		func(u string) { mw.app.Clipboard().SetContent(u) },
		func(u string) { mw.openURL(id, u) },
		func() { mw.cancelSignIn(id) },
	)

	v.status = newStatusCard(func() { mw.refresh(id) }, func() { mw.signOut(id) }, func() { mw.signIn(id) },
		func(on bool) { mw.setAutoRefresh(id, on) })
	v.accounts = newAccountsCard(
		func(label string) { mw.switchAccount(id, label) },
		func(label string) { mw.signOutAccount(id, label) },
		func() { mw.signIn(id) })
	v.use = newUseCard(mw.do, func(k copyKind) { mw.copyAccessToken(id, k) })
	v.intro = newIntrospectCard(func() { mw.introspect(id) })
	v.profile = newProfileCard()
	v.tokens = newTokensCard()
	v.config = newConfigCard(func(s string) { mw.app.Clipboard().SetContent(s) })
	body := container.NewVBox()
	v.sessionTab = container.NewVScroll(body)
	v.scopes = newScopesCard(func() { mw.do(func() { v.sessionTab.Refresh() }) })
	v.signedIn = container.NewVBox(v.status.root, v.accounts.root, v.use.root, v.scopes.root,
		v.intro.root, v.profile.root, v.tokens.root)

	v.signedOutBox = section(T("You are not signed in."), nil, v.signedOut)
	v.waitingBox = section(T("Signing in"), nil, v.waiting.root)
	v.deviceBox = section(T("Sign in on another device"), nil, v.device.root)
	body.Objects = []fyne.CanvasObject{
		v.banner.root,
		v.signedOutBox,
		v.waitingBox,
		v.deviceBox,
		v.signedIn,
		v.config.root,
	}

	// The Flow log and API console tabs are built when first shown: the
	// Session tab is what the first frame needs.
	v.flowTab = container.NewTabItemWithIcon(T("Flow log"), theme.ListIcon(), widget.NewLabel(""))
	v.consoleTab = container.NewTabItemWithIcon(T("API console"), theme.MailSendIcon(), widget.NewLabel(""))
	v.tabs = container.NewAppTabs(
		container.NewTabItemWithIcon(T("Session"), theme.AccountIcon(), v.sessionTab),
		v.flowTab,
		v.consoleTab,
	)
	v.tabs.OnSelected = func(*container.TabItem) { v.tabChanged() }
	// The error banner and the notice ("Signed out.") sit in the Session
	// tab, where the operations they report on are: they neither move the
	// tabs nor make the window taller than the tab's scroll.
	top := container.NewVBox(header, widget.NewSeparator())
	v.root = container.NewBorder(container.NewPadded(top), nil, nil, nil, v.tabs)
	v.stopTick = startTicker(mw.do, time.Second, v.tick)
	return v
}

// tabChanged starts the live flow log while its tab is shown, and stops
// it otherwise.
func (v *providerView) tabChanged() {
	if v.tabs.Selected() == v.flowTab {
		v.flowView().start()
	} else if v.flow != nil {
		v.flow.stop()
	}
	if v.tabs.Selected() == v.consoleTab {
		v.consoleView().shown()
	}
}

// flowView is the Flow log tab's view, built on first use.
func (v *providerView) flowView() *flowLogView {
	if v.flow == nil {
		v.flow = newFlowLogView(v.mw, v.id)
		v.flowTab.Content = v.flow.root
		v.tabs.Refresh()
	}
	return v.flow
}

// consoleView is the API console tab's view, built on first use.
func (v *providerView) consoleView() *consoleView {
	if v.console == nil {
		v.console = newConsoleView(v.mw, v.id)
		v.consoleTab.Content = v.console.root
		v.tabs.Refresh()
	}
	return v.console
}

// showTab selects the tab titled title.
func (v *providerView) showTab(title string) {
	for _, t := range v.tabs.Items {
		if t.Text == title {
			v.tabs.Select(t)
			return
		}
	}
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
	v.device.hide()
	v.status.activity.Stop()
	if v.flow != nil {
		v.flow.stop()
	}
	if v.console != nil {
		v.console.stop()
	}
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
	if ls := s.login; ls != nil && !ls.machine && ls.authURL != "" && ls.hint == "" &&
		now.Sub(ls.urlAt) >= waitHintAfter {
		ls.hint = waitHint(s.provider, ls.authURL)
		v.waiting.update(ls)
	}
	if s.device != nil && s.device.code != nil {
		v.device.tick(now)
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
	v.mark.set(shownName(p), p.ID)
	v.title.SetText(shownName(p))
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
		if s.err != v.shownErr {
			// A new failure: show it, whichever tab is open.
			v.shownErr = s.err
			v.tabs.Select(v.tabs.Items[0])
			v.sessionTab.ScrollToTop()
		}
	case s.statusErr != nil:
		v.banner.show(describeError(T("Could not read the session"), s.statusErr))
	default:
		v.banner.hide()
	}
	if s.notice != "" {
		// Passing notices go to the toolbar's status place, where they
		// move nothing, and expire there.
		v.mw.toolbar.say(s.notice, widget.SuccessImportance, noticeFor)
		s.notice = ""
	}

	v.config.update(p)
	if s.device == nil {
		v.device.hide()
		v.deviceBox.Hide()
	}
	switch {
	case s.login != nil:
		v.signedOutBox.Hide()
		v.waiting.update(s.login)
		v.waiting.show()
		v.waitingBox.Show()
		v.signedIn.Hide()
	case s.device != nil:
		v.signedOutBox.Hide()
		v.waiting.hide()
		v.waitingBox.Hide()
		v.signedIn.Hide()
		v.device.update(s.device, now)
		v.device.show()
		v.deviceBox.Show()
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
		v.signInBtn.SetText(signInLabel(p))
		enable(v.signInBtn, s.busy == "")
		if canSignInOnDevice(p) {
			v.deviceBtn.Show()
			enable(v.deviceBtn, s.busy == "")
		} else {
			v.deviceBtn.Hide()
		}
		v.signedOutBox.Show()
	default:
		v.signedOutBox.Hide()
		v.waiting.hide()
		v.waitingBox.Hide()
		v.status.update(s, now)
		v.accounts.update(s)
		v.use.update(s)
		v.intro.update(s, now)
		v.scopes.update(s)
		v.profile.update(s)
		v.tokens.update(s, now)
		v.signedIn.Show()
	}
	v.sessionTab.Refresh()
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
	msg := T("Remove {{.Name}}?\n\nIts configuration, its session and its client secret are deleted.\nThe registration at the provider is not affected.", "Name", p.DisplayName())
	d := dialog.NewConfirm(T("Remove provider"), msg, func(yes bool) {
		if yes {
			v.mw.removeProvider(p.ID)
		}
	}, v.mw.win)
	d.SetConfirmText(T("Remove"))
	d.SetDismissText(T("Cancel"))
	d.SetConfirmImportance(widget.DangerImportance)
	v.mw.showDialog(d)
}

// providerSubtitle says where a provider is and which client it uses.
func providerSubtitle(p auth.Provider) string {
	where := p.Issuer
	if where == "" {
		where = hostOf(p.AuthURL)
	}
	if where == "" {
		where = T("no endpoints configured")
	}
	if p.ClientID != "" {
		return where + "  ·  " + T("client {{.ClientID}}", "ClientID", p.ClientID)
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

// signInLabel is the sign-in button's text: "Get token" for a
// machine-to-machine provider, which signs no person in.
func signInLabel(p auth.Provider) string {
	if p.GrantType() == auth.GrantClientCredentials {
		return T("Get token")
	}
	return T("Sign in")
}

// signInHelp explains what signing in to p does.
func signInHelp(p auth.Provider) string {
	if p.GrantType() == auth.GrantClientCredentials {
		return T("Get token asks {{.Server}} for a token with the client's own ID and secret (client credentials grant, RFC 6749 §4.4). "+
			"No browser and no person are involved; the token is kept in your OS keyring.",
			"Server", nonEmpty(hostOf(p.TokenURL), hostOf(p.Issuer), p.DisplayName()))
	}
	text := T("Sign in opens your browser at {{.Server}}. When you approve, the browser comes back to oauthdesk, which keeps the tokens in your OS keyring.",
		"Server", nonEmpty(hostOf(p.AuthURL), hostOf(p.Issuer), p.DisplayName()))
	if p.Quirks.Builtin {
		text += " " + T("The demo provider's account is user demo, password demo.")
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

// The built-in demo provider's names, as the engine (and the tests' fake)
// give them.
const (
	demoProviderName      = "Demo provider (local)"
	demoProviderShortName = "Demo provider"
)

// shownName is a provider's name in the list and the title: the built-in
// demo provider's in the window's language, the others as configured.
func shownName(p auth.Provider) string {
	if p.Quirks.Builtin {
		switch p.DisplayName() {
		case demoProviderName:
			return T(demoProviderName)
		case demoProviderShortName:
			return T(demoProviderShortName)
		}
	}
	return p.DisplayName()
}
