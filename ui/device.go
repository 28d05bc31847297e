package ui

import (
	"context"
	"time"

	"oauthdesk/auth"
)

// deviceTimeout bounds a device sign-in; the code's own expiry usually
// ends it sooner.
const deviceTimeout = 30 * time.Minute

// deviceFailed is the banner title of a failed device sign-in.
const deviceFailed = "Device sign-in failed"

// deviceState is one running device sign-in.
type deviceState struct {
	cancel context.CancelFunc
	// code is what to show the person; nil until the provider gave it.
	code *auth.DeviceCode
	// openErr says why the browser did not open.
	openErr string
}

// canSignInOnDevice reports whether to offer "Sign in on another device":
// for OpenID Connect providers (discovery may announce a device endpoint)
// and those configured with one. The engine's error explains when the
// provider has none.
func canSignInOnDevice(p auth.Provider) bool {
	return p.GrantType() == auth.GrantAuthorizationCode && (p.IsOIDC() || p.DeviceAuthURL != "")
}

// deviceSignIn signs in with the device authorization grant: the code is
// shown for the person to enter on another device.
func (mw *MainWindow) deviceSignIn(id string) {
	s := mw.sessions[id]
	if s == nil || s.login != nil || s.device != nil || s.busy != "" {
		return
	}
	ctx, cancel := context.WithTimeout(mw.ctx, deviceTimeout)
	ds := &deviceState{cancel: cancel}
	s.device = ds
	s.clearError()
	s.notice = ""
	mw.changed(id)
	go func() {
		defer cancel()
		_, err := mw.b.DeviceLogin(ctx, id, func(c auth.DeviceCode) {
			mw.do(func() {
				ds.code = &c
				mw.changed(id)
			})
		})
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil || s.device != ds {
				return
			}
			s.device = nil
			switch {
			case err == nil:
				s.profile, s.profileErr, s.avatar = nil, nil, nil
				s.notice = T("Signed in on another device.")
			case isCanceled(err):
				s.notice = T("Device sign-in canceled.")
			default:
				s.setError(T(deviceFailed), err)
			}
			mw.changed(id)
			mw.reloadSession(id)
		})
	}()
}

// cancelDeviceSignIn stops a running device sign-in.
func (mw *MainWindow) cancelDeviceSignIn(id string) {
	if s := mw.sessions[id]; s != nil && s.device != nil {
		s.device.cancel()
	}
}

// openDevicePage opens the verification page in this computer's browser.
func (mw *MainWindow) openDevicePage(id, page string) {
	if page == "" {
		return
	}
	go func() {
		err := mw.b.OpenURL(page)
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil || s.device == nil {
				return
			}
			if err != nil {
				s.device.openErr = T("No browser could be opened ({{.Error}}). Open the address above yourself.", "Error", err.Error())
			} else {
				s.device.openErr = ""
			}
			mw.changed(id)
		})
	}()
}
