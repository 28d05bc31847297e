// Package cleanlocale keeps Fyne from logging "Error parsing user locale C"
// on every run where the locale is C.UTF-8 (containers, CI, root shells).
//
// Fyne's lang package reads the locale in its init function and cannot
// parse "C". This package's init runs first: Go initialises packages in
// import-path order among those that are ready, and this one, importing
// only os, is ready before text/template, which lang needs. For a C.<enc>
// or POSIX.<enc> locale it sets LANGUAGE=en, which go-locale reads in
// that case and gettext ignores for the C locale; Restore undoes it so that
// child processes (the browser) get the environment as it was.
package cleanlocale

import (
	"os"
	"strings"
)

// set is true when init changed LANGUAGE.
var set bool

func init() {
	if _, ok := os.LookupEnv("LANGUAGE"); ok {
		return
	}
	for _, name := range []string{"LC_ALL", "LC_MESSAGES", "LANG"} {
		v := os.Getenv(name)
		if v == "" {
			continue
		}
		if strings.HasPrefix(v, "C.") || strings.HasPrefix(v, "POSIX.") {
			set = os.Setenv("LANGUAGE", "en") == nil
		}
		return
	}
}

// Restore removes what init set, once Fyne has read it.
func Restore() {
	if set {
		os.Unsetenv("LANGUAGE")
		set = false
	}
}
