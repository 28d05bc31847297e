package idp

import (
	"fmt"
	"time"
)

// cancelAuthRequest ends an auth request the person canceled on the login
// page, before consent. It returns a copy as it was, so the caller can
// build the access_denied redirect; an approved request cannot be canceled.
func (s *storage) cancelAuthRequest(id string) (*authRequest, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	ar := s.authRequests[id]
	if ar == nil || time.Since(ar.CreatedAt) > authRequestTTL {
		return nil, fmt.Errorf("auth request: %w", errNotFound)
	}
	if ar.done {
		return nil, fmt.Errorf("auth request was already approved")
	}
	c := ar.clone()
	s.deleteAuthRequestLocked(id)
	return c, nil
}

// cancelDevice denies a pending device authorization the person canceled
// on its login page; the device's next poll gets access_denied.
func (s *storage) cancelDevice(userCode string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.pendingDeviceLocked(userCode)
	if err != nil {
		return err
	}
	d.state.Denied = true
	return nil
}
