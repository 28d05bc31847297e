package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// AppID is the Fyne application ID; preferences are kept under it.
const AppID = "dev.oauthdesk.app"

// firstRunHint is shown while only the built-in demo provider is configured
// and nothing is signed in.
const firstRunHint = "Sign in to the demo provider (user demo / password demo), then add your own provider with +."

// nextHint replaces firstRunHint once the person has signed in, until they
// add a provider of their own.
const nextHint = "Next: add your own provider with + (Ctrl+N). Presets fill in Google, GitHub, Microsoft and others."

// MainWindow is oauthdesk's window: the providers on the left, the selected
// provider (or the provider form) on the right, a toolbar on top.
//
// All of its fields belong to the UI goroutine. Backend calls run on their
// own goroutines and hand their results back through do.
type MainWindow struct {
	app fyne.App
	win fyne.Window
	b   Backend

	// do runs fn on the UI goroutine: fyne.Do, or a queue in tests.
	do func(fn func())
	// now is the clock, replaceable in tests.
	now func() time.Time

	// ctx ends when the window closes; it cancels sign-ins and requests.
	ctx    context.Context
	cancel context.CancelFunc

	providers []auth.Provider
	sessions  map[string]*session
	selected  string

	list      *providerList
	config    *configBanner
	hint      fyne.CanvasObject
	hintText  *widget.Label
	right     *fyne.Container
	view      *providerView
	form      *providerForm
	empty     fyne.CanvasObject
	toolbar   *toolbar
	stopClock func()

	// afterFunc runs f once d has passed (time.AfterFunc; tests fire it
	// themselves). clipSecret is the secret copySecret last put on the
	// clipboard, until it is cleared.
	afterFunc  func(d time.Duration, f func())
	clipSecret string
	// dialog is the dialog shown, closed by Esc; nil for none.
	dialog hider
	// stopFocus ends the watch that scrolls the focused widget into view.
	stopFocus func()
}

// NewMainWindow builds the window for b in the app a without showing it.
// It lists the providers at once (Backend.Providers reads no more than the
// config file, already in memory) and loads their sessions in the
// background.
//
// The window speaks the language of the system's locale, English or
// Korean, unless the person picked one in the toolbar (kept in a.Preferences).
func NewMainWindow(a fyne.App, b Backend) *MainWindow {
	applyLanguagePreference(a)
	return newMainWindow(a, b, fyne.Do, time.Now)
}

// newMainWindow is NewMainWindow with the UI dispatcher and the clock given,
// so that tests can run UI updates on their own goroutine.
func newMainWindow(a fyne.App, b Backend, do func(func()), now func() time.Time) *MainWindow {
	mw := &MainWindow{
		app:       a,
		b:         b,
		do:        do,
		now:       now,
		sessions:  map[string]*session{},
		afterFunc: func(d time.Duration, f func()) { time.AfterFunc(d, f) },
	}
	mw.ctx, mw.cancel = context.WithCancel(context.Background())
	mw.win = a.NewWindow("oauthdesk")
	mw.win.SetContent(mw.build())
	mw.win.Resize(fyne.NewSize(1120, 760))
	mw.win.SetOnClosed(mw.shutdown)
	mw.registerShortcuts()
	mw.watchFocus()
	// The list badges move from "signed in" to "expires soon" and
	// "expired" with time; re-render them now and then, and re-read the
	// sessions once a minute in case the command line changed them.
	ticks := 0
	mw.stopClock = startTicker(mw.do, 15*time.Second, func() {
		ticks++
		if ticks%4 == 0 {
			mw.loadProviders("")
		} else {
			mw.refreshList()
		}
	})
	// The provider list comes from the config file the engine has read
	// already, so it is shown in the first frame; the sessions, which may
	// need the keyring, load in the background.
	mw.setProviders(b.Providers(), "")
	mw.watchConfig()
	return mw
}

// Window is the Fyne window, for showing and for tests.
func (mw *MainWindow) Window() fyne.Window { return mw.win }

// ShowAndRun shows the window and runs the app until it closes.
func (mw *MainWindow) ShowAndRun() { mw.win.ShowAndRun() }

// shutdown stops every timer and cancels whatever is still running.
func (mw *MainWindow) shutdown() {
	mw.cancel()
	mw.clearSecretNow()
	if mw.stopClock != nil {
		mw.stopClock()
	}
	if mw.stopFocus != nil {
		mw.stopFocus()
	}
	if mw.view != nil {
		mw.view.stop()
	}
	for _, s := range mw.sessions {
		s.stopAutoRefresh()
	}
}

// build lays the window out.
func (mw *MainWindow) build() fyne.CanvasObject {
	mw.toolbar = newToolbar(mw)
	mw.list = newProviderList(mw)

	listHead := widget.NewLabelWithStyle(T("Providers"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	left := container.NewBorder(listHead, nil, nil, nil, mw.list.widget)

	mw.hintText = wrapLabel(T(firstRunHint))
	mw.hint = container.NewPadded(newNotice(theme.ColorNamePrimary, theme.InfoIcon(), mw.hintText))
	mw.hint.Hide()

	emptyText := widget.NewLabel(T("Select a provider on the left, or add one with +."))
	emptyText.Alignment = fyne.TextAlignCenter
	mw.empty = container.NewCenter(emptyText)
	mw.right = container.NewStack(mw.empty)
	right := container.NewBorder(mw.hint, nil, nil, nil, mw.right)

	split := container.NewHSplit(left, right)
	split.Offset = 0.27
	mw.config = newConfigBanner()
	mw.config.top = container.NewVBox(mw.toolbar.bar, widget.NewSeparator(), mw.config.root)
	return container.NewBorder(mw.config.top, nil, nil, nil, split)
}

// loadProviders reads the provider list off the UI goroutine, then selects
// selectID (or keeps the selection, or picks the first provider).
func (mw *MainWindow) loadProviders(selectID string) {
	go func() {
		providers := mw.b.Providers()
		mw.do(func() { mw.setProviders(providers, selectID) })
	}()
}

// setProviders replaces the provider list and reloads every session.
func (mw *MainWindow) setProviders(providers []auth.Provider, selectID string) {
	mw.providers = providers
	seen := map[string]bool{}
	for _, p := range providers {
		seen[p.ID] = true
		s := mw.sessions[p.ID]
		if s == nil {
			s = &session{autoRefresh: mw.app.Preferences().Bool(autoRefreshKey(p.ID))}
			mw.sessions[p.ID] = s
		}
		s.provider = p
	}
	for id, s := range mw.sessions {
		if !seen[id] {
			s.stopAutoRefresh()
			if s.login != nil {
				s.login.cancel()
			}
			delete(mw.sessions, id)
		}
	}
	mw.updateHint()
	mw.list.reload()

	want := selectID
	if want == "" {
		want = mw.selected
	}
	if _, ok := mw.sessions[want]; !ok {
		want = ""
		if len(providers) > 0 {
			want = providers[0].ID
		}
	}
	if mw.form == nil || selectID != "" {
		mw.selectProvider(want)
	}
	for _, p := range providers {
		mw.reloadSession(p.ID)
	}
}

// updateHint shows the first-run hint while no provider of one's own
// exists: how to begin, then, once signed in, what to do next.
func (mw *MainWindow) updateHint() {
	if mw.form != nil {
		// The hint says to press +: not while the form it opens is shown.
		mw.hint.Hide()
		return
	}
	text := T(firstRunHint)
	for _, p := range mw.providers {
		if !p.Quirks.Builtin {
			mw.hint.Hide()
			return
		}
		if s := mw.sessions[p.ID]; s != nil && s.signedIn() {
			text = T(nextHint)
		}
	}
	if mw.hintText.Text != text {
		mw.hintText.SetText(text)
	}
	mw.hint.Show()
}

// selectProvider shows the provider id on the right; "" shows a placeholder.
func (mw *MainWindow) selectProvider(id string) {
	mw.closeFormQuietly()
	if mw.view != nil {
		if mw.view.id == id {
			mw.view.update()
			mw.list.selectID(id)
			mw.toolbar.update()
			return
		}
		mw.view.stop()
		mw.view = nil
	}
	mw.selected = id
	mw.list.selectID(id)
	if _, ok := mw.sessions[id]; !ok {
		mw.selected = ""
		mw.setRight(mw.empty)
		mw.toolbar.update()
		return
	}
	mw.view = newProviderView(mw, id)
	mw.setRight(mw.view.root)
	mw.view.update()
	mw.toolbar.update()
	mw.ensureProfile(id)
}

// setRight replaces the right pane's content.
func (mw *MainWindow) setRight(o fyne.CanvasObject) {
	// A field of the pane that goes keeps no focus: typing and shortcuts
	// would go to a widget no longer shown.
	if f, ok := mw.win.Canvas().Focused().(fyne.CanvasObject); ok && f != nil && !contains(o, f) {
		mw.win.Canvas().Unfocus()
	}
	mw.right.Objects = []fyne.CanvasObject{o}
	mw.right.Refresh()
}

// changed re-renders everything that shows the session id.
func (mw *MainWindow) changed(id string) {
	if s := mw.sessions[id]; s != nil && id != mw.selected {
		s.notice = "" // a notice is for now: not for when the provider is next selected
	}
	mw.updateHint()
	mw.list.refreshID(id)
	if mw.view != nil && mw.view.id == id {
		mw.view.update()
	}
	if id == mw.selected {
		mw.toolbar.update()
	}
}

// refreshList re-renders the list's badges, which depend on the clock.
func (mw *MainWindow) refreshList() {
	mw.list.widget.Refresh()
}

// provider returns the provider id and whether it exists.
func (mw *MainWindow) provider(id string) (auth.Provider, bool) {
	s, ok := mw.sessions[id]
	if !ok {
		return auth.Provider{}, false
	}
	return s.provider, true
}

// showForm opens the provider form on the right: a new provider when edit is
// nil, else edit.
func (mw *MainWindow) showForm(edit *auth.Provider) {
	if edit != nil && edit.Quirks.Builtin {
		return
	}
	if mw.view != nil {
		mw.view.stop()
		mw.view = nil
	}
	mw.form = newProviderForm(mw, edit)
	mw.updateHint()
	mw.setRight(mw.form.root)
	mw.toolbar.update()
	mw.win.Canvas().Focus(mw.form.firstFocus())
}

// closeForm leaves the form and shows the selected provider again.
func (mw *MainWindow) closeForm() {
	mw.closeFormQuietly()
	mw.updateHint()
	mw.selectProvider(mw.selected)
}

// closeFormQuietly drops the form without re-rendering the right pane.
func (mw *MainWindow) closeFormQuietly() {
	if mw.form != nil {
		mw.form.cancel()
		mw.form = nil
	}
}
