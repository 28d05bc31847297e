package cli

import (
	"bytes"
	"encoding/json"
	"testing"
)

// TestSafeWriter: controls and bidi characters are escaped, text and
// UTF-8 split across writes survive, and JSON stays JSON with the same
// meaning.
func TestSafeWriter(t *testing.T) {
	var b bytes.Buffer
	w := newSafeWriter(&b)
	in := "ok\tKorean 한국어 \x1b]0;t\x07\u202e\u009b\r\xff end\n"
	// Write byte by byte: every multi-byte rune is split.
	for i := range len(in) {
		if _, err := w.Write([]byte{in[i]}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Flush(); err != nil {
		t.Fatal(err)
	}
	want := `ok` + "\t" + `Korean 한국어 \u001b]0;t\u0007\u202e\u009b\u000d\xff end` + "\n"
	if b.String() != want {
		t.Fatalf("got  %q\nwant %q", b.String(), want)
	}

	b.Reset()
	doc := map[string]string{"name": "a\u202eb\u2066c\x1b"}
	enc := json.NewEncoder(w)
	if err := enc.Encode(doc); err != nil {
		t.Fatal(err)
	}
	var back map[string]string
	if err := json.Unmarshal(b.Bytes(), &back); err != nil || back["name"] != doc["name"] {
		t.Fatalf("JSON through the writer: %q → %v (%v)", b.String(), back, err)
	}
	if bytes.ContainsAny(b.Bytes(), "\x1b\u202e\u2066") {
		t.Fatalf("JSON output still holds controls: %q", b.String())
	}

	b.Reset()
	_, _ = w.Write([]byte{0xe2, 0x80}) // an incomplete rune at the very end
	_ = w.Flush()
	if b.String() != `\xe2\x80` {
		t.Fatalf("incomplete rune at the end: %q", b.String())
	}
}
