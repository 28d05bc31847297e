package ui

import (
	"context"
	"time"
)

// autoRefreshLead is how long before its expiry an access token is
// refreshed automatically.
const autoRefreshLead = time.Minute

// autoRefreshGap is the least time between two automatic refreshes of one
// provider, so that a provider issuing very short-lived tokens (or failing)
// is not hammered.
const autoRefreshGap = 30 * time.Second

// autoRefreshKey is the preference that remembers the toggle per provider.
func autoRefreshKey(id string) string { return "autorefresh." + id }

// setAutoRefresh turns automatic refreshing of id on or off.
func (mw *MainWindow) setAutoRefresh(id string, on bool) {
	s := mw.sessions[id]
	if s == nil || s.autoRefresh == on {
		return
	}
	s.autoRefresh = on
	mw.app.Preferences().SetBool(autoRefreshKey(id), on)
	mw.scheduleAutoRefresh(id)
	mw.changed(id)
}

// scheduleAutoRefresh (re)arms the timer of id from its current status.
// The refresh itself goes through Backend.Refresh, whose engine takes a
// cross-process lock, so it is safe beside the CLI.
func (mw *MainWindow) scheduleAutoRefresh(id string) {
	s := mw.sessions[id]
	if s == nil {
		return
	}
	s.stopAutoRefresh()
	exp := s.status.ExpiresAt
	if !s.autoRefresh || !s.signedIn() || !s.status.HasRefreshToken || exp == nil || mw.ctx.Err() != nil {
		return
	}
	now := mw.now()
	at := exp.Add(-autoRefreshLead)
	if earliest := s.lastAuto.Add(autoRefreshGap); at.Before(earliest) {
		at = earliest
	}
	wait := max(at.Sub(now), 0)
	s.autoTimer = time.AfterFunc(wait, func() {
		mw.do(func() { mw.autoRefreshNow(id) })
	})
}

// autoRefreshNow runs a due automatic refresh.
func (mw *MainWindow) autoRefreshNow(id string) {
	s := mw.sessions[id]
	if s == nil || !s.autoRefresh || !s.signedIn() || s.login != nil || mw.ctx.Err() != nil {
		return
	}
	if s.busy != "" {
		// Something else is running; look again shortly.
		s.lastAuto = mw.now()
		mw.scheduleAutoRefresh(id)
		return
	}
	s.lastAuto = mw.now()
	s.busy = T("Refreshing automatically…")
	mw.changed(id)
	go func() {
		ctx, cancel := context.WithTimeout(mw.ctx, requestTimeout)
		defer cancel()
		_, err := mw.b.Refresh(ctx, id)
		mw.do(func() {
			s := mw.sessions[id]
			if s == nil {
				return
			}
			s.busy = ""
			if err != nil {
				s.setError(T("Automatic refresh failed"), err)
			}
			mw.changed(id)
			mw.reloadSession(id)
		})
	}()
}
