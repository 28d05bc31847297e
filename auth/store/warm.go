package store

// Warmer is a store that can get ready for its first read or write ahead
// of time (connect, open a session), so that this cost overlaps with work
// done meanwhile, such as a person signing in in the browser.
type Warmer interface {
	// Warm starts getting ready in the background and returns at once. It
	// reads and writes no entry.
	Warm()
}

// Warm connects to the OS keyring in the background (see Warmer).
func (s *KeyringStore) Warm() {
	if s.kr == nil {
		go warmOSKeyring()
	}
}
