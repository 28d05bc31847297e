package store

import (
	"bytes"
	"testing"

	"github.com/zalando/go-keyring"
)

// TestKeyringSessionClosedUnderneath: the Secret Service session this
// process keeps between calls is closed behind its back (as when the
// service restarts); the next read opens a new one and succeeds, and the
// entry is the one go-keyring reads too.
func TestKeyringSessionClosedUnderneath(t *testing.T) {
	s := newTestKeyringStore(t)
	want := []byte(`{"access_token":"a"}`)
	if err := s.Save("token:x", want); err != nil {
		t.Fatal(err)
	}
	ssState.mu.Lock()
	sess := ssState.session
	ssState.mu.Unlock()
	if sess == nil {
		t.Fatal("no session is kept after a save")
	}
	if err := sess.Call("org.freedesktop.Secret.Session.Close", 0).Err; err != nil {
		t.Fatalf("closing the session: %v", err)
	}
	got, err := s.Load("token:x")
	if err != nil {
		t.Fatalf("Load after the session was closed: %v", err)
	}
	if !bytes.Equal(got, want) {
		t.Fatalf("Load = %q, want %q", got, want)
	}
	if _, err := keyring.Get(s.Service, "token:x"); err != nil {
		t.Fatalf("go-keyring does not find the entry this client wrote: %v", err)
	}
}
