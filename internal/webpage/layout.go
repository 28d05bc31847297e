package webpage

import (
	"bytes"
	"fmt"
	"html/template"
	"net/http"
	"strconv"
)

// Frame is what the layout needs of every page; page data embeds it.
type Frame struct {
	// Lang is the page's language.
	Lang Lang
	// Title is the page's own title, shown in the tab before Brand.
	Title string
	// Brand is the small line at the top of the card and the end of the
	// title: who is showing the page.
	Brand string
	// Tone colours the heading's mark: "ok", "bad", "neutral" or "".
	Tone string
	// Catalog holds the page family's messages.
	Catalog Catalog
	// FreshOnBack makes the page reload when the browser restores it from
	// its back/forward cache. It needs CSPForms, which allows that one
	// script.
	FreshOnBack bool
}

// T is the message key in the page's language, as text.
func (f Frame) T(key string, args ...any) (string, error) {
	return f.Catalog.Text(f.Lang, key, args...)
}

// H is the message key in the page's language, as markup with escaped
// arguments.
func (f Frame) H(key string, args ...any) (template.HTML, error) {
	return f.Catalog.HTML(f.Lang, key, args...)
}

// layout is the document around every page's "content" template.
const layout = `{{define "layout"}}<!DOCTYPE html>
<html lang="{{.Lang}}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="color-scheme" content="light dark">
<title>{{.Title}} · {{.Brand}}</title>
<style>{{.CSS}}</style>
{{if .FreshOnBack}}<script>{{.BackScript}}</script>{{end}}
</head>
<body>
<main class="card{{if .Tone}} tone-{{.Tone}}{{end}}">
<div class="brand">{{.Brand}}</div>
{{template "content" .}}
</main>
</body>
</html>{{end}}`

// CSS is the stylesheet, for the layout. It is a method so that every
// page data type that embeds Frame has it.
func (Frame) CSS() template.CSS { return template.CSS(CSS) }

// BackScript is the script of FreshOnBack, for the layout.
func (Frame) BackScript() template.JS { return template.JS(freshOnBackScript) }

// Layout returns a template holding the layout and content, which must
// define "content". It panics on a parse error: the pages are constants.
func Layout(name, content string) *template.Template {
	t := template.Must(template.New(name).Parse(layout))
	return template.Must(t.Parse(content))
}

// Render executes t's layout with data into a buffer, then writes the
// headers (SetHeaders with csp), status and page. A template error
// writes a plain 500 and never half a page.
func Render(w http.ResponseWriter, status int, csp string, t *template.Template, data any) error {
	var buf bytes.Buffer
	if err := t.ExecuteTemplate(&buf, "layout", data); err != nil {
		http.Error(w, "internal error rendering the page", http.StatusInternalServerError)
		return fmt.Errorf("rendering page %s: %w", t.Name(), err)
	}
	SetHeaders(w.Header(), csp)
	// A known length, so a page written just before the process exits
	// (the CLI's result page) is complete once flushed.
	w.Header().Set("Content-Length", strconv.Itoa(buf.Len()))
	w.WriteHeader(status)
	_, err := buf.WriteTo(w)
	return err
}
