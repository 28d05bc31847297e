package webpage

import (
	"fmt"
	"html"
	"html/template"
	"regexp"
	"slices"
)

// Message is one text of the pages in each language. It may hold fmt
// verbs (%s, %d) for its arguments, and, for use through Frame.H, the
// catalog's own markup (<strong>, <code>).
type Message struct {
	En, Ko string
}

// In returns the message in l.
func (m Message) In(l Lang) string {
	if l == Korean {
		return m.Ko
	}
	return m.En
}

// Catalog is a page family's messages by key.
type Catalog map[string]Message

// ErrUnknownMessage is returned (through template execution) for a key
// the catalog lacks.
var ErrUnknownMessage = fmt.Errorf("webpage: unknown message key")

// verbs finds the fmt verbs of a message.
var verbs = regexp.MustCompile(`%[sdv]`)

// Check reports the first message that lacks a language or whose
// languages hold different fmt verbs (in count and kind).
func (c Catalog) Check() error {
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	for _, k := range keys {
		m := c[k]
		if m.En == "" || m.Ko == "" {
			return fmt.Errorf("webpage: message %q lacks a language (en %q, ko %q)", k, m.En, m.Ko)
		}
		ve, vk := verbs.FindAllString(m.En, -1), verbs.FindAllString(m.Ko, -1)
		slices.Sort(ve)
		slices.Sort(vk)
		if !slices.Equal(ve, vk) {
			return fmt.Errorf("webpage: message %q has placeholders %v in English but %v in Korean", k, ve, vk)
		}
	}
	return nil
}

// Text formats message key in l with args, as plain text.
func (c Catalog) Text(l Lang, key string, args ...any) (string, error) {
	m, ok := c[key]
	if !ok {
		return "", fmt.Errorf("%w %q", ErrUnknownMessage, key)
	}
	if len(args) == 0 {
		return m.In(l), nil
	}
	return fmt.Sprintf(m.In(l), args...), nil
}

// HTML formats message key in l with args as trusted markup: the message's
// own markup is kept and every argument is HTML-escaped.
func (c Catalog) HTML(l Lang, key string, args ...any) (template.HTML, error) {
	m, ok := c[key]
	if !ok {
		return "", fmt.Errorf("%w %q", ErrUnknownMessage, key)
	}
	esc := make([]any, len(args))
	for i, a := range args {
		esc[i] = html.EscapeString(fmt.Sprint(a))
	}
	//nolint:gosec // the format is the catalog's constant; every argument is escaped above.
	return template.HTML(fmt.Sprintf(m.In(l), esc...)), nil
}
