package idp

import "net/http"

// message describes a message page by catalog keys: the title, the body
// (with its arguments), the next step, and technical details in the
// provider's own words (shown collapsed, escaped).
type message struct {
	title, body string
	args        []any
	next        string
	detail      string
	// ok marks a success (a green check); failures are pages with status
	// 400 and up.
	ok bool
}

// The message pages' tones: a failure, a neutral outcome, a success.
const (
	toneBad     = "bad"
	toneNeutral = "neutral"
	toneOK      = "ok"
)

// renderMessage shows a message page. Pages with status 400 and up are
// failures (a red "!"); others are calm.
func renderMessage(w http.ResponseWriter, r *http.Request, status int, m message) {
	tone, mark := toneNeutral, ""
	switch {
	case status >= 400:
		tone, mark = toneBad, "!"
	case m.ok:
		tone, mark = toneOK, "✓"
	}
	f := frame(r, m.title, tone)
	d := messageData{Frame: f, Mark: mark}
	var err error
	if d.Body, err = messages.HTML(f.Lang, m.body, m.args...); err != nil {
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return
	}
	if m.next != "" {
		d.Next, _ = messages.HTML(f.Lang, m.next)
	}
	if m.detail != "" {
		d.Detail, _ = messages.HTML(f.Lang, "detail.said", m.detail)
	}
	render(w, status, messagePage, d)
}

// Message pages used in more than one place.
var (
	msgExpired     = message{title: "expired.title", body: "expired.body", next: "next.restart"}
	msgFinished    = message{title: "finished.title", body: "finished.body", next: "next.close"}
	msgNotSignedIn = message{title: "notsignedin.title", body: "notsignedin.body", next: "next.restart"}
	msgBadForm     = message{title: "badform.title", body: "badform.body", next: "next.retry"}
)
