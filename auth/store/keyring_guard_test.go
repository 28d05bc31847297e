package store

import (
	"errors"
	"strings"
	"testing"
	"time"
)

// hangingKeyring never answers, like a Secret Service waiting on an unlock
// prompt that nobody sees.
type hangingKeyring struct{ release chan struct{} }

func (h hangingKeyring) Get(string, string) (string, error) { <-h.release; return "", nil }
func (h hangingKeyring) Set(string, string, string) error   { <-h.release; return nil }
func (h hangingKeyring) Delete(string, string) error        { <-h.release; return nil }

func TestKeyringCallsAreBounded(t *testing.T) {
	h := hangingKeyring{release: make(chan struct{})}
	defer close(h.release)
	s := &KeyringStore{Service: "svc", kr: boundedKeyring{next: h, limit: 100 * time.Millisecond}}
	start := time.Now()
	_, err := s.Load("tok")
	if took := time.Since(start); took > 5*time.Second {
		t.Fatalf("Load took %v", took)
	}
	if !errors.Is(err, ErrKeyringUnavailable) || !strings.Contains(err.Error(), "did not answer within 100ms") {
		t.Fatalf("Load: %v", err)
	}
	if err := s.Save("tok", []byte("v")); err == nil || !strings.Contains(err.Error(), "did not answer") {
		t.Fatalf("Save: %v", err)
	}
}

func TestKeyringTimeoutFromEnv(t *testing.T) {
	t.Setenv(KeyringTimeoutEnv, "3s")
	if got := keyringTimeout(); got != 3*time.Second {
		t.Fatalf("got %v", got)
	}
	t.Setenv(KeyringTimeoutEnv, "nonsense")
	if got := keyringTimeout(); got != defaultKeyringTimeout {
		t.Fatalf("got %v", got)
	}
}
