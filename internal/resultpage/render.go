package resultpage

import (
	"html/template"
	"net/http"
	"strings"
	"unicode"
	"unicode/utf8"

	"oauthdesk/internal/webpage"
)

// page is the listener's one template.
var page = webpage.Layout("result", `{{define "content"}}<h1>{{if .Mark}}<span class="mark" aria-hidden="true">{{.Mark}}</span>{{end}}<span>{{.Title}}</span></h1>
{{if eq .Tone "bad"}}<p class="error" role="alert">{{.Body}}</p>{{else}}<p>{{.Body}}</p>{{end}}
{{if .Next}}<p class="next">{{.Next}}</p>{{end}}
{{if .Details}}<details{{if eq .Tone "bad"}} open{{end}}><summary>{{.T "detail.label"}}</summary>{{range .Details}}<p>{{.}}</p>{{end}}</details>{{end}}
<footer>{{.T "close"}}</footer>{{end}}`)

// data fills page.
type data struct {
	webpage.Frame
	Mark       string
	Body, Next template.HTML
	Details    []template.HTML
}

// view is what each kind shows: catalog keys, tone and mark.
type view struct {
	title, body, next string
	tone, mark        string
}

// views by kind. Body keys with %s take the provider's name.
var views = map[Kind]view{
	Success:        {title: "success.title", body: "success.body", tone: "ok", mark: "✓"},
	Declined:       {title: "declined.title", body: "declined.body", tone: "neutral", mark: "–"},
	Failed:         {title: "failed.title", body: "failed.body", next: "failed.next", tone: "bad", mark: "!"},
	StateMismatch:  {title: "state.title", body: "state.body", next: "state.ended", tone: "bad", mark: "!"},
	Finishing:      {title: "finishing.title", body: "finishing.body", next: "finishing.next", tone: "neutral", mark: "…"},
	AlreadyHandled: {title: "handled.title", body: "handled.body", next: "handled.next", tone: "neutral", mark: "✓"},
	StartUsed:      {title: "start.title", body: "start.body", next: "start.next", tone: "neutral", mark: "–"},
	NotFound:       {title: "notfound.title", body: "notfound.body", next: "handled.next", tone: "neutral"},
	WrongHost:      {title: "host.title", body: "host.body", next: "host.next", tone: "bad", mark: "!"},
	ForeignUser:    {title: "foreign.title", body: "foreign.body", next: "foreign.next", tone: "bad", mark: "!"},
}

// Render writes the page for o in the language acceptLanguage asks for,
// with the status Status(o.Kind) and the listener's security headers.
func Render(w http.ResponseWriter, acceptLanguage string, o Outcome) {
	_ = webpage.Render(w, Status(o.Kind), webpage.CSPNoForms, page, build(webpage.Negotiate(acceptLanguage), o))
}

// build fills the page data for o in l.
func build(l webpage.Lang, o Outcome) data {
	v, ok := views[o.Kind]
	if !ok {
		v = views[Failed]
	}
	title, _ := messages.Text(l, v.title)
	brand, _ := messages.Text(l, "brand")
	d := data{Frame: webpage.Frame{Lang: l, Title: title, Brand: brand, Tone: v.tone, Catalog: messages}, Mark: v.mark}
	provider := o.Provider
	if provider == "" {
		provider = "the provider"
		if l == webpage.Korean {
			provider = "제공자"
		}
	}
	switch {
	case o.Kind == Success && o.Account != "":
		d.Body, _ = messages.HTML(l, "success.account", provider, o.Account)
	case strings.Contains(messages[v.body].En, "%s"):
		d.Body, _ = messages.HTML(l, v.body, provider)
	default:
		d.Body, _ = messages.HTML(l, v.body)
	}
	next := v.next
	if o.Kind == StateMismatch && o.StillWaiting {
		next = "state.waiting"
	}
	if next != "" {
		d.Next, _ = messages.HTML(l, next)
	}
	if o.ErrorCode != "" {
		h, _ := messages.HTML(l, "detail.provider", clip(o.ErrorCode, 100))
		d.Details = append(d.Details, h)
	}
	if o.ErrorDescription != "" {
		h, _ := messages.HTML(l, "detail.description", clip(o.ErrorDescription, 500))
		d.Details = append(d.Details, h)
	}
	if o.Reason != "" {
		h, _ := messages.HTML(l, "detail.reason", Sentence(clip(o.Reason, 1000)))
		d.Details = append(d.Details, h)
	}
	return d
}

// Sentence makes s read as a sentence: a capital first letter and a
// closing full stop.
func Sentence(s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return s
	}
	r, n := utf8.DecodeRuneInString(s)
	s = string(unicode.ToUpper(r)) + s[n:]
	if last, _ := utf8.DecodeLastRuneInString(s); !strings.ContainsRune(".!?…”\"", last) {
		s += "."
	}
	return s
}

// clip drops control characters from s and shortens it to max bytes.
func clip(s string, max int) string {
	s = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || unicode.Is(unicode.Bidi_Control, r) {
			return -1
		}
		return r
	}, s)
	if len(s) > max {
		cut := max
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		s = s[:cut] + "…"
	}
	return s
}
