package ui

import (
	"context"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/dialog"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// "Add from an API URL…": a provider set up from an API's URL alone
// (Backend.DiscoverResource, then Backend.Connect), then a sign-in. When
// the API names several authorization servers, the person chooses one.

// connectFlow is one run of the dialogs.
type connectFlow struct {
	mw      *MainWindow
	url, id *widget.Entry
}

// showConnect opens the dialog, with the URL filled in when given (the API
// console's "Connect to this API…").
func (mw *MainWindow) showConnect(prefill string) {
	f := &connectFlow{mw: mw, url: widget.NewEntry(), id: widget.NewEntry()}
	f.url.SetPlaceHolder("https://api.example.com/v1/data")
	f.url.SetText(prefill)
	f.id.SetPlaceHolder(T("made from the host"))
	intro := widget.NewLabel(T("oauthdesk asks the API with no token, reads the metadata it publishes (RFC 9728), " +
		"finds its authorization server, registers itself there when it can (RFC 7591), saves the provider and signs you in. " +
		"Nothing is saved when a check fails."))
	intro.Wrapping = fyne.TextWrapWord
	items := []*widget.FormItem{
		widget.NewFormItem("", intro),
		widget.NewFormItem(T("API URL"), f.url),
		widget.NewFormItem(T("Provider ID"), f.id),
	}
	d := dialog.NewForm(T("Add from an API URL"), T("Continue"), T("Cancel"), items, func(ok bool) {
		if ok {
			f.discover()
		}
	}, mw.win)
	d.Resize(fyne.NewSize(560, 0))
	// Enter in either field continues, as it does in other forms.
	f.url.OnSubmitted = func(string) { d.Submit() }
	f.id.OnSubmitted = func(string) { d.Submit() }
	mw.showDialog(d)
	mw.win.Canvas().Focus(f.url)
}

// discover runs the resource discovery and goes on to choose and connect.
func (f *connectFlow) discover() {
	mw := f.mw
	raw := strings.TrimSpace(f.url.Text)
	id := strings.TrimSpace(f.id.Text)
	go func() {
		ctx, cancel := context.WithTimeout(mw.ctx, requestTimeout)
		defer cancel()
		if id == "" {
			s, err := mw.b.SuggestProviderID(raw)
			if err != nil {
				mw.do(func() { f.fail(err) })
				return
			}
			id = s
		}
		rd, err := mw.b.DiscoverResource(ctx, id, raw)
		mw.do(func() {
			if err != nil {
				f.fail(err)
				return
			}
			if len(rd.AuthorizationServers) > 1 {
				f.choose(id, rd)
				return
			}
			f.connect(id, rd, rd.AuthorizationServers[0])
		})
	}()
}

// choose lets the person pick one of the API's authorization servers.
func (f *connectFlow) choose(id string, rd *auth.ResourceDiscovery) {
	pick := widget.NewRadioGroup(rd.AuthorizationServers, nil)
	pick.SetSelected(rd.AuthorizationServers[0])
	text := widget.NewLabel(T("{{.API}} names several authorization servers. Which one should issue its tokens?", "API", rd.Resource))
	text.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustomConfirm(T("Choose an authorization server"), T("Continue"), T("Cancel"),
		container.NewVBox(text, pick), func(ok bool) {
			if ok && pick.Selected != "" {
				f.connect(id, rd, pick.Selected)
			}
		}, f.mw.win)
	d.Resize(fyne.NewSize(560, 0))
	f.mw.showDialog(d)
}

// connect saves the provider for the chosen server, then signs in.
func (f *connectFlow) connect(id string, rd *auth.ResourceDiscovery, issuer string) {
	mw := f.mw
	go func() {
		ctx, cancel := context.WithTimeout(mw.ctx, requestTimeout)
		defer cancel()
		r, err := mw.b.Connect(ctx, auth.ConnectRequest{URL: rd.URL, ID: id, AuthorizationServer: issuer, Discovery: rd})
		var providers []auth.Provider
		if err == nil {
			providers = mw.b.Providers()
		}
		mw.do(func() {
			if err != nil {
				f.fail(err)
				return
			}
			mw.setProviders(providers, r.ProviderID)
			mw.signIn(r.ProviderID)
		})
	}()
}

// fail says why nothing was saved.
func (f *connectFlow) fail(err error) {
	info := describeError(T("Could not connect to the API"), err)
	msg := widget.NewLabel(info.Message + "\n\n" + T("Nothing was saved."))
	msg.Wrapping = fyne.TextWrapWord
	d := dialog.NewCustom(info.Title, T("Close"), msg, f.mw.win)
	d.Resize(fyne.NewSize(560, 0))
	f.mw.showDialog(d)
}
