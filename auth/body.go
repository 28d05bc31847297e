package auth

import (
	"encoding/base64"
	"sort"
	"unicode/utf8"
)

// DisplayBody turns a response body into text a person can read: UTF-8
// text as it is, anything else as base64, labelled.
func DisplayBody(b []byte) string {
	if utf8.Valid(b) {
		return string(b)
	}
	return "(binary, " + itoa(len(b)) + " bytes, base64)\n" + base64.StdEncoding.EncodeToString(b)
}

// itoa formats n without fmt.
func itoa(n int) string {
	if n == 0 {
		return "0"
	}
	var buf [20]byte
	i := len(buf)
	for n > 0 {
		i--
		buf[i] = byte('0' + n%10)
		n /= 10
	}
	return string(buf[i:])
}

// sortedKeys returns a map's keys in order, for stable output.
func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// base64Std encodes b with standard base64.
func base64Std(b []byte) string { return base64.StdEncoding.EncodeToString(b) }
