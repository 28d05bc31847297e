package testbrowser

import (
	"net/http"
	"net/url"
	"strings"

	"golang.org/x/net/html"
	"golang.org/x/net/html/atom"
)

// form is an HTML form as a browser would submit it.
type form struct {
	action string
	method string // http.MethodGet or http.MethodPost
	fields []*field
}

// field is an input or a button inside a form.
type field struct {
	tag     string // "input" or "button"
	typ     string // lower-case type attribute, with HTML defaults
	name    string
	value   string
	checked bool
}

// parseForms finds every form in an HTML document.
func parseForms(doc string) []*form {
	root, err := html.Parse(strings.NewReader(doc))
	if err != nil {
		return nil
	}
	var forms []*form
	var walk func(n *html.Node, cur *form)
	walk = func(n *html.Node, cur *form) {
		if n.Type == html.ElementNode {
			switch n.DataAtom {
			case atom.Form:
				cur = &form{action: attr(n, "action"), method: http.MethodGet}
				if strings.EqualFold(attr(n, "method"), "post") {
					cur.method = http.MethodPost
				}
				forms = append(forms, cur)
			case atom.Input:
				if cur != nil {
					typ := strings.ToLower(attr(n, "type"))
					if typ == "" {
						typ = "text"
					}
					_, checked := attrOK(n, "checked")
					cur.fields = append(cur.fields, &field{tag: "input", typ: typ, name: attr(n, "name"), value: attr(n, "value"), checked: checked})
				}
			case atom.Button:
				if cur != nil {
					typ := strings.ToLower(attr(n, "type"))
					if typ == "" {
						typ = "submit"
					}
					cur.fields = append(cur.fields, &field{tag: "button", typ: typ, name: attr(n, "name"), value: attr(n, "value")})
				}
			}
		}
		for c := n.FirstChild; c != nil; c = c.NextSibling {
			walk(c, cur)
		}
	}
	walk(root, nil)
	return forms
}

// attr returns an attribute's value, "" if absent.
func attr(n *html.Node, key string) string {
	v, _ := attrOK(n, key)
	return v
}

// attrOK returns an attribute's value and whether it is present.
func attrOK(n *html.Node, key string) (string, bool) {
	for _, a := range n.Attr {
		if a.Namespace == "" && strings.EqualFold(a.Key, key) {
			return a.Val, true
		}
	}
	return "", false
}

// hasPassword reports whether the form has a password field.
func (f *form) hasPassword() bool {
	for _, fl := range f.fields {
		if fl.tag == "input" && fl.typ == "password" {
			return true
		}
	}
	return false
}

// button returns the submit button with that name and value; an empty
// value matches any.
func (f *form) button(name, value string) *field {
	for _, fl := range f.fields {
		isSubmit := (fl.tag == "button" && fl.typ == "submit") || (fl.tag == "input" && fl.typ == "submit")
		if isSubmit && fl.name == name && (value == "" || fl.value == value) {
			return fl
		}
	}
	return nil
}

// set types value into the text or password field called name.
func (f *form) set(name, value string) {
	for _, fl := range f.fields {
		if fl.tag == "input" && fl.name == name {
			fl.value = value
		}
	}
}

// values is the form's data set as a browser builds it: named inputs
// (checkboxes and radios only when checked; no buttons), plus the clicked
// button's name and value.
func (f *form) values(clicked *field) url.Values {
	v := url.Values{}
	for _, fl := range f.fields {
		if fl.name == "" || fl.tag != "input" {
			continue
		}
		switch fl.typ {
		case "submit", "button", "reset", "image", "file":
			continue
		case "checkbox", "radio":
			if !fl.checked {
				continue
			}
			if fl.value == "" {
				v.Add(fl.name, "on")
				continue
			}
		}
		v.Add(fl.name, fl.value)
	}
	if clicked != nil && clicked.name != "" {
		v.Add(clicked.name, clicked.value)
	}
	return v
}
