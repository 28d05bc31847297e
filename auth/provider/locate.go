package provider

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/BurntSushi/toml"
)

// firstLine keeps the first line of a library's multi-line message.
func firstLine(s string) string {
	s, _, _ = strings.Cut(s, "\n")
	return strings.TrimPrefix(s, "toml: ")
}

// decodeErrPattern matches BurntSushi's decoding errors.
var decodeErrPattern = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// lastKey is the key's final part.
func lastKey(k toml.Key) string {
	if len(k) == 0 {
		return ""
	}
	return k[len(k)-1]
}

// fieldName names key, as the decoder reports it, for a message: a key of
// the providers table becomes providers[N].field, N being the block that
// holds line.
func (l *locator) fieldName(line int, key string) string {
	rest, ok := strings.CutPrefix(key, "providers.")
	if !ok || line <= 0 {
		return key
	}
	n := 0
	for _, b := range l.blocks {
		if b+1 <= line {
			n++
		}
	}
	if n == 0 {
		return key
	}
	return fmt.Sprintf("providers[%d].%s", n, rest)
}

// locator finds the line of a key inside the file's text, for errors.
type locator struct {
	lines []string
	// blocks[i] is the 0-based line of the i-th [[providers]] header.
	blocks []int
}

func newLocator(data []byte) *locator {
	l := &locator{lines: strings.Split(string(data), "\n")}
	for i, line := range l.lines {
		if t := strings.TrimSpace(line); strings.HasPrefix(t, "[[") && strings.Trim(strings.TrimSpace(strings.Trim(t, "[]")), " ") == "providers" {
			l.blocks = append(l.blocks, i)
		}
	}
	return l
}

// line is the 1-based line of key in provider block idx (-1: before any
// block; -2: any block), or the block's header line when the key is absent.
func (l *locator) line(idx int, key string) int {
	start, end := 0, len(l.lines)
	switch {
	case idx == -1 && len(l.blocks) > 0:
		end = l.blocks[0]
	case idx >= 0 && idx < len(l.blocks):
		start = l.blocks[idx]
		if idx+1 < len(l.blocks) {
			end = l.blocks[idx+1]
		}
	}
	if key != "" {
		for i := start; i < end; i++ {
			t := strings.TrimSpace(l.lines[i])
			if rest, ok := strings.CutPrefix(t, key); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return i + 1
			}
		}
	}
	if idx >= 0 && idx < len(l.blocks) {
		return l.blocks[idx] + 1
	}
	return 0
}
