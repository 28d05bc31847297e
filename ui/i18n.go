package ui

import (
	"embed"
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sync"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/lang"
	"github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
)

// The window speaks English and Korean. Messages are written in English in
// the code, gettext style: the English text is the message ID, wrapped in
// T (or TN for a count). translations/ko.json gives the Korean of every
// message, translations/en.json the English plural forms; the test
// TestTranslationsComplete fails when a message lacks its Korean or a
// translation lacks a placeholder. Placeholders are go-i18n (text/template)
// fields: T("Edit {{.Name}}", "Name", name).
//
// Fyne's lang package is go-i18n too, but its language follows the system
// locale only; the window's language can be overridden in its settings, so
// the window keeps a localizer of its own over the same files. The Korean
// of Fyne's own strings (the entry menu, file dialogs) is registered with
// lang as well, so that those follow the window's language where Fyne lets
// them (see useFyneLanguage).

//go:embed translations/*.json
var translationFS embed.FS

// The languages the window speaks; the first is the fallback.
var windowLanguages = []language.Tag{language.English, language.Korean}

// Language preference values: "" follows the system.
const (
	langSystem = ""
	langEN     = "en"
	langKO     = "ko"
	// languagePref is the Fyne preference that keeps the override.
	languagePref = "language"
)

var (
	i18nMu     sync.RWMutex
	bundle     *i18n.Bundle
	localizer  *i18n.Localizer
	activeLang = language.English
)

func init() {
	bundle = i18n.NewBundle(language.English)
	bundle.RegisterUnmarshalFunc("json", json.Unmarshal)
	for _, name := range []string{"en.json", "ko.json"} {
		data, err := translationFS.ReadFile("translations/" + name)
		if err != nil {
			panic(err) // embedded: cannot happen
		}
		if _, err := bundle.ParseMessageFileBytes(data, name); err != nil {
			panic(fmt.Sprintf("ui: translations/%s: %v", name, err))
		}
	}
	localizer = i18n.NewLocalizer(bundle, "en")
}

// pickLanguage is the window's language for the preference pref ("" for
// the system's, which is sys, a BCP 47 tag such as "ko-KR").
func pickLanguage(pref, sys string) language.Tag {
	if pref != langSystem {
		sys = pref
	}
	tag, err := language.Parse(sys)
	if err != nil {
		return language.English
	}
	m := language.NewMatcher(windowLanguages)
	_, i, conf := m.Match(tag)
	if conf == language.No {
		return language.English
	}
	return windowLanguages[i]
}

// systemLanguage is the system locale as a BCP 47 tag; tests pin it.
var systemLanguage = func() string {
	return lang.SystemLocale().String()
}

// setLanguage makes tag the language of T and TN.
func setLanguage(tag language.Tag) {
	i18nMu.Lock()
	defer i18nMu.Unlock()
	activeLang = tag
	localizer = i18n.NewLocalizer(bundle, tag.String())
}

// currentLanguage is the language T answers in.
func currentLanguage() language.Tag {
	i18nMu.RLock()
	defer i18nMu.RUnlock()
	return activeLang
}

// korean reports whether the window speaks Korean.
func korean() bool { return currentLanguage() == language.Korean }

// T translates the English message id; kv are placeholder name, value
// pairs.
func T(id string, kv ...any) string {
	return localize(id, nil, kv)
}

// TN translates the English message id in the plural form for count; the
// placeholder Count is count, kv are the others.
func TN(id string, count int, kv ...any) string {
	return localize(id, count, append([]any{"Count", count}, kv...))
}

// localize looks id up; on failure (a message missing from a file, which
// TestTranslationsComplete rules out) it falls back to the English.
func localize(id string, count any, kv []any) string {
	data := map[string]any{}
	for i := 0; i+1 < len(kv); i += 2 {
		data[kv[i].(string)] = kv[i+1]
	}
	i18nMu.RLock()
	l := localizer
	i18nMu.RUnlock()
	s, err := l.Localize(&i18n.LocalizeConfig{
		DefaultMessage: &i18n.Message{ID: id, Other: id},
		PluralCount:    count,
		TemplateData:   data,
	})
	if err != nil && s == "" {
		return id
	}
	return s
}

// applyLanguagePreference sets the window's language from the app's
// preference, or the system's.
func applyLanguagePreference(a fyne.App) language.Tag {
	tag := pickLanguage(a.Preferences().String(languagePref), systemLanguage())
	setLanguage(tag)
	useFyneLanguage(tag)
	return tag
}

var fyneKoOnce sync.Once

// useFyneLanguage gives Fyne's own strings (the entry's menu, the file
// dialog) the window's language where it can. Fyne picks its language from
// the system locale when translations are added; on Linux and the BSDs
// that locale is read from the environment, so it is set for the moment
// of the call. On Windows and macOS Fyne's strings follow the system.
func useFyneLanguage(tag language.Tag) {
	if runtime.GOOS == "windows" || runtime.GOOS == "darwin" || runtime.GOOS == "android" || runtime.GOOS == "ios" {
		if tag == language.Korean {
			fyneKoOnce.Do(addFyneKorean)
		}
		return
	}
	restore := setenvFor(map[string]string{"LC_ALL": "", "LC_MESSAGES": "", "LANG": "", "LANGUAGE": tag.String()})
	defer restore()
	if tag == language.Korean {
		fyneKoOnce.Do(addFyneKorean)
	}
	// Adding a (no-op) translation makes lang pick its language again.
	_ = lang.AddTranslationsForLocale([]byte("{}"), fyne.Locale("en"))
}

// addFyneKorean registers the Korean of Fyne's own strings with lang.
func addFyneKorean() {
	data, _ := translationFS.ReadFile("translations/fyne.ko.json")
	if err := lang.AddTranslationsForLocale(data, fyne.Locale("ko")); err != nil {
		fyne.LogError("Korean translations of Fyne's strings", err)
	}
}

// setenvFor sets the environment variables in env ("" unsets) and returns
// the function that puts them back.
func setenvFor(env map[string]string) (restore func()) {
	type old struct {
		v  string
		ok bool
	}
	saved := map[string]old{}
	for k, v := range env {
		ov, ok := os.LookupEnv(k)
		saved[k] = old{ov, ok}
		if v == "" {
			os.Unsetenv(k)
		} else {
			os.Setenv(k, v)
		}
	}
	return func() {
		for k, o := range saved {
			if o.ok {
				os.Setenv(k, o.v)
			} else {
				os.Unsetenv(k)
			}
		}
	}
}

// languageName is how the language picker names tag, in that language.
func languageName(tag language.Tag) string {
	switch tag {
	case language.Korean:
		return "한국어"
	}
	return "English"
}
