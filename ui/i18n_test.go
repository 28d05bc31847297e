package ui

import (
	"encoding/json"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"sort"
	"strconv"
	"strings"
	"testing"
	"unicode"

	"golang.org/x/text/language"
)

// The tests see an English system, whatever the machine's locale.
func init() { systemLanguage = func() string { return "en-US" } }

// uiSource is the window's code, parsed, with its string constants.
type uiSource struct {
	fset   *token.FileSet
	files  map[string]*ast.File
	consts map[string]string
}

// parseUI parses the package's non-test files.
func parseUI(t *testing.T) *uiSource {
	t.Helper()
	src := &uiSource{fset: token.NewFileSet(), files: map[string]*ast.File{}, consts: map[string]string{}}
	names, _ := filepath.Glob("*.go")
	for _, name := range names {
		if strings.HasSuffix(name, "_test.go") {
			continue
		}
		f, err := parser.ParseFile(src.fset, name, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		src.files[name] = f
	}
	for _, f := range src.files {
		for _, d := range f.Decls {
			g, ok := d.(*ast.GenDecl)
			if !ok || g.Tok != token.CONST {
				continue
			}
			for _, spec := range g.Specs {
				vs := spec.(*ast.ValueSpec)
				for i, n := range vs.Names {
					if i < len(vs.Values) {
						if s, ok := src.stringValue(vs.Values[i]); ok {
							src.consts[n.Name] = s
						}
					}
				}
			}
		}
	}
	return src
}

// stringValue is the constant string an expression stands for: a literal,
// a string constant, or a sum of those.
func (src *uiSource) stringValue(e ast.Expr) (string, bool) {
	switch x := e.(type) {
	case *ast.BasicLit:
		if x.Kind != token.STRING {
			return "", false
		}
		s, err := strconv.Unquote(x.Value)
		return s, err == nil
	case *ast.Ident:
		s, ok := src.consts[x.Name]
		return s, ok
	case *ast.ParenExpr:
		return src.stringValue(x.X)
	case *ast.BinaryExpr:
		if x.Op != token.ADD {
			return "", false
		}
		a, ok1 := src.stringValue(x.X)
		b, ok2 := src.stringValue(x.Y)
		return a + b, ok1 && ok2
	}
	return "", false
}

// messages are the IDs passed to T and TN, with whether they are plural.
func (src *uiSource) messages(t *testing.T) map[string]bool {
	t.Helper()
	ids := map[string]bool{}
	for name, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			call, ok := n.(*ast.CallExpr)
			if !ok {
				return true
			}
			fn, ok := call.Fun.(*ast.Ident)
			if !ok || (fn.Name != "T" && fn.Name != "TN") || len(call.Args) == 0 {
				return true
			}
			if v, ok := call.Args[0].(*ast.Ident); ok && (v.Name == "story" || v.Name == "summary") {
				return true // explainStep, localizeMessage: the tables below
			}
			id, ok := src.stringValue(call.Args[0])
			if !ok {
				t.Errorf("%s: %s's message is not a constant string: the translations could not be checked", src.fset.Position(call.Pos()), fn.Name)
				return true
			}
			ids[id] = ids[id] || fn.Name == "TN"
			_ = name
			return true
		})
	}
	// The flow log's explanations, which explainStep looks up by kind.
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			vs, ok := n.(*ast.ValueSpec)
			if !ok || len(vs.Names) != 1 || (vs.Names[0].Name != "stepStories" && vs.Names[0].Name != "errorSummaries") {
				return true
			}
			for _, e := range vs.Values[0].(*ast.CompositeLit).Elts {
				var msg ast.Expr
				switch x := e.(type) {
				case *ast.KeyValueExpr: // stepStories: kind → story
					msg = x.Value
				case *ast.CompositeLit: // errorSummaries: {sentinel, summary}
					msg = x.Elts[1]
				}
				v, ok := src.stringValue(msg)
				if !ok {
					t.Errorf("%s: a step story is not a constant string", src.fset.Position(e.Pos()))
				}
				ids[v] = false
			}
			return false
		})
	}
	return ids
}

// catalogue reads a translation file: message ID to its forms ("other"
// for a plain message).
func catalogue(t *testing.T, name string) map[string]map[string]string {
	t.Helper()
	data, err := os.ReadFile(filepath.Join("translations", name))
	if err != nil {
		t.Fatal(err)
	}
	var raw map[string]json.RawMessage
	if err := json.Unmarshal(data, &raw); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	out := map[string]map[string]string{}
	for id, v := range raw {
		var s string
		if json.Unmarshal(v, &s) == nil {
			out[id] = map[string]string{"other": s}
			continue
		}
		var forms map[string]string
		if err := json.Unmarshal(v, &forms); err != nil {
			t.Fatalf("%s: %q: %v", name, id, err)
		}
		out[id] = forms
	}
	return out
}

var placeholderRE = regexp.MustCompile(`\{\{\s*\.(\w+)\s*\}\}`)

// placeholders lists the template fields of s, sorted.
func placeholders(s string) []string {
	var out []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		if !slices.Contains(out, m[1]) {
			out = append(out, m[1])
		}
	}
	sort.Strings(out)
	return out
}

// TestTranslationsComplete fails when a message of the window has no
// Korean, a translation drops or invents a placeholder, a plural message
// lacks its English forms, or a translation is left over.
func TestTranslationsComplete(t *testing.T) {
	src := parseUI(t)
	ids := src.messages(t)
	if len(ids) < 300 {
		t.Fatalf("found only %d messages: the scan is broken", len(ids))
	}
	ko := catalogue(t, "ko.json")
	en := catalogue(t, "en.json")
	var missing []string
	for id, plural := range ids {
		want := placeholders(id)
		forms, ok := ko[id]
		if !ok || forms["other"] == "" {
			missing = append(missing, id)
			continue
		}
		for form, text := range forms {
			if form != "other" {
				t.Errorf("Korean has only the plural form other; %q has %q", id, form)
			}
			if got := placeholders(text); !slices.Equal(got, want) {
				t.Errorf("Korean of %q has placeholders %v, want %v", id, got, want)
			}
			if strings.TrimSpace(text) == "" {
				t.Errorf("Korean of %q is empty", id)
			}
		}
		if plural {
			ef := en[id]
			if ef["one"] == "" || ef["other"] == "" {
				t.Errorf("plural message %q needs its one and other forms in en.json", id)
			}
			for form, text := range ef {
				got := placeholders(text)
				if form == "one" {
					got = append(got, "Count")
					sort.Strings(got)
					got = slices.Compact(got)
				}
				if !slices.Equal(got, want) {
					t.Errorf("English %s form of %q has placeholders %v, want %v", form, id, placeholders(text), want)
				}
			}
		} else if _, ok := en[id]; ok {
			t.Errorf("en.json holds %q, which is not plural: the English is the message ID", id)
		}
	}
	sort.Strings(missing)
	for _, id := range missing {
		t.Errorf("no Korean for %q", id)
	}
	for id := range ko {
		if _, ok := ids[id]; !ok {
			t.Errorf("ko.json holds %q, which the window no longer uses", id)
		}
	}
	for id := range en {
		if !ids[id] {
			t.Errorf("en.json holds %q, which is not a plural message of the window", id)
		}
	}
}

// shownArgs says which arguments of a call are text shown to the person:
// by function or method name, the argument positions (-1: every fourth
// from 0 and 3, formGrid's labels and hints).
var shownArgs = map[string][]int{
	"NewLabel": {0}, "NewLabelWithStyle": {0}, "NewButton": {0}, "NewButtonWithIcon": {0},
	"NewCheck": {0}, "NewHyperlink": {0}, "NewAccordionItem": {0}, "NewTabItem": {0},
	"NewTabItemWithIcon": {0}, "NewConfirm": {0, 1}, "NewInformation": {0, 1}, "ShowInformation": {0, 1},
	"NewCustom": {0, 1}, "ShowConfirm": {0, 1}, "NewSelect": {}, "NewRadioGroup": {},
	"section": {0}, "wrapLabel": {0}, "newSecondary": {0}, "newSecondaryWrap": {0}, "keyLabel": {0},
	"setSecondary": {1}, "setOptional": {1}, "SetText": {0}, "SetConfirmText": {0}, "SetDismissText": {0},
	"withText": {0}, "say": {0}, "flash": {0}, "setBusy": {0}, "describeError": {0}, "setError": {0},
	"newNotice": {}, "formGrid": {-1}, "SetTitle": {0}, "NewWindow": {},
}

// notText are literals that may be shown as they are: names, examples
// and protocol words that read the same in every language.
var notText = map[string]bool{
	"https://api.example.com/v1/me": true, "Accept: application/json": true, "127.0.0.1": true,
	"Ctrl+L": true, "oauthdesk": true, "English": true, "한국어": true,
}

// TestShownTextIsTranslated fails when a widget is given a raw string
// literal with words in it, instead of T("…"): a string the Korean window
// would show in English.
func TestShownTextIsTranslated(t *testing.T) {
	src := parseUI(t)
	check := func(e ast.Expr, where token.Pos) {
		lit, ok := e.(*ast.BasicLit)
		if !ok {
			if b, ok := e.(*ast.BinaryExpr); ok && b.Op == token.ADD {
				check := func(x ast.Expr) {
					if l, ok := x.(*ast.BasicLit); ok && l.Kind == token.STRING {
						t.Errorf("%s: text %s is joined to other text: use one T message with placeholders", src.fset.Position(where), l.Value)
					}
				}
				check(b.X)
				check(b.Y)
			}
			return
		}
		if lit.Kind != token.STRING {
			return
		}
		s, _ := strconv.Unquote(lit.Value)
		if strings.IndexFunc(s, unicode.IsLetter) < 0 || notText[s] {
			return
		}
		t.Errorf("%s: %q is shown untranslated: wrap it in T", src.fset.Position(where), s)
	}
	for _, f := range src.files {
		ast.Inspect(f, func(n ast.Node) bool {
			switch x := n.(type) {
			case *ast.CallExpr:
				if fn, ok := x.Fun.(*ast.Ident); ok && (fn.Name == "T" || fn.Name == "TN") {
					return false
				}
				var name string
				switch fn := x.Fun.(type) {
				case *ast.Ident:
					name = fn.Name
				case *ast.SelectorExpr:
					name = fn.Sel.Name
				}
				for _, i := range shownArgs[name] {
					if i == -1 {
						for j := range x.Args {
							if j%4 == 0 || j%4 == 3 {
								check(x.Args[j], x.Pos())
							}
						}
						continue
					}
					if i < len(x.Args) {
						check(x.Args[i], x.Pos())
					}
				}
			case *ast.AssignStmt:
				for i, l := range x.Lhs {
					if sel, ok := l.(*ast.SelectorExpr); ok && i < len(x.Rhs) {
						switch sel.Sel.Name {
						case "PlaceHolder", "Text", "notice", "busy", "openErr", "Title", "Message", "Advice":
							check(x.Rhs[i], x.Pos())
						}
					}
				}
			case *ast.KeyValueExpr:
				if k, ok := x.Key.(*ast.Ident); ok {
					switch k.Name {
					case "Title", "Message", "Advice":
						check(x.Value, x.Pos())
					}
				}
			}
			return true
		})
	}
}

// TestTranslateKorean checks the lookup itself: placeholders filled,
// plural forms picked, and the system locale matched.
func TestTranslateKorean(t *testing.T) {
	t.Cleanup(func() { setLanguage(language.English) })
	setLanguage(language.Korean)
	if got := T("Sign in"); got != "로그인" {
		t.Errorf("Sign in in Korean = %q", got)
	}
	if got := T("Edit {{.Name}}", "Name", "카카오"); got != "카카오 편집" {
		t.Errorf("Edit {{.Name}} in Korean = %q", got)
	}
	if got := TN("{{.Count}} steps", 3); got != "단계 3개" {
		t.Errorf("3 steps in Korean = %q", got)
	}
	setLanguage(language.English)
	if got := TN("{{.Count}} steps", 1); got != "1 step" {
		t.Errorf("1 step = %q", got)
	}
	if got := TN("{{.Count}} steps", 2); got != "2 steps" {
		t.Errorf("2 steps = %q", got)
	}
	if got := T("not a message of the window"); got != "not a message of the window" {
		t.Errorf("a missing message = %q, want its English", got)
	}
	for _, c := range []struct{ pref, sys, want string }{
		{"", "ko-KR", "ko"}, {"", "en-US", "en"}, {"", "fr-FR", "en"}, {"", "", "en"},
		{"en", "ko-KR", "en"}, {"ko", "en-US", "ko"}, {"", "ko", "ko"},
	} {
		if got := pickLanguage(c.pref, c.sys).String(); got != c.want {
			t.Errorf("pickLanguage(%q, %q) = %s, want %s", c.pref, c.sys, got, c.want)
		}
	}
}
