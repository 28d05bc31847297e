package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// flowPollEvery is how often the flow log re-reads the steps while shown,
// so that a running sign-in appears step by step.
const flowPollEvery = 500 * time.Millisecond

// flowLogView is the "Flow log" tab: every HTTP exchange with the provider
// as numbered, explained steps that expand to headers and bodies. Secrets
// are masked unless the person reveals them; a step copies as text and the
// whole log exports as HAR.
type flowLogView struct {
	mw   *MainWindow
	id   string
	root fyne.CanvasObject

	bar      *fyne.Container
	reveal   *widget.Check
	revealed bool
	// setting is true while the code sets reveal, to not call back.
	setting  bool
	warning  fyne.CanvasObject
	count    *widget.Label
	flash    *widget.Label
	export   *widget.Button
	clear    *widget.Button
	rows     *fyne.Container
	scroll   *container.Scroll
	empty    fyne.CanvasObject
	stepRows []*stepRow

	// steps are the steps as the backend gave them, secrets included.
	steps    []auth.Step
	expanded map[int]bool

	// follow keeps the newest step in view; scrolling up turns it off,
	// scrolling back to the end on again.
	follow bool

	stopPoll func()
	inFlight bool
	// clearing is set while the engine forgets the steps; reads wait.
	clearing bool
	// loads counts reads, so that a read from before Clear is dropped.
	loads int
}

// newFlowLogView makes the tab for provider id.
func newFlowLogView(mw *MainWindow, id string) *flowLogView {
	v := &flowLogView{mw: mw, id: id, expanded: map[int]bool{}, follow: true}
	v.reveal = widget.NewCheck(T("Reveal secrets"), v.toggleReveal)
	v.export = widget.NewButtonWithIcon(T("Export HAR…"), theme.DocumentSaveIcon(), v.exportHAR)
	v.clear = widget.NewButtonWithIcon(T("Clear"), theme.DeleteIcon(), v.clearLog)
	v.count = widget.NewLabel("")
	v.flash = widget.NewLabel("")
	v.flash.Importance = widget.SuccessImportance
	v.flash.Hide()
	warnText := wrapLabel(T("Secrets are shown in clear: tokens, codes, the PKCE verifier and the client secret. " +
		"Copy step and Export HAR include them."))
	v.warning = newNotice(theme.ColorNameWarning, theme.WarningIcon(), warnText)
	v.warning.Hide()

	intro := newSecondaryWrap(T("Every request oauthdesk makes to the provider, and the browser's trips to and from it, "+
		"numbered in order. Click a step for its headers and bodies. Secrets are hidden unless you reveal them."), "")
	v.bar = container.NewHBox(v.reveal, v.export, v.clear, layout.NewSpacer(), v.count)

	v.rows = container.NewVBox()
	v.scroll = container.NewVScroll(v.rows)
	v.scroll.OnScrolled = func(fyne.Position) { v.follow = v.atEnd() }
	emptyText := newSecondaryWrap(T("No steps yet. Sign in, refresh, read the profile or call an API: "+
		"each exchange with the provider appears here as it happens."), "")
	v.empty = container.NewVBox(container.NewPadded(emptyText))
	v.root = container.NewPadded(container.NewBorder(
		container.NewVBox(intro, v.bar, v.warning, v.flash, widget.NewSeparator()),
		nil, nil, nil,
		container.NewStack(v.scroll, v.empty)))
	v.render()
	return v
}

// start re-reads the steps now and every flowPollEvery until stop.
func (v *flowLogView) start() {
	if v.stopPoll != nil {
		return
	}
	v.load()
	v.scrollToEnd()
	v.stopPoll = startTicker(v.mw.do, flowPollEvery, v.load)
}

// stop ends the polling; the tab is hidden or the view closed.
func (v *flowLogView) stop() {
	if v.stopPoll != nil {
		v.stopPoll()
		v.stopPoll = nil
	}
}

// load reads the steps off the UI goroutine, one read at a time.
func (v *flowLogView) load() {
	if v.inFlight || v.clearing {
		return
	}
	v.inFlight = true
	gen := v.loads
	go func() {
		steps := v.mw.b.FlowLog(v.id)
		v.mw.do(func() {
			v.inFlight = false
			if gen == v.loads {
				v.setSteps(steps)
			}
		})
	}()
}

// setSteps shows steps, adding rows for new steps only.
func (v *flowLogView) setSteps(steps []auth.Step) {
	if sameSteps(v.steps, steps) {
		return
	}
	extends := len(v.steps) <= len(steps) && (len(v.steps) == 0 || v.steps[0].N == steps[0].N)
	if !extends {
		v.stepRows = nil
		v.rows.Objects = nil
	}
	v.steps = steps
	for i := len(v.stepRows); i < len(steps); i++ {
		r := newStepRow(func(n int, open bool) {
			v.expanded[n] = open
			v.rows.Refresh() // the row's height changed
		}, v.copyStep)
		v.stepRows = append(v.stepRows, r)
		v.rows.Add(r.root)
		r.set(v.shown(steps[i]))
		if v.expanded[steps[i].N] {
			r.setExpanded(true)
		}
	}
	v.render()
	v.scrollToEnd()
}

// scrollToEnd brings the newest step into view while following. The
// scroll's content is sized first: the scroll moves only within the size
// it last laid out.
func (v *flowLogView) scrollToEnd() {
	if !v.follow || len(v.stepRows) == 0 || v.scroll.Size().Height <= 0 {
		return
	}
	v.rows.Resize(fyne.NewSize(v.scroll.Size().Width, v.rows.MinSize().Height))
	v.scroll.ScrollToBottom()
}

// atEnd reports whether the last step is in view.
func (v *flowLogView) atEnd() bool {
	return v.scroll.Offset.Y+v.scroll.Size().Height >= v.rows.MinSize().Height-theme.Padding()*4
}

// sameSteps reports whether two reads hold the same steps (steps never
// change once logged, so the numbers suffice).
func sameSteps(a, b []auth.Step) bool {
	if len(a) != len(b) {
		return false
	}
	return len(a) == 0 || (a[0].N == b[0].N && a[len(a)-1].N == b[len(b)-1].N)
}

// render updates the count, the buttons and the placeholder.
func (v *flowLogView) render() {
	n := len(v.steps)
	switch n {
	case 0:
		v.count.SetText("")
		v.empty.Show()
		v.scroll.Hide()
	default:
		v.count.SetText(TN("{{.Count}} steps", n))
	}
	if n > 0 {
		v.empty.Hide()
		v.scroll.Show()
	}
	enable(v.export, n > 0)
	enable(v.clear, n > 0)
	v.bar.Refresh()
	v.rows.Refresh()
}

// shown is s as the log shows it: redacted unless revealed.
func (v *flowLogView) shown(s auth.Step) auth.Step {
	if v.revealed {
		return s
	}
	return s.Redacted()
}

// toggleReveal asks before showing secrets; hiding them needs no asking.
func (v *flowLogView) toggleReveal(on bool) {
	if v.setting {
		return
	}
	if !on {
		v.setRevealed(false)
		return
	}
	d := dialog.NewConfirm(T("Reveal secrets?"),
		T("The flow log will show access, refresh and ID tokens, authorization codes, the PKCE verifier "+
			"and the client secret in clear. Anyone who can see your screen can use them.\n\n"+
			"Copy step and Export HAR will include them too."),
		func(yes bool) { v.setRevealed(yes) }, v.mw.win)
	d.SetConfirmText(T("Reveal"))
	d.SetDismissText(T("Keep hidden"))
	d.SetConfirmImportance(widget.DangerImportance)
	v.mw.showDialog(d)
}

// setRevealed shows or masks the secrets of every step.
func (v *flowLogView) setRevealed(on bool) {
	v.revealed = on
	v.setting = true
	v.reveal.SetChecked(on)
	v.setting = false
	if on {
		v.warning.Show()
	} else {
		v.warning.Hide()
	}
	for i, r := range v.stepRows {
		r.set(v.shown(v.steps[i]))
	}
	v.rows.Refresh()
	v.root.Refresh()
}

// copyStep puts a step's text on the clipboard, as shown.
func (v *flowLogView) copyStep(r *stepRow) {
	what := T("Copied step {{.N}}, secrets hidden.", "N", r.step.N)
	if v.revealed {
		what = T("Copied step {{.N}}.", "N", r.step.N) + " " + v.mw.copySecret(r.step.Text())
	} else {
		v.mw.app.Clipboard().SetContent(r.step.Text())
	}
	v.say(what, widget.SuccessImportance)
}

// say shows a passing confirmation or error above the steps.
func (v *flowLogView) say(text string, imp widget.Importance) {
	flash(v.mw.do, v.flash, text, imp)
}

// clearLog forgets the steps in the engine and here.
func (v *flowLogView) clearLog() {
	if v.clearing {
		return
	}
	v.clearing = true
	v.loads++ // a read on its way is from before
	v.expanded = map[int]bool{}
	v.setSteps(nil)
	v.say("", widget.MediumImportance)
	go func() {
		v.mw.b.ClearFlowLog(v.id)
		v.mw.do(func() {
			v.clearing = false
			v.load()
		})
	}()
}

// exportHAR saves the steps as a HAR file, secrets masked unless revealed.
func (v *flowLogView) exportHAR() {
	steps, reveal := v.steps, v.revealed
	if len(steps) == 0 {
		return
	}
	d := dialog.NewFileSave(func(w fyne.URIWriteCloser, err error) {
		if err != nil {
			v.say(T("Could not save: {{.Error}}", "Error", err.Error()), widget.DangerImportance)
			return
		}
		if w == nil {
			return // canceled
		}
		go func() {
			data, err := flowHAR(steps, reveal)
			if err == nil {
				err = saveHAR(w, data)
			} else {
				_ = w.Close()
			}
			v.mw.do(func() {
				if err != nil {
					v.say(T("Could not save the HAR file: {{.Error}}", "Error", err.Error()), widget.DangerImportance)
					return
				}
				v.say(harSavedText(len(steps), w.URI().Path(), reveal), widget.SuccessImportance)
			})
		}()
	}, v.mw.win)
	d.SetFileName("oauthdesk-" + v.id + "-flow.har")
	d.Resize(dialogSize(v.mw.win))
	v.mw.showDialog(d)
}

// harSavedText confirms an export.
func harSavedText(n int, path string, reveal bool) string {
	if reveal {
		return TN("Saved {{.Count}} steps to {{.Path}} — with secrets in clear.", n, "Path", path)
	}
	return TN("Saved {{.Count}} steps to {{.Path}}, secrets hidden.", n, "Path", path)
}

// flowHAR is the HAR document of steps, their secrets masked unless
// reveal.
func flowHAR(steps []auth.Step, reveal bool) ([]byte, error) {
	out := make([]auth.Step, len(steps))
	for i, s := range steps {
		if reveal {
			out[i] = s
		} else {
			out[i] = s.Redacted()
		}
	}
	return auth.HAR(out)
}
