package store

import (
	"bytes"
	"testing"

	"github.com/zalando/go-keyring"
)

// BenchmarkKeyringLoad reads a token-set-sized value (3 KB) from the real
// keyring: what `oauthdesk token` pays per call. Run inside
// scripts/session.sh: go test ./auth/store -run '^$' -bench Keyring
func BenchmarkKeyringLoad(b *testing.B) {
	if !keyringUsable() {
		b.Skip("no Secret Service; run inside scripts/session.sh")
	}
	s := NewKeyringStore()
	s.Service = "oauthdesk-bench"
	defer keyring.DeleteAll(s.Service)
	value := bytes.Repeat([]byte("x"), 3000)
	if err := s.Save("token:bench", value); err != nil {
		b.Fatal(err)
	}
	b.ResetTimer()
	for b.Loop() {
		if _, err := s.Load("token:bench"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkKeyringGetOneEntry is one go-keyring Get: the floor under Load.
func BenchmarkKeyringGetOneEntry(b *testing.B) {
	if !keyringUsable() {
		b.Skip("no Secret Service; run inside scripts/session.sh")
	}
	defer keyring.DeleteAll("oauthdesk-bench-raw")
	if err := keyring.Set("oauthdesk-bench-raw", "k", "v"); err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		if _, err := keyring.Get("oauthdesk-bench-raw", "k"); err != nil {
			b.Fatal(err)
		}
	}
}

// keyringUsable reports whether a Secret Service answers.
func keyringUsable() bool {
	if err := keyring.Set("oauthdesk-bench-probe", "p", "p"); err != nil {
		return false
	}
	_ = keyring.Delete("oauthdesk-bench-probe", "p")
	return true
}

// BenchmarkKeyringSave replaces a value over and over: a small token set
// (one inline entry, what most sign-ins and refreshes write) and one of
// 4 KB (three parts and a manifest, with the previous parts deleted).
func BenchmarkKeyringSave(b *testing.B) {
	if !keyringUsable() {
		b.Skip("no Secret Service; run inside scripts/session.sh")
	}
	for _, size := range []int{2000, 4000} {
		b.Run(map[int]string{2000: "inline", 4000: "parts"}[size], func(b *testing.B) {
			s := NewKeyringStore()
			s.Service = "oauthdesk-bench"
			defer keyring.DeleteAll(s.Service)
			value := bytes.Repeat([]byte{0xfe}, size) // not UTF-8 beyond inline size
			if size <= 2000 {
				value = bytes.Repeat([]byte("x"), size)
			}
			for b.Loop() {
				if err := s.Save("token:bench", value); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}
