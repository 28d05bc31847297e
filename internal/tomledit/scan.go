package tomledit

import (
	"bytes"
	"errors"
	"fmt"
	"strings"
)

// kind is what a statement of the document is.
type kind int

const (
	blank      kind = iota // an empty or white-space line
	comment                // a line holding only a comment
	table                  // a [table] header
	arrayTable             // an [[array]] header
	keyval                 // key = value, possibly over several lines
)

// stmt is one statement of the document: the bytes [start, end), which
// include the statement's trailing newline when there is one.
type stmt struct {
	kind       kind
	start, end int
	// key is the header's or the key/value's key, one element per dotted
	// part, unquoted.
	key []string
	// valStart and valEnd bound a key/value's value text (no comment).
	valStart, valEnd int
}

// scanner walks a document's bytes.
type scanner struct {
	src []byte
	pos int
}

// scan splits src into statements.
func scan(src []byte) ([]stmt, error) {
	s := &scanner{src: src}
	var out []stmt
	for s.pos < len(src) {
		st, err := s.statement()
		if err != nil {
			return nil, fmt.Errorf("line %d: %w", s.line(), err)
		}
		out = append(out, st)
	}
	return out, nil
}

// line is the 1-based line of the scanner's position.
func (s *scanner) line() int { return 1 + strings.Count(string(s.src[:s.pos]), "\n") }

func (s *scanner) peek(off int) byte {
	if s.pos+off < len(s.src) {
		return s.src[s.pos+off]
	}
	return 0
}

func (s *scanner) skipSpace() {
	for s.pos < len(s.src) && (s.src[s.pos] == ' ' || s.src[s.pos] == '\t') {
		s.pos++
	}
}

// endLine consumes an optional comment and the newline that must follow.
func (s *scanner) endLine() error {
	s.skipSpace()
	if s.peek(0) == '#' {
		for s.pos < len(s.src) && s.src[s.pos] != '\n' {
			s.pos++
		}
	}
	if s.peek(0) == '\r' && s.peek(1) == '\n' {
		s.pos++
	}
	switch {
	case s.pos >= len(s.src):
		return nil
	case s.src[s.pos] == '\n':
		s.pos++
		return nil
	}
	return fmt.Errorf("unexpected %q after a statement", s.src[s.pos])
}

// statement scans one statement from the start of a line.
func (s *scanner) statement() (stmt, error) {
	st := stmt{start: s.pos}
	s.skipSpace()
	switch c := s.peek(0); {
	case c == 0 || c == '\n' || (c == '\r' && s.peek(1) == '\n'):
		st.kind = blank
		err := s.endLine()
		st.end = s.pos
		return st, err
	case c == '#':
		st.kind = comment
		err := s.endLine()
		st.end = s.pos
		return st, err
	case c == '[':
		st.kind = table
		s.pos++
		if s.peek(0) == '[' {
			st.kind = arrayTable
			s.pos++
		}
		key, err := s.key()
		if err != nil {
			return st, err
		}
		st.key = key
		s.skipSpace()
		close := []byte("]")
		if st.kind == arrayTable {
			close = []byte("]]")
		}
		if !bytes.HasPrefix(s.src[s.pos:], close) {
			return st, errors.New("unterminated table header")
		}
		s.pos += len(close)
		err = s.endLine()
		st.end = s.pos
		return st, err
	}
	st.kind = keyval
	key, err := s.key()
	if err != nil {
		return st, err
	}
	st.key = key
	s.skipSpace()
	if s.peek(0) != '=' {
		return st, errors.New("expected = after a key")
	}
	s.pos++
	s.skipSpace()
	st.valStart = s.pos
	if err := s.value(); err != nil {
		return st, err
	}
	st.valEnd = s.pos
	for st.valEnd > st.valStart && (s.src[st.valEnd-1] == ' ' || s.src[st.valEnd-1] == '\t') {
		st.valEnd--
	}
	err = s.endLine()
	st.end = s.pos
	return st, err
}

// key scans a bare, quoted or dotted key.
func (s *scanner) key() ([]string, error) {
	var parts []string
	for {
		s.skipSpace()
		switch c := s.peek(0); {
		case c == '"' || c == '\'':
			start := s.pos
			if err := s.str(); err != nil {
				return nil, err
			}
			v, err := unquote(string(s.src[start:s.pos]))
			if err != nil {
				return nil, err
			}
			parts = append(parts, v)
		case isBare(c):
			start := s.pos
			for isBare(s.peek(0)) {
				s.pos++
			}
			parts = append(parts, string(s.src[start:s.pos]))
		default:
			return nil, errors.New("expected a key")
		}
		s.skipSpace()
		if s.peek(0) != '.' {
			return parts, nil
		}
		s.pos++
	}
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value scans a value up to the end of the line it ends on: strings,
// arrays and inline tables may span lines.
func (s *scanner) value() error {
	depth := 0
	for {
		c := s.peek(0)
		switch {
		case s.pos >= len(s.src):
			if depth > 0 {
				return errors.New("unterminated array or inline table")
			}
			return nil
		case c == '"' || c == '\'':
			if err := s.str(); err != nil {
				return err
			}
			continue
		case c == '[' || c == '{':
			depth++
		case c == ']' || c == '}':
			depth--
			if depth < 0 {
				return errors.New("unbalanced brackets")
			}
		case c == '#':
			if depth == 0 {
				return nil
			}
			for s.pos < len(s.src) && s.src[s.pos] != '\n' {
				s.pos++
			}
			continue
		case c == '\n' || (c == '\r' && s.peek(1) == '\n'):
			if depth == 0 {
				return nil
			}
		}
		s.pos++
	}
}

// str scans a basic, literal or multi-line string.
func (s *scanner) str() error {
	q := s.src[s.pos]
	triple := []byte{q, q, q}
	if bytes.HasPrefix(s.src[s.pos:], triple) {
		s.pos += 3
		for s.pos < len(s.src) {
			if q == '"' && s.src[s.pos] == '\\' {
				s.pos += 2
				continue
			}
			if bytes.HasPrefix(s.src[s.pos:], triple) {
				s.pos += 3
				// Up to two more quotes belong to the string's content.
				for i := 0; i < 2 && s.peek(0) == q; i++ {
					s.pos++
				}
				return nil
			}
			s.pos++
		}
		return errors.New("unterminated multi-line string")
	}
	s.pos++
	for s.pos < len(s.src) {
		c := s.src[s.pos]
		switch {
		case c == '\n':
			return errors.New("unterminated string")
		case q == '"' && c == '\\':
			s.pos += 2
			continue
		case c == q:
			s.pos++
			return nil
		}
		s.pos++
	}
	return errors.New("unterminated string")
}
