package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// The window follows providers.toml: a provider the person adds or removes
// by hand appears or goes without a restart. While the file has a mistake,
// a banner names it (file:line) and the list stays as it was last good;
// the engine writes nothing to the file until it is fixed.

// configBanner is the banner about a providers file with a mistake.
type configBanner struct {
	root *fyne.Container
	text *widget.Label
	// top holds root; it is laid out again when root shows or hides.
	top *fyne.Container
}

// newConfigBanner makes the hidden banner.
func newConfigBanner() *configBanner {
	b := &configBanner{text: wrapLabel("")}
	title := widget.NewLabelWithStyle(T("The providers file has a mistake"), fyne.TextAlignLeading, fyne.TextStyle{Bold: true})
	b.root = container.NewPadded(newNotice(theme.ColorNameError, theme.ErrorIcon(), container.NewVBox(title, b.text)))
	b.root.Hide()
	return b
}

// show names the mistake, or hides the banner when problem is nil.
func (b *configBanner) show(problem error) {
	defer func() {
		if b.top != nil {
			b.top.Refresh() // a container's Show and Hide do not lay its parent out again
		}
	}()
	if problem == nil {
		b.root.Hide()
		return
	}
	b.text.SetText(T("{{.Error}}. The list shows the providers as they were before; nothing is written to the file until the mistake is fixed, and the list follows the file again once it is.", "Error", problem.Error()))
	b.root.Show()
}

// watchConfig starts following the providers file, off the UI goroutine,
// and shows a mistake the file had at start.
func (mw *MainWindow) watchConfig() {
	go func() {
		if problem := mw.b.ConfigProblem(); problem != nil {
			mw.do(func() { mw.config.show(problem) })
		}
		_ = mw.b.WatchConfig(mw.ctx, func(problem error) {
			providers := mw.b.Providers()
			mw.do(func() {
				mw.config.show(problem)
				if problem == nil {
					mw.setProviders(providers, "")
				}
			})
		})
	}()
}
