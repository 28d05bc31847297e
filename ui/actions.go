package ui

import (
	"context"
	"errors"
	_ "image/gif" // avatars come as GIF, JPEG or PNG
	_ "image/jpeg"
	_ "image/png"
	"time"

	"oauthdesk/auth"
)

// requestTimeout bounds a Backend call that talks to the provider.
const requestTimeout = time.Minute

// These methods are the window's operations. Each one runs its Backend call
// on a goroutine and applies the result on the UI goroutine with mw.do.

// reloadSession reads the status and the stored token set of id.
func (mw *MainWindow) reloadSession(id string) {
	s := mw.sessions[id]
	if s == nil {
		return
	}
	s.reloads++
	gen := s.reloads
	go func() {
		ctx, cancel := context.WithTimeout(mw.ctx, requestTimeout)
		defer cancel()
		st, err := mw.b.Status(ctx, id)
		var toks *auth.TokenSet
		var accounts []auth.Account
		if err == nil && st.SignedIn {
			t, terr := mw.b.Stored(id)
			if terr == nil {
				toks = t
			}
			if a, aerr := mw.b.Accounts(ctx, id); aerr == nil {
				accounts = a
			}
		}
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil || s.reloads != gen {
				return // removed, or a newer reload is on its way
			}
			wasSignedIn := s.signedIn()
			s.loaded = true
			s.statusErr = err
			if err == nil {
				s.status = st
			}
			prevAccount := ""
			if s.tokens != nil {
				prevAccount = s.tokens.Subject + "\x00" + s.tokens.Account
			}
			s.tokens = toks
			s.accounts = accounts
			if !s.signedIn() || !wasSignedIn || (toks != nil && prevAccount != toks.Subject+"\x00"+toks.Account) {
				// Signed out, signed in, or another account became
				// the active one: what was read about the old one goes.
				s.profile, s.profileErr, s.avatar = nil, nil, nil
				s.introspection, s.introspectErr = nil, nil
			}
			mw.scheduleAutoRefresh(id)
			mw.changed(id)
			if id == mw.selected {
				mw.ensureProfile(id)
			}
		})
	}()
}

// ensureProfile loads the profile of a signed-in session that has none yet.
func (mw *MainWindow) ensureProfile(id string) {
	s := mw.sessions[id]
	if s == nil || !s.signedIn() || s.profile != nil || s.profileLoading || s.profileErr != nil {
		return
	}
	mw.loadProfile(id)
}

// loadProfile reads the profile, then the avatar.
func (mw *MainWindow) loadProfile(id string) {
	s := mw.sessions[id]
	s.profileLoading = true
	mw.changed(id)
	go func() {
		ctx, cancel := context.WithTimeout(mw.ctx, requestTimeout)
		defer cancel()
		p, err := mw.b.Profile(ctx, id)
		var img []byte
		if err == nil && p != nil && p.Picture != "" {
			if b, ierr := mw.b.FetchImage(ctx, p.Picture); ierr == nil && isImage(b) {
				img = b
			}
		}
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil {
				return
			}
			s.profileLoading = false
			s.profile, s.profileErr, s.avatar = p, err, img
			mw.changed(id)
		})
	}()
}

// isImage reports whether b is a GIF, JPEG or PNG small enough to decode:
// its header is read first, and one that claims more than
// auth.MaxImageSide pixels on a side (a decompression bomb) is refused
// before the canvas decodes it.
func isImage(b []byte) bool {
	return auth.CheckImage(b) == nil
}

// signIn starts a sign-in through the browser.
func (mw *MainWindow) signIn(id string) {
	s := mw.sessions[id]
	if s == nil || s.login != nil || s.device != nil {
		return
	}
	ctx, cancel := context.WithCancel(mw.ctx)
	ls := &loginState{cancel: cancel, machine: s.provider.GrantType() == auth.GrantClientCredentials}
	s.login = ls
	s.clearError()
	s.notice = ""
	mw.changed(id)
	opts := auth.LoginOptions{
		OnAuthURL: func(u string) {
			mw.do(func() {
				ls.authURL = u
				ls.urlAt = mw.now()
				mw.changed(id)
			})
		},
		OnBrowserError: func(err error) {
			mw.do(func() {
				ls.browserErr = err
				mw.changed(id)
			})
		},
	}
	go func() {
		defer cancel()
		_, err := mw.b.Login(ctx, id, opts)
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil || s.login != ls {
				return
			}
			s.login = nil
			switch {
			case err == nil:
				s.profile, s.profileErr, s.avatar = nil, nil, nil
			case isCanceled(err):
				s.notice = T("Sign-in canceled.")
			default:
				s.setError(T("Sign-in failed"), err)
			}
			mw.changed(id)
			mw.reloadSession(id)
		})
	}()
}

// isCanceled reports whether err is a canceled sign-in rather than a failure.
func isCanceled(err error) bool {
	return errors.Is(err, auth.ErrCanceled) || errors.Is(err, context.Canceled)
}

// cancelSignIn stops a running sign-in.
func (mw *MainWindow) cancelSignIn(id string) {
	if s := mw.sessions[id]; s != nil && s.login != nil {
		s.login.cancel()
	}
}

// refresh forces a refresh of the access token.
func (mw *MainWindow) refresh(id string) {
	s := mw.sessions[id]
	if s == nil || s.busy != "" || s.login != nil {
		return
	}
	if !s.signedIn() {
		mw.reloadSession(id)
		return
	}
	mw.sessionOp(id, T("Refreshing…"), T("Refresh failed"), func(ctx context.Context) error {
		_, err := mw.b.Refresh(ctx, id)
		return err
	}, func(s *session) {
		s.notice = T("Refreshed.")
		s.profileErr = nil // try the profile again with the new token
	})
}

// signOut revokes the tokens where possible and forgets them.
func (mw *MainWindow) signOut(id string) {
	s := mw.sessions[id]
	if s == nil || s.busy != "" || !s.signedIn() {
		return
	}
	mw.sessionOp(id, T("Signing out…"), T("Sign-out failed"), func(ctx context.Context) error {
		return mw.b.Logout(ctx, id)
	}, func(s *session) { s.notice = T("Signed out.") })
}

// sessionOp runs call off the UI goroutine while the session shows busy;
// then, on the UI goroutine, it shows the error under failTitle or lets ok
// set the session's notice, and reloads the session.
func (mw *MainWindow) sessionOp(id, busy, failTitle string, call func(ctx context.Context) error, ok func(s *session)) {
	s := mw.sessions[id]
	s.busy = busy
	s.clearError()
	s.notice = ""
	mw.changed(id)
	go func() {
		ctx, cancel := context.WithTimeout(mw.ctx, requestTimeout)
		defer cancel()
		err := call(ctx)
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil {
				return
			}
			s.busy = ""
			if err != nil {
				s.setError(failTitle, err)
			} else {
				ok(s)
			}
			mw.changed(id)
			mw.reloadSession(id)
		})
	}()
}

// copyKind is what a copy button puts on the clipboard.
type copyKind int

// The things that can be copied.
const (
	copyToken copyKind = iota
	copyHeader
	copyCurl
)

// copyAccessToken gets a valid access token (refreshing it if it expired)
// and puts it, as kind, on the clipboard.
func (mw *MainWindow) copyAccessToken(id string, kind copyKind) {
	s := mw.sessions[id]
	if s == nil || !s.signedIn() {
		return
	}
	endpoint := profileEndpoint(s)
	if kind == copyCurl && endpoint == "" {
		return
	}
	go func() {
		ctx, cancel := context.WithTimeout(mw.ctx, requestTimeout)
		defer cancel()
		ts, err := mw.b.Token(ctx, id)
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil {
				return
			}
			if err != nil {
				s.setError(T("Could not get an access token"), err)
				mw.changed(id)
				mw.reloadSession(id)
				return
			}
			var text, what string
			switch kind {
			case copyHeader:
				text, what = authHeader(ts), T("Copied the Authorization header.")
			case copyCurl:
				text, what = curlCommandFor(id, ts, endpoint), T("Copied the curl command.")
			default:
				text, what = ts.AccessToken, T("Copied the access token.")
			}
			what += " " + mw.copySecret(text)
			mw.toolbar.flash(what)
			if mw.view != nil && mw.view.id == id {
				mw.view.use.confirm(what)
			}
			if s.tokens == nil || s.tokens.AccessToken != ts.AccessToken {
				mw.reloadSession(id) // Token refreshed it
			}
		})
	}()
}

// removeProvider deletes the provider after the person confirmed.
func (mw *MainWindow) removeProvider(id string) {
	go func() {
		err := mw.b.RemoveProvider(id)
		mw.do(func() {
			if err != nil {
				if s := mw.sessions[id]; s != nil {
					s.setError(T("Could not remove the provider"), err)
					mw.changed(id)
				}
				return
			}
			if mw.selected == id {
				mw.selected = ""
			}
			mw.loadProviders("")
		})
	}()
}
