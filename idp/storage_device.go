package idp

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/zitadel/oidc/v3/pkg/op"
)

// deviceAuth is one device authorization (RFC 8628) from the device's
// request until its tokens are picked up.
type deviceAuth struct {
	deviceCode string
	userCode   string // normalized, see normalizeUserCode
	state      op.DeviceAuthorizationState

	// Set once a person signed in on the verification page.
	pendingSubject  string
	pendingAuthTime time.Time
	binding         string
}

// normalizeUserCode makes "bcdf-ghjk", "BCDF GHJK" and "BCDFGHJK" equal.
func normalizeUserCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToUpper(code) {
		if (r >= 'A' && r <= 'Z') || (r >= '0' && r <= '9') {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// StoreDeviceAuthorization implements op.DeviceAuthorizationStorage.
func (s *storage) StoreDeviceAuthorization(_ context.Context, clientID, deviceCode, userCode string, expires time.Time, scopes []string) error {
	granted := grantedScopes(scopes)
	if len(granted) == 0 {
		granted = grantedScopes([]string{"openid"})
	}
	norm := normalizeUserCode(userCode)
	s.mu.Lock()
	defer s.mu.Unlock()
	s.sweepLocked(time.Now())
	if _, dup := s.userCodes[norm]; dup {
		return op.ErrDuplicateUserCode
	}
	s.devices[deviceCode] = &deviceAuth{
		deviceCode: deviceCode,
		userCode:   norm,
		state: op.DeviceAuthorizationState{
			ClientID: clientID,
			Scopes:   granted,
			Expires:  expires,
		},
	}
	s.userCodes[norm] = deviceCode
	return nil
}

// GetDeviceAuthorizatonState implements op.DeviceAuthorizationStorage
// (op's spelling). Once approved or denied, the state is handed out once and
// then forgotten, so a device code yields tokens only once.
func (s *storage) GetDeviceAuthorizatonState(_ context.Context, clientID, deviceCode string) (*op.DeviceAuthorizationState, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d := s.devices[deviceCode]
	if d == nil || d.state.ClientID != clientID {
		return nil, fmt.Errorf("device code: %w", errNotFound)
	}
	st := d.state
	st.Scopes = slices.Clone(d.state.Scopes)
	st.AMR = slices.Clone(d.state.AMR)
	if st.Done || st.Denied {
		delete(s.userCodes, d.userCode)
		delete(s.devices, deviceCode)
	}
	return &st, nil
}

// deviceView is what the verification pages show about a pending device
// authorization.
type deviceView struct {
	UserCode string
	ClientID string
	Scopes   []string
}

// pendingDevice looks up a live, undecided device authorization by user code.
func (s *storage) pendingDevice(userCode string) (*deviceView, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.pendingDeviceLocked(userCode)
	if err != nil {
		return nil, err
	}
	return &deviceView{UserCode: d.userCode, ClientID: d.state.ClientID, Scopes: slices.Clone(d.state.Scopes)}, nil
}

// pendingDeviceLocked is pendingDevice for a caller holding s.mu.
func (s *storage) pendingDeviceLocked(userCode string) (*deviceAuth, error) {
	d := s.devices[s.userCodes[normalizeUserCode(userCode)]]
	if d == nil || time.Now().After(d.state.Expires) || d.state.Done || d.state.Denied {
		return nil, fmt.Errorf("user code: %w", errNotFound)
	}
	return d, nil
}

// loginDevice records who signed in on the verification page.
func (s *storage) loginDevice(userCode, userID, binding string) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.pendingDeviceLocked(userCode)
	if err != nil {
		return err
	}
	d.pendingSubject = userID
	d.pendingAuthTime = time.Now()
	d.binding = binding
	return nil
}

// decideDevice records the consent decision for a device authorization.
func (s *storage) decideDevice(userCode, binding string, allow bool) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.pendingDeviceLocked(userCode)
	if err != nil {
		return err
	}
	if d.pendingSubject == "" || d.binding == "" || d.binding != binding {
		return errNotSignedIn
	}
	if allow {
		d.state.Subject = d.pendingSubject
		d.state.AuthTime = d.pendingAuthTime
		d.state.AMR = []string{"pwd"}
		d.state.Done = true
	} else {
		d.state.Denied = true
	}
	return nil
}

// deviceSignIn returns who signed in for a pending device authorization
// and the browser binding, or empty strings.
func (s *storage) deviceSignIn(userCode string) (subject, binding string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, err := s.pendingDeviceLocked(userCode)
	if err != nil {
		return "", ""
	}
	return d.pendingSubject, d.binding
}
