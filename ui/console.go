package ui

import (
	"context"
	"errors"
	"net/http"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// consoleView is the "API console" tab: a request (method, URL, headers,
// body) sent with the session's access token, and the answer: status,
// timing, headers and the body, pretty-printed when it is JSON. Past
// requests can be loaded again; a request copies as a curl command; an
// answer that rejects the token offers to refresh it and send again.
type consoleView struct {
	mw   *MainWindow
	id   string
	root fyne.CanvasObject

	method  *widget.Select
	url     *keyEntry
	headers *keyEntry
	body    *keyEntry
	send    *widget.Button
	cancel  *widget.Button
	history *widget.Select
	curl    *widget.Button
	reveal  *widget.Check
	flash   *widget.Label
	reqErr  *widget.Label
	// placement is where the token goes: header or query.
	placement *tokenPlacement

	activity    *widget.Activity
	status      *widget.Label
	meta        *widget.Label
	truncated   fyne.CanvasObject
	invalid     fyne.CanvasObject
	retry       *widget.Button
	invalidText *widget.Label
	// connectAPI offers "Connect to this API…" for a 401 naming its
	// resource metadata from a URL no provider covers.
	connectAPI fyne.CanvasObject
	respErr    *widget.Label
	respBody   *widget.Label
	respHdrs   *widget.Label
	respTabs   *container.AppTabs
	hdrTab     *container.TabItem
	noAnswer   fyne.CanvasObject
	answer     fyne.CanvasObject

	// past are the history entries, newest first, as the picker lists them.
	past []auth.APIRequest
	// sending cancels the request in flight; nil when idle.
	sending context.CancelFunc
	// lastReq is the request of the answer shown, for Refresh and retry.
	lastReq auth.APIRequest
	// prefilled is set once the URL was filled with the profile endpoint.
	prefilled bool
}

// newConsoleView makes the tab for provider id.
func newConsoleView(mw *MainWindow, id string) *consoleView {
	c := &consoleView{mw: mw, id: id}
	c.method = widget.NewSelect(consoleMethods, nil)
	c.method.SetSelected("GET")
	c.url = newKeyEntry()
	c.url.PlaceHolder = "https://api.example.com/v1/me"
	c.url.OnSubmitted = func(string) { c.submit() }
	c.headers = newKeyMultiLineEntry()
	c.headers.PlaceHolder = "Accept: application/json"
	c.headers.SetMinRowsVisible(3)
	c.headers.TextStyle.Monospace = true
	c.body = newKeyMultiLineEntry()
	c.body.PlaceHolder = T("Request body (for POST, PUT, PATCH)")
	c.body.SetMinRowsVisible(3)
	c.body.TextStyle.Monospace = true
	c.send = widget.NewButtonWithIcon(T("Send"), theme.MailSendIcon(), c.submit)
	c.send.Importance = widget.HighImportance
	c.cancel = widget.NewButtonWithIcon(T("Cancel"), theme.CancelIcon(), func() {
		if c.sending != nil {
			c.sending()
		}
	})
	c.cancel.Hide()
	c.history = widget.NewSelect(nil, c.pickHistory)
	c.history.PlaceHolder = T("History: no requests yet")
	c.history.Disable()
	c.curl = widget.NewButtonWithIcon(T("Copy as curl"), theme.ContentCopyIcon(), c.copyCurl)
	c.reveal = widget.NewCheck(T("with the token in clear"), nil)
	c.flash = widget.NewLabel("")
	c.flash.Importance = widget.SuccessImportance
	c.flash.Hide()
	c.reqErr = errLabel()

	c.activity = widget.NewActivity()
	c.activity.Hide()
	c.status = widget.NewLabel("")
	c.status.TextStyle.Bold = true
	c.meta = widget.NewLabel("")
	c.meta.Truncation = fyne.TextTruncateEllipsis
	c.truncated = newNotice(theme.ColorNameWarning, theme.WarningIcon(),
		wrapLabel(T("The body was too long and was cut: only its first {{.Size}} are shown.", "Size", formatSize(auth.MaxAPIBodyBytes))))
	c.truncated.Hide()
	c.retry = widget.NewButtonWithIcon(T("Refresh and retry"), theme.ViewRefreshIcon(), c.refreshAndRetry)
	c.retry.Importance = widget.HighImportance
	c.invalidText = wrapLabel("")
	c.invalid = newNotice(theme.ColorNameWarning, theme.WarningIcon(), container.NewVBox(
		c.invalidText, container.NewHBox(c.retry)))
	c.invalid.Hide()
	c.connectAPI = newNotice(theme.ColorNamePrimary, theme.InfoIcon(), container.NewVBox(
		wrapLabel(T("This API says where to get a token for it (RFC 9728), and no provider here is set up for it.")),
		container.NewHBox(widget.NewButtonWithIcon(T("Connect to this API…"), theme.SearchIcon(), func() { mw.showConnect(c.lastReq.URL) }))))
	c.connectAPI.Hide()
	c.respErr = errLabel()
	c.respBody = widget.NewLabel("")
	c.respBody.TextStyle.Monospace = true
	c.respBody.Wrapping = fyne.TextWrapBreak
	c.respBody.Selectable = true
	c.respHdrs = widget.NewLabel("")
	c.respHdrs.TextStyle.Monospace = true
	c.respHdrs.Wrapping = fyne.TextWrapBreak
	c.respHdrs.Selectable = true
	onInput := func(o fyne.CanvasObject) fyne.CanvasObject {
		return container.NewStack(newTint(theme.ColorNameInputBackground, 0xff), container.NewVScroll(o))
	}
	c.hdrTab = container.NewTabItem(T("Headers"), onInput(c.respHdrs))
	c.respTabs = container.NewAppTabs(
		container.NewTabItem(T("Body"), onInput(c.respBody)),
		c.hdrTab,
	)
	c.respTabs.Hide()
	c.noAnswer = container.NewVBox(newSecondaryWrap(T("The answer appears here."), ""))

	intro := newSecondaryWrap(T("Call an API with the access token: oauthdesk adds "+
		"\"Authorization: Bearer …\" (refreshing the token first if it expired) unless you set your own."), "")
	line := container.NewBorder(nil, nil, c.method, container.NewHBox(c.send, c.cancel), c.url)
	fields := container.NewGridWithColumns(2,
		container.NewBorder(keyLabel(T("Headers, one Name: value per line")), nil, nil, nil, c.headers),
		container.NewBorder(keyLabel(T("Body")), nil, nil, nil, c.body))
	tools := container.NewBorder(nil, nil, nil,
		container.NewHBox(c.curl, c.reveal), c.history)
	c.answer = container.NewBorder(nil, nil, container.NewHBox(c.activity, c.status), nil, c.meta)
	c.answer.Hide()
	var top, border *fyne.Container
	c.placement = newTokenPlacement(func() {
		if border != nil {
			top.Refresh()
			border.Refresh()
		}
	})
	top = container.NewVBox(intro, line, c.reqErr, c.placement.root, fields, tools, c.flash, widget.NewSeparator(),
		c.answer, c.respErr, c.invalid, c.connectAPI, c.truncated)
	border = container.NewBorder(top, nil, nil, nil, container.NewStack(c.noAnswer, c.respTabs))
	c.root = container.NewPadded(border)
	return c
}

// shown is called when the tab is shown: it fills the URL with the profile
// endpoint the first time and re-reads the history.
func (c *consoleView) shown() {
	c.loadHistory()
	if c.prefilled {
		return
	}
	c.prefilled = true
	go func() {
		ctx, cancel := context.WithTimeout(c.mw.ctx, requestTimeout)
		defer cancel()
		u, err := c.mw.b.ProfileEndpoint(ctx, c.id)
		c.mw.do(func() {
			if err == nil && u != "" && c.url.Text == "" {
				c.url.SetText(u)
			}
		})
	}()
}

// stop cancels a request in flight; the view is closed.
func (c *consoleView) stop() {
	if c.sending != nil {
		c.sending()
	}
}

// loadHistory re-reads the provider's past requests.
func (c *consoleView) loadHistory() {
	go func() {
		past := c.mw.b.CallHistory(c.id)
		c.mw.do(func() { c.setHistory(past) })
	}()
}

// setHistory lists past requests, newest first.
func (c *consoleView) setHistory(past []auth.APIRequest) {
	c.past = make([]auth.APIRequest, 0, len(past))
	options := make([]string, 0, len(past))
	for i := len(past) - 1; i >= 0; i-- {
		c.past = append(c.past, past[i])
		options = append(options, strconv.Itoa(len(past)-i)+". "+historyLabel(past[i]))
	}
	c.history.Options = options
	c.history.ClearSelected()
	if len(options) == 0 {
		c.history.PlaceHolder = T("History: no requests yet")
		c.history.Disable()
	} else {
		c.history.PlaceHolder = TN("History: load one of {{.Count}} past requests", len(options))
		c.history.Enable()
	}
	c.history.Refresh()
}

// pickHistory loads a past request into the fields.
func (c *consoleView) pickHistory(label string) {
	for i, o := range c.history.Options {
		if o == label && i < len(c.past) {
			c.load(c.past[i])
			return
		}
	}
}

// load puts a request into the fields.
func (c *consoleView) load(r auth.APIRequest) {
	c.method.SetSelected(nonEmpty(strings.ToUpper(r.Method), "GET"))
	c.url.SetText(r.URL)
	c.headers.SetText(formatHeaderLines(r.Header))
	c.body.SetText(auth.DisplayBody(r.Body))
	c.placement.set(r.TokenIn)
	setOptional(c.reqErr, "")
}

// request is the request the fields describe, or an error shown inline.
func (c *consoleView) request() (auth.APIRequest, bool) {
	req, msg := buildRequest(c.method.Selected, c.url.Text, c.headers.Text, c.body.Text)
	req.TokenIn = c.placement.value()
	setOptional(c.reqErr, msg)
	return req, msg == ""
}

// submit sends the request the fields describe.
func (c *consoleView) submit() {
	if c.sending != nil {
		return
	}
	req, ok := c.request()
	if !ok {
		return
	}
	c.run(req, false)
}

// refreshAndRetry refreshes the access token, then sends the last request
// again.
func (c *consoleView) refreshAndRetry() {
	if c.sending != nil {
		return
	}
	c.run(c.lastReq, true)
}

// run sends req off the UI goroutine, after a refresh if refreshFirst.
func (c *consoleView) run(req auth.APIRequest, refreshFirst bool) {
	ctx, cancel := context.WithTimeout(c.mw.ctx, requestTimeout)
	c.sending = cancel
	c.setBusy(refreshFirst)
	go func() {
		defer cancel()
		var resp *auth.APIResponse
		var err error
		refreshed := false
		if refreshFirst {
			_, err = c.mw.b.Refresh(ctx, c.id)
			refreshed = err == nil
			if err != nil {
				err = errRefreshFailed{err}
			}
		}
		if err == nil {
			resp, err = c.mw.b.Call(ctx, c.id, req)
		}
		// A 401 naming its metadata (RFC 9728 §5.1) from an API no
		// provider is set up for: offer to connect to it.
		offer := err == nil && resp.Status == http.StatusUnauthorized && resp.ResourceMetadata != "" && c.mw.b.CoveringProvider(resp.URL) == ""
		c.mw.do(func() {
			c.sending = nil
			c.lastReq = req
			c.show(resp, err)
			if offer {
				c.connectAPI.Show()
				c.root.Refresh()
			}
			c.loadHistory()
			if refreshed {
				c.mw.reloadSession(c.id)
			}
		})
	}()
}

// errRefreshFailed marks the refresh of Refresh and retry as what failed.
type errRefreshFailed struct{ err error }

// Error says the refresh failed.
func (e errRefreshFailed) Error() string {
	return T("refreshing the access token failed: {{.Error}}", "Error", e.err.Error())
}

// Unwrap is the refresh's error.
func (e errRefreshFailed) Unwrap() error { return e.err }

// setBusy shows that a request is on its way.
func (c *consoleView) setBusy(refreshing bool) {
	c.send.Disable()
	c.retry.Disable()
	c.cancel.Show()
	c.answer.Show()
	c.activity.Show()
	c.activity.Start()
	c.status.Importance = widget.MediumImportance
	if refreshing {
		c.status.SetText(T("Refreshing the token, then sending…"))
	} else {
		c.status.SetText(T("Sending…"))
	}
	c.meta.SetText("")
	setOptional(c.respErr, "")
	c.invalid.Hide()
	c.connectAPI.Hide()
	c.truncated.Hide()
}

// show renders an answer, or the error that stood in for one.
func (c *consoleView) show(resp *auth.APIResponse, err error) {
	c.send.Enable()
	c.retry.Enable()
	c.cancel.Hide()
	c.activity.Stop()
	c.activity.Hide()
	if err != nil {
		c.status.Importance = widget.DangerImportance
		switch {
		case isCanceled(err):
			c.status.Importance = widget.MediumImportance
			c.status.SetText(T("Canceled."))
			setOptional(c.respErr, "")
		default:
			c.status.SetText(T("No answer"))
			setOptional(c.respErr, consoleError(err))
		}
		c.meta.SetText("")
		c.respTabs.Hide()
		if c.respErr.Visible() {
			c.noAnswer.Hide() // the error says why there is none
		} else {
			c.noAnswer.Show()
		}
		c.root.Refresh()
		return
	}
	c.status.Importance = statusImportance(resp.Status)
	c.status.SetText(statusLine(resp.Status))
	c.meta.SetText(formatDuration(resp.Duration) + " · " + formatSize(len(resp.Body)) + " · " + resp.Method + " " + displayURL(resp.URL))
	setOptional(c.respErr, "")
	if resp.InvalidToken {
		if headerValue(c.lastReq.Header, "Authorization") != "" {
			// The request carried its own token: refreshing oauthdesk's
			// would not change what is sent.
			c.invalidText.SetText(T("The API rejected the token in your Authorization header (invalid_token). " +
				"Remove the header to send the session's access token instead."))
			c.retry.Hide()
		} else {
			c.invalidText.SetText(T("The API rejected the access token (invalid_token): it may have expired or been revoked. " +
				"Refresh it and send the request again?"))
			c.retry.Show()
		}
		c.invalid.Show()
	}
	if resp.Truncated {
		c.truncated.Show()
	}
	c.respBody.SetText(displayResponseBody(resp.Header, resp.Body))
	c.respHdrs.SetText(formatHeaderLines(resp.Header))
	n := 0
	for _, vs := range resp.Header {
		n += len(vs)
	}
	c.hdrTab.Text = T("Headers ({{.Count}})", "Count", n)
	c.respTabs.Refresh()
	c.respTabs.SelectIndex(0)
	c.noAnswer.Hide()
	c.respTabs.Show()
	c.root.Refresh()
}

// consoleError explains a failed call in a sentence and, where it helps,
// what to do.
func consoleError(err error) string {
	msg := sentence(err.Error())
	switch {
	case errors.Is(err, auth.ErrNotSignedIn), errors.Is(err, auth.ErrSessionExpired), errors.Is(err, auth.ErrNoRefreshToken):
		msg += " " + T("Sign in on the Session tab, then send again.")
	case errors.Is(err, auth.ErrUnreachable):
		msg += " " + T("Check the URL and that the server is running.")
	}
	return msg
}

// copyCurl copies the request as a curl command: the token stands as
// $(oauthdesk token ID) unless "with the token in clear" is ticked.
func (c *consoleView) copyCurl() {
	req, ok := c.request()
	if !ok {
		return
	}
	if !c.reveal.Checked {
		cmd := auth.CurlCommandFor(c.id, req, false)
		// A DPoP proof is single-use: the command makes a fresh one
		// with oauthdesk proof each time it runs.
		if s := c.mw.sessions[c.id]; s != nil && s.tokens != nil && s.tokens.IsDPoP() && headerValue(req.Header, "Authorization") == "" {
			cmd = auth.CurlCommandDPoP(c.id, req)
		}
		c.mw.app.Clipboard().SetContent(cmd)
		c.say(T("Copied the curl command; the token is read with oauthdesk token {{.ID}}.", "ID", c.id), widget.SuccessImportance)
		return
	}
	if headerValue(req.Header, "Authorization") != "" {
		cleared := c.mw.copySecret(auth.CurlCommand(req, true))
		c.say(T("Copied the curl command with your Authorization header in clear.")+" "+cleared, widget.WarningImportance)
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(c.mw.ctx, requestTimeout)
		defer cancel()
		ts, err := c.mw.b.Token(ctx, c.id)
		c.mw.do(func() {
			if err != nil {
				c.say(T("Could not get the access token: {{.Error}}", "Error", err.Error()), widget.DangerImportance)
				return
			}
			cleared := c.mw.copySecret(auth.CurlCommandWithToken(req, ts.AccessToken))
			c.say(T("Copied the curl command with the access token in clear: keep it secret.")+" "+cleared, widget.WarningImportance)
		})
	}()
}

// say shows a passing confirmation under the request.
func (c *consoleView) say(text string, imp widget.Importance) {
	flash(c.mw.do, c.flash, text, imp)
}
