package cli

import (
	"fmt"
	"io"
	"unicode/utf8"
)

// safeWriter makes everything written through it harmless to a terminal:
// provider-controlled text (a name, an email, an error_description, a
// device user code, the headers and bodies -v prints) could otherwise
// change the window title, write the clipboard (OSC 52), clear the screen,
// overwrite a line with a carriage return, or reorder what the person
// reads with bidi overrides. Newlines and tabs pass; every other control
// character (C0, DEL, C1), the bidi controls and the line/paragraph
// separators are written as visible \uXXXX escapes, and bytes that are not
// UTF-8 as \xXX. The escapes keep JSON output valid JSON with the same
// meaning (encoding/json already escapes C0 itself).
//
// A UTF-8 sequence split across two writes is held back until the rest
// arrives; Flush writes what is held at the end.
type safeWriter struct {
	w     io.Writer
	carry []byte
}

// newSafeWriter wraps w.
func newSafeWriter(w io.Writer) *safeWriter { return &safeWriter{w: w} }

// Write writes p with terminal controls escaped. It reports len(p) on
// success.
func (s *safeWriter) Write(p []byte) (int, error) {
	buf := append(s.carry, p...)
	cut := len(buf)
	for i := len(buf) - 1; i >= 0 && i >= len(buf)-utf8.UTFMax; i-- {
		if utf8.RuneStart(buf[i]) {
			if !utf8.FullRune(buf[i:]) {
				cut = i
			}
			break
		}
	}
	s.carry = append([]byte(nil), buf[cut:]...)
	if _, err := s.w.Write(appendTerminalSafe(nil, buf[:cut])); err != nil {
		return 0, err
	}
	return len(p), nil
}

// Flush writes a held-back incomplete UTF-8 sequence, escaped.
func (s *safeWriter) Flush() error {
	if len(s.carry) == 0 {
		return nil
	}
	out := appendTerminalSafe(nil, s.carry)
	s.carry = nil
	_, err := s.w.Write(out)
	return err
}

// terminalSafe is s with terminal controls escaped, as safeWriter writes
// it.
func terminalSafe(s string) string { return string(appendTerminalSafe(nil, []byte(s))) }

// appendTerminalSafe appends b to dst with controls escaped.
func appendTerminalSafe(dst, b []byte) []byte {
	for len(b) > 0 {
		r, size := utf8.DecodeRune(b)
		switch {
		case r == utf8.RuneError && size == 1:
			dst = fmt.Appendf(dst, `\x%02x`, b[0])
		case r == '\n' || r == '\t':
			dst = append(dst, byte(r))
		case unsafeRune(r):
			dst = fmt.Appendf(dst, `\u%04x`, r)
		default:
			dst = append(dst, b[:size]...)
		}
		b = b[size:]
	}
	return dst
}

// unsafeRune reports whether a terminal may act on r instead of showing
// it: C0 controls, DEL and C1 controls (ESC and the 8-bit CSI/OSC start
// sequences), bidi controls (Unicode UAX #9: ALM, LRM, RLM, LRE…RLO,
// LRI…PDI) and the line and paragraph separators.
func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r == 0x061c, r == 0x200e, r == 0x200f, r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069:
		return true
	case r == 0x2028, r == 0x2029:
		return true
	}
	return false
}
