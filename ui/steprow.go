package ui

import (
	"encoding/json"
	"net/url"
	"strconv"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"oauthdesk/auth"
)

// maxStepText caps the text a step shows when expanded; Copy step and
// Export HAR keep everything.
const maxStepText = 64 << 10

// stepRow is one step of the flow log: a header that reads "#3 token —
// what it is for", the request line and the answer's status, which
// expands on click to the headers and pretty-printed bodies.
type stepRow struct {
	root     *fyne.Container
	chevron  *widget.Icon
	title    *widget.RichText
	request  *widget.RichText
	status   *widget.Label
	detail   *widget.Label
	copyBtn  *widget.Button
	details  *fyne.Container
	expanded bool

	// step is the step as shown: redacted unless secrets are revealed.
	step auth.Step
}

// newStepRow makes a collapsed row; onToggle is told when it expands or
// collapses, onCopy copies its text.
func newStepRow(onToggle func(n int, open bool), onCopy func(r *stepRow)) *stepRow {
	r := &stepRow{}
	r.chevron = widget.NewIcon(theme.MenuExpandIcon())
	r.title = widget.NewRichText()
	r.title.Wrapping = fyne.TextWrapWord
	r.request = newSecondary("", "")
	r.request.Truncation = fyne.TextTruncateEllipsis
	r.request.Segments[0].(*widget.TextSegment).Style.TextStyle.Monospace = true
	r.status = widget.NewLabel("")
	r.status.TextStyle.Bold = true
	r.detail = widget.NewLabel("")
	r.detail.TextStyle.Monospace = true
	r.detail.Wrapping = fyne.TextWrapBreak
	r.detail.Selectable = true
	r.copyBtn = widget.NewButtonWithIcon(T("Copy step"), theme.ContentCopyIcon(), func() { onCopy(r) })
	r.copyBtn.Importance = widget.LowImportance
	// The details sit on the input background, indented under the
	// title, so that they read as the inside of the step.
	r.details = container.NewPadded(container.NewStack(
		newTint(theme.ColorNameInputBackground, 0xff),
		container.NewVBox(r.detail, container.NewHBox(layout.NewSpacer(), r.copyBtn))))
	r.details.Hide()

	text := container.New(&tightVBox{overlap: theme.Padding() * 2}, r.title, r.request)
	head := container.NewBorder(nil, nil,
		container.NewVBox(container.NewPadded(r.chevron)),
		container.NewVBox(r.status),
		text)
	r.root = container.NewVBox(
		newTappable(head, func() {
			r.setExpanded(!r.expanded)
			onToggle(r.step.N, r.expanded)
		}),
		r.details,
		widget.NewSeparator(),
	)
	return r
}

// set shows step s (already redacted, or not when revealed).
func (r *stepRow) set(s auth.Step) {
	r.step = s
	r.title.Segments = []widget.RichTextSegment{
		&widget.TextSegment{Text: "#" + strconv.Itoa(s.N) + "  ", Style: widget.RichTextStyle{Inline: true, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: s.Kind, Style: widget.RichTextStyle{Inline: true, ColorName: theme.ColorNamePrimary, TextStyle: fyne.TextStyle{Bold: true}}},
		&widget.TextSegment{Text: "  " + explainStep(s), Style: widget.RichTextStyle{Inline: true}},
	}
	r.title.Refresh()
	setSecondary(r.request, s.Method+" "+shownMask(displayURL(s.URL)))
	text, imp := stepStatus(s)
	r.status.Importance = imp
	r.status.SetText(text)
	if r.expanded {
		r.detail.SetText(stepDetail(s))
	}
}

// setExpanded opens or closes the details.
func (r *stepRow) setExpanded(open bool) {
	r.expanded = open
	if open {
		r.chevron.SetResource(theme.MenuDropDownIcon())
		r.detail.SetText(stepDetail(r.step))
		r.details.Show()
	} else {
		r.chevron.SetResource(theme.MenuExpandIcon())
		r.details.Hide()
	}
}

// engineMask is what the engine shows in place of a secret (flowlog.Mask).
const engineMask = "•••• (hidden)"

// shownMask says the engine's mask in the window's language.
func shownMask(text string) string {
	if !korean() {
		return text
	}
	return strings.ReplaceAll(text, engineMask, "•••• ("+T("hidden")+")")
}

// displayURL is a URL with its query decoded, for reading: a redacted
// value shows as "•••• (hidden)" rather than "%E2%80%A2…".
func displayURL(raw string) string {
	base, query, ok := strings.Cut(raw, "?")
	if !ok {
		return raw
	}
	q, err := url.QueryUnescape(query)
	if err != nil {
		return raw
	}
	return base + "?" + q
}

// stepStatus is the answer in a few words, and its color. An OAuth error
// answer names its error code instead of the HTTP reason; the device
// grant's "not yet" answers are expected, so they are not red.
func stepStatus(s auth.Step) (string, widget.Importance) {
	switch {
	case s.Err != "":
		return T("failed"), widget.DangerImportance
	case s.Status == 0:
		return T("in the browser"), widget.MediumImportance
	}
	if code := oauthErrorCode(s.ResponseBody); code != "" && s.Status >= 400 {
		imp := widget.DangerImportance
		if code == "authorization_pending" || code == "slow_down" {
			imp = widget.WarningImportance
		}
		return strconv.Itoa(s.Status) + " " + code + " · " + formatDuration(s.Duration), imp
	}
	return statusLine(s.Status) + " · " + formatDuration(s.Duration), statusImportance(s.Status)
}

// oauthErrorCode is the "error" member of an OAuth error answer (RFC 6749
// §5.2), or "" when body is not one.
func oauthErrorCode(body []byte) string {
	var e struct {
		Error string `json:"error"`
	}
	if len(body) == 0 || body[0] != '{' || json.Unmarshal(body, &e) != nil || len(e.Error) > 64 {
		return ""
	}
	return e.Error
}

// stepDetail is what an expanded step shows: Step.Text without the title
// line the row already shows, capped at maxStepText.
func stepDetail(s auth.Step) string {
	text := s.Text()
	if _, rest, ok := strings.Cut(text, "\n"); ok {
		text = rest
	}
	if shown := displayURL(s.URL); shown != s.URL {
		text = strings.Replace(text, s.URL, shown, 1)
	}
	text = strings.TrimRight(text, "\n")
	if len(text) > maxStepText {
		text = strings.ToValidUTF8(text[:maxStepText], "") + "\n… (" + T("cut here; Copy step and Export HAR have it all") + ")"
	}
	return shownMask(text)
}
