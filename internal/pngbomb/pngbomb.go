// Package pngbomb builds, for tests, a decompression bomb: a valid PNG that
// is small on the wire but decodes to a huge image (one-bit grey pixels,
// all zero, compressed about 1000:1). New(30000, 30000) is about 109 KB
// and decodes to 900 MB of RGBA.
package pngbomb

import (
	"bytes"
	"compress/zlib"
	"encoding/binary"
	"hash/crc32"
)

// New returns a w×h one-bit greyscale PNG of zeros.
func New(w, h int) []byte {
	var out bytes.Buffer
	out.WriteString("\x89PNG\r\n\x1a\n")
	ihdr := make([]byte, 13)
	binary.BigEndian.PutUint32(ihdr[0:], uint32(w))
	binary.BigEndian.PutUint32(ihdr[4:], uint32(h))
	ihdr[8], ihdr[9] = 1, 0 // bit depth 1, greyscale
	chunk(&out, "IHDR", ihdr)
	var idat bytes.Buffer
	zw, _ := zlib.NewWriterLevel(&idat, zlib.BestCompression)
	row := make([]byte, 1+(w+7)/8) // filter byte 0, then the pixels
	for range h {
		_, _ = zw.Write(row)
	}
	_ = zw.Close()
	chunk(&out, "IDAT", idat.Bytes())
	chunk(&out, "IEND", nil)
	return out.Bytes()
}

// chunk writes one PNG chunk: length, type, data, CRC of type and data.
func chunk(out *bytes.Buffer, typ string, data []byte) {
	_ = binary.Write(out, binary.BigEndian, uint32(len(data)))
	out.WriteString(typ)
	out.Write(data)
	_ = binary.Write(out, binary.BigEndian, crc32.ChecksumIEEE(append([]byte(typ), data...)))
}
