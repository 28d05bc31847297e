package store

import (
	"bytes"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// How a value is laid out in the OS keyring.
//
// Windows Credential Manager rejects secrets over 2560 bytes and the macOS
// keychain over about 4 KB, while a token set with a large ID token easily
// passes that. So a value is base64-encoded and split into parts of at most
// chunkSize characters, each kept under the user name "KEY#GEN.I". The entry
// under KEY itself is a small JSON manifest naming the generation GEN, the
// number of parts and the value's SHA-256. A value that is UTF-8 text and
// small enough sits in the manifest itself (field "text", no parts), so
// that a typical token set costs one keyring read: each read is a few
// D-Bus round trips to the Secret Service, milliseconds apiece.
//
// Save writes the new generation's parts first, then the manifest, and only
// then deletes the previous generation's parts, so a Save that fails part-way
// leaves the previous value readable. Generations are random, so two
// processes saving the same key at once never write into each other's parts:
// the last manifest written wins and stays whole.
const (
	// chunkSeparator separates a key from the generation and part number in
	// the user names of a value's parts. Keys must not contain it.
	chunkSeparator = '#'
	// chunkSize is the most base64 characters kept in one keyring entry.
	chunkSize = 2000
	// maxChunks bounds the number of parts a manifest may name (128 MB).
	maxChunks = 1 << 16
	// maxEntryBytes is the most one keyring entry may hold (Windows'
	// CRED_MAX_CREDENTIAL_BLOB_SIZE, the smallest limit).
	maxEntryBytes = 2560
	// manifestVersion is the layout version written in the manifest.
	manifestVersion = 1
	// loadAttempts is how often Load starts over when a concurrent Save
	// replaced the generation it was reading.
	loadAttempts = 3
)

// manifest is what the entry under a key holds: where the value's parts are
// and how to check them.
type manifest struct {
	V      int    `json:"v"`
	Gen    string `json:"gen"`
	N      int    `json:"n"`
	Len    int    `json:"len"`
	SHA256 string `json:"sha256"`
	// Text is the whole value, when it is UTF-8 and the manifest stays
	// within maxEntryBytes; N is then 0.
	Text string `json:"text,omitempty"`
	// Prev and PrevN name the generation this one replaced: its parts are
	// deleted once this manifest is written, and again by the next Save
	// and by Delete, in case a crash cut that short, so that no
	// unreferenced part stays in the keyring.
	Prev  string `json:"prev,omitempty"`
	PrevN int    `json:"prev_n,omitempty"`
	// Pending and PendingN name a generation whose parts a Save is writing
	// before its own manifest replaces this one: if a crash stops that Save,
	// the next Save or Delete removes the parts it left.
	Pending  string `json:"pending,omitempty"`
	PendingN int    `json:"pending_n,omitempty"`
}

// encodeManifest is m as its keyring entry, or nil when it would be larger
// than one entry may be.
func encodeManifest(m manifest) []byte {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(m); err != nil || buf.Len() > maxEntryBytes {
		return nil
	}
	return bytes.TrimSpace(buf.Bytes())
}

// parseManifest decodes and checks a manifest entry. Its error never quotes
// the entry, which could be a secret written by something else.
func parseManifest(raw string) (*manifest, error) {
	var m manifest
	if err := json.Unmarshal([]byte(raw), &m); err != nil {
		return nil, errors.New("the entry is not an oauthdesk manifest")
	}
	switch {
	case m.V != manifestVersion:
		return nil, fmt.Errorf("the manifest has layout version %d, this oauthdesk reads version %d", m.V, manifestVersion)
	case !isGeneration(m.Gen):
		return nil, errors.New("the manifest's generation is malformed")
	case m.Len < 0 || m.N < 0 || m.N > maxChunks:
		return nil, errors.New("the manifest's sizes are out of range")
	case m.Text != "" && (m.N != 0 || len(m.Text) != m.Len):
		return nil, errors.New("the manifest's inline value does not match its length")
	case m.Text == "" && m.N != chunkCount(base64.StdEncoding.EncodedLen(m.Len)):
		return nil, errors.New("the manifest's part count does not match its length")
	case m.Prev != "" && (!isGeneration(m.Prev) || m.Prev == m.Gen || m.PrevN < 0 || m.PrevN > maxChunks):
		return nil, errors.New("the manifest's previous generation is malformed")
	case m.Pending != "" && (!isGeneration(m.Pending) || m.Pending == m.Gen || m.PendingN < 0 || m.PendingN > maxChunks):
		return nil, errors.New("the manifest's pending generation is malformed")
	}
	if sum, err := hex.DecodeString(m.SHA256); err != nil || len(sum) != sha256.Size {
		return nil, errors.New("the manifest's checksum is malformed")
	}
	return &m, nil
}

// isGeneration reports whether g looks like a generation newGeneration makes.
func isGeneration(g string) bool {
	if g == "" || len(g) > 32 {
		return false
	}
	for _, r := range g {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// newGeneration returns a random generation different from old's.
func newGeneration(old *manifest) string {
	for {
		var b [4]byte
		rand.Read(b[:]) // never fails (crypto/rand, Go 1.24+)
		g := hex.EncodeToString(b[:])
		if old == nil || (g != old.Gen && g != old.Prev && g != old.Pending) {
			return g
		}
	}
}

// chunkCount is the number of parts an encoded value of n characters needs.
func chunkCount(n int) int { return (n + chunkSize - 1) / chunkSize }

// chunkName is the keyring user name of part i of key's generation gen.
func chunkName(key, gen string, i int) string {
	return fmt.Sprintf("%s%c%s.%d", key, chunkSeparator, gen, i)
}

// checkSum returns val if it has m's length and checksum.
func checkSum(val []byte, m *manifest) ([]byte, error) {
	sum := sha256.Sum256(val)
	if len(val) != m.Len || hex.EncodeToString(sum[:]) != m.SHA256 {
		return nil, fmt.Errorf("%w: its checksum does not match", ErrCorruptEntry)
	}
	return val, nil
}

// inlineManifest is the manifest holding value itself, or nil when value
// is not UTF-8 text or would make the entry too large.
func inlineManifest(gen string, value []byte, prev string, prevN int) []byte {
	if len(value) == 0 || len(value) > maxEntryBytes || !utf8.Valid(value) {
		return nil
	}
	sum := sha256.Sum256(value)
	return encodeManifest(manifest{V: manifestVersion, Gen: gen, Len: len(value), SHA256: hex.EncodeToString(sum[:]), Text: string(value), Prev: prev, PrevN: prevN})
}
