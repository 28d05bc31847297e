package webpage

import (
	"strconv"
	"strings"
)

// Lang is a language the pages are written in, as a BCP 47 primary tag.
type Lang string

// The languages of the pages.
const (
	English Lang = "en"
	Korean  Lang = "ko"
)

// Langs lists every language of the pages, English first.
var Langs = []Lang{English, Korean}

// maxAcceptLanguage bounds how much of the header is read.
const maxAcceptLanguage = 1024

// Negotiate picks the page language from an Accept-Language header value:
// the language range with the highest q-value whose primary subtag is "en"
// or "ko" wins, earlier ranges winning ties; a "*" range counts as English.
// With no match, a malformed header or none at all, it returns English.
func Negotiate(acceptLanguage string) Lang {
	if len(acceptLanguage) > maxAcceptLanguage {
		acceptLanguage = acceptLanguage[:maxAcceptLanguage]
	}
	best, bestQ := English, -1.0
	for _, part := range strings.Split(acceptLanguage, ",") {
		tag, params, _ := strings.Cut(strings.TrimSpace(part), ";")
		q := 1.0
		if params != "" {
			q = parseQ(params)
		}
		if q <= 0 || q <= bestQ {
			continue
		}
		primary, _, _ := strings.Cut(strings.ToLower(strings.TrimSpace(tag)), "-")
		switch primary {
		case "ko":
			best, bestQ = Korean, q
		case "en", "*":
			best, bestQ = English, q
		}
	}
	return best
}

// parseQ reads the q parameter of one language range ("q=0.8"); a
// malformed weight counts as 0, which drops the range.
func parseQ(params string) float64 {
	for _, p := range strings.Split(params, ";") {
		k, v, ok := strings.Cut(strings.TrimSpace(p), "=")
		if !ok || !strings.EqualFold(strings.TrimSpace(k), "q") {
			continue
		}
		q, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
		if err != nil || q < 0 || q > 1 {
			return 0
		}
		return q
	}
	return 1
}
