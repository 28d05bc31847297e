// Package sanitize makes text safe to put in an error message or a log
// line. Text keeps what a provider, a browser or a library sent printable
// and short, so that a hostile party can neither spoof a terminal nor flood
// a message; URL hides the secret values (codes, tokens, state) in a URL's
// query. Nothing here fails: every input gives a usable string.
package sanitize

import "strings"

// Text returns s with control characters replaced by '?' and cut to at
// most max runes, an ellipsis marking the cut.
func Text(s string, max int) string {
	var b strings.Builder
	n := 0
	for _, r := range s {
		if n >= max {
			b.WriteString("…")
			break
		}
		if r < 0x20 || r == 0x7f || (r >= 0x80 && r < 0xa0) {
			r = '?'
		}
		b.WriteRune(r)
		n++
	}
	return b.String()
}
