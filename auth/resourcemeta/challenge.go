package resourcemeta

import (
	"net/http"
	"strings"
)

// Challenge is a Bearer challenge of a WWW-Authenticate header (RFC 6750
// §3, RFC 9728 §5.1).
type Challenge struct {
	// ResourceMetadata is the resource_metadata parameter: the URL of the
	// resource's metadata (RFC 9728 §5.1), "" when absent.
	ResourceMetadata string
	// Scope is the scope parameter: the scopes the resource wants (RFC 6750
	// §3), "" when absent.
	Scope string
	// Error is the error parameter (invalid_token, insufficient_scope, …).
	Error string
}

// BearerChallenge finds the first Bearer challenge in h's WWW-Authenticate
// headers. ok is false when there is none.
func BearerChallenge(h http.Header) (c Challenge, ok bool) {
	for _, v := range h.Values("WWW-Authenticate") {
		for _, ch := range parseChallenges(v) {
			if !strings.EqualFold(ch.scheme, "bearer") {
				continue
			}
			return Challenge{
				ResourceMetadata: ch.params["resource_metadata"],
				Scope:            ch.params["scope"],
				Error:            ch.params["error"],
			}, true
		}
	}
	return Challenge{}, false
}

// challenge is one auth-scheme with its auth-params (RFC 9110 §11.6.1).
type challenge struct {
	scheme string
	params map[string]string
}

// parseChallenges reads a WWW-Authenticate value: challenges separated by
// commas, each a scheme followed by name=value parameters (a value a token
// or a quoted string). A token68 or a malformed part is skipped.
func parseChallenges(v string) []challenge {
	var out []challenge
	s := v
	for {
		s = strings.TrimLeft(s, " \t,")
		if s == "" {
			return out
		}
		scheme := readToken(&s)
		if scheme == "" {
			return out // not a token: nothing more can be read reliably
		}
		ch := challenge{scheme: scheme, params: map[string]string{}}
		for {
			rest := strings.TrimLeft(s, " \t")
			save := rest
			name := readToken(&rest)
			rest = strings.TrimLeft(rest, " \t")
			if name == "" || !strings.HasPrefix(rest, "=") {
				// The next challenge starts here (or a token68).
				s = save
				if name != "" && !strings.HasPrefix(rest, ",") && rest != "" && len(ch.params) == 0 {
					// token68 form ("Basic abc=="): skip to the next comma.
					if i := strings.IndexByte(rest, ','); i >= 0 {
						s = rest[i:]
					} else {
						s = ""
					}
				}
				break
			}
			rest = strings.TrimLeft(rest[1:], " \t")
			var val string
			if strings.HasPrefix(rest, `"`) {
				val, rest = readQuoted(rest)
			} else {
				// A token by the grammar; read leniently up to the next
				// comma or space (servers send bare URLs too).
				i := strings.IndexAny(rest, ", \t")
				if i < 0 {
					i = len(rest)
				}
				val, rest = rest[:i], rest[i:]
			}
			key := strings.ToLower(name)
			if _, dup := ch.params[key]; !dup {
				ch.params[key] = val
			}
			rest = strings.TrimLeft(rest, " \t")
			if !strings.HasPrefix(rest, ",") {
				s = rest
				break
			}
			s = rest[1:]
			// After a comma comes another parameter, or a new challenge
			// (a token followed by a space and not by '=').
			peek := strings.TrimLeft(s, " \t")
			p := peek
			if tok := readToken(&p); tok != "" && !strings.HasPrefix(strings.TrimLeft(p, " \t"), "=") {
				s = peek
				break
			}
		}
		out = append(out, ch)
	}
}

// readToken takes an RFC 9110 token from the front of *s.
func readToken(s *string) string {
	i := 0
	for i < len(*s) && isTchar((*s)[i]) {
		i++
	}
	tok := (*s)[:i]
	*s = (*s)[i:]
	return tok
}

// readQuoted reads a quoted-string at the front of s (which starts with a
// quote) and returns its value and the rest. An unterminated string runs
// to the end.
func readQuoted(s string) (string, string) {
	var b strings.Builder
	for i := 1; i < len(s); i++ {
		switch c := s[i]; c {
		case '\\':
			if i+1 < len(s) {
				i++
				b.WriteByte(s[i])
			}
		case '"':
			return b.String(), s[i+1:]
		default:
			b.WriteByte(c)
		}
	}
	return b.String(), ""
}

// isTchar reports whether c may appear in an RFC 9110 token.
func isTchar(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || strings.IndexByte("!#$%&'*+-.^_`|~", c) >= 0
}
