package ui

import (
	"encoding/binary"
	"errors"
)

// retune returns a copy of the OpenType font data with other horizontal
// line metrics (hhea ascender and descender, in font units; the
// descender negative) and the advance of glyph 1, the space of the
// bundled Hangul faces. The window draws monospaced text with the Hangul
// face first too, and Fyne measures a line by its space: the monospaced
// variant must measure like Fyne's monospaced font, or every monospaced
// label would change height. Patching the two tables at start-up costs no
// second 1.1 MB file. Table checksums are left as they were: font parsers
// (go-text's included) do not check them.
func retune(data []byte, ascender, descender int16, spaceAdvance uint16) ([]byte, error) {
	out := append([]byte(nil), data...)
	if len(out) < 12 {
		return nil, errors.New("font too short")
	}
	n := int(binary.BigEndian.Uint16(out[4:]))
	tables := map[string][]byte{}
	for i := 0; i < n; i++ {
		rec := 12 + 16*i
		if rec+16 > len(out) {
			return nil, errors.New("font table directory cut short")
		}
		off := int(binary.BigEndian.Uint32(out[rec+8:]))
		length := int(binary.BigEndian.Uint32(out[rec+12:]))
		if off < 0 || length < 0 || off+length > len(out) {
			return nil, errors.New("font table out of bounds")
		}
		tables[string(out[rec:rec+4])] = out[off : off+length]
	}
	hhea, hmtx := tables["hhea"], tables["hmtx"]
	if len(hhea) < 36 || len(hmtx) < 8 {
		return nil, errors.New("font has no usable hhea or hmtx table")
	}
	binary.BigEndian.PutUint16(hhea[4:], uint16(ascender))
	binary.BigEndian.PutUint16(hhea[6:], uint16(descender))
	binary.BigEndian.PutUint16(hhea[8:], 0) // line gap
	if binary.BigEndian.Uint16(hhea[34:]) < 2 {
		return nil, errors.New("font has too few horizontal metrics")
	}
	binary.BigEndian.PutUint16(hmtx[4:], spaceAdvance) // glyph 1's advance
	return out, nil
}
