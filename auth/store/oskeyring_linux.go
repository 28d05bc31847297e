package store

import (
	"errors"
	"fmt"
	"sync"

	dbus "github.com/godbus/dbus/v5"
	"github.com/zalando/go-keyring"
	ss "github.com/zalando/go-keyring/secret_service"
)

// osKeyring is the Secret Service (gnome-keyring, KeePassXC, ...) over the
// D-Bus session bus, holding the same items as go-keyring does (attributes
// "service" and "username", written to the login collection, else the
// default alias), so entries written by either are read by the other.
//
// It costs fewer round trips than go-keyring, which opens and closes a
// session, looks the collection up and asks to unlock it on every call
// (seven D-Bus calls for a read): here the connection, the collection and
// a "plain" session are set up once per process, and an unlock is asked
// for only when the Secret Service answers that an item or the collection
// is locked. A read is two calls in turn (the service-wide SearchItems,
// the first time together with OpenSession; then GetSecret), a write one
// (CreateItem) and a delete two (SearchItems, Delete). Reads and deletes
// search the whole service, as a Secret Service client finds an item. The secret travels
// as it does with go-keyring: the "plain" algorithm, over the private
// session bus.
type osKeyring struct{}

// ssState is what one process keeps of the Secret Service between calls.
var ssState struct {
	mu         sync.Mutex
	svc        *ss.SecretService
	collection dbus.BusObject // found on first use by Set
	session    dbus.BusObject
}

// Secret Service names this client uses.
const (
	ssName        = "org.freedesktop.secrets"
	ssPath        = "/org/freedesktop/secrets"
	ssSearchItems = "org.freedesktop.Secret.Service.SearchItems"
	errIsLocked   = "org.freedesktop.Secret.Error.IsLocked"
	errNoSession  = "org.freedesktop.Secret.Error.NoSession"
	ssAttrUser    = "username"
	ssAttrService = "service"
)

// ssService returns the connection, connecting if needed.
func ssService() (*ss.SecretService, error) {
	st := &ssState
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.svc == nil {
		svc, err := ss.NewSecretService()
		if err != nil {
			return nil, err
		}
		st.svc = svc
	}
	return st.svc, nil
}

// ssCollection returns the collection new items go to.
func ssCollection(svc *ss.SecretService) dbus.BusObject {
	st := &ssState
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.collection == nil || st.svc != svc {
		st.collection = svc.GetLoginCollection()
	}
	return st.collection
}

// ssSession returns the process's session, opening it if needed.
func ssSession(svc *ss.SecretService) (dbus.BusObject, error) {
	st := &ssState
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.session == nil {
		s, err := svc.OpenSession()
		if err != nil {
			return nil, err
		}
		st.session = s
	}
	return st.session, nil
}

// forget drops the cached session (and, on a lost connection, everything),
// so that the next call sets them up again.
func forget(all bool) {
	ssState.mu.Lock()
	defer ssState.mu.Unlock()
	ssState.session = nil
	if all {
		ssState.svc, ssState.collection = nil, nil
	}
}

// dbusName is the D-Bus error name of err, or "".
func dbusName(err error) string {
	var de dbus.Error
	if errors.As(err, &de) {
		return de.Name
	}
	var dp *dbus.Error
	if errors.As(err, &dp) {
		return dp.Name
	}
	return ""
}

// mend prepares a second try after err: it unlocks what locked names
// (IsLocked) or drops a stale session or connection. It returns false when
// err is not one a second try can mend (and then drops the cached state).
func mend(err error, svc *ss.SecretService, locked func() dbus.ObjectPath) (bool, error) {
	switch {
	case dbusName(err) == errIsLocked:
		if err := svc.Unlock(locked()); err != nil {
			return false, err
		}
	case dbusName(err) == errNoSession:
		forget(false)
	case errors.Is(err, dbus.ErrClosed):
		forget(true)
	default:
		// Set up afresh on the next call, so that a stale session or
		// collection (the Secret Service restarted) costs one failure, not
		// every later call of a long-running process.
		forget(true)
		return false, err
	}
	return true, nil
}

// search returns the items of service and user anywhere in the Secret
// Service, unlocked ones first.
func search(svc *ss.SecretService, service, user string) ([]dbus.ObjectPath, []dbus.ObjectPath, error) {
	var unlocked, locked []dbus.ObjectPath
	err := svc.Object(ssName, ssPath).Call(ssSearchItems, 0, map[string]string{ssAttrUser: user, ssAttrService: service}).Store(&unlocked, &locked)
	return unlocked, locked, err
}

// Get returns the secret of service and user.
func (osKeyring) Get(service, user string) (string, error) {
	for attempt := 0; ; attempt++ {
		svc, err := ssService()
		if err != nil {
			return "", err
		}
		type opened struct {
			s   dbus.BusObject
			err error
		}
		sess := make(chan opened, 1)
		go func() { s, err := ssSession(svc); sess <- opened{s, err} }()
		unlocked, locked, err := search(svc, service, user)
		so := <-sess
		if err == nil {
			err = so.err
		}
		var item dbus.ObjectPath
		if err == nil {
			switch {
			case len(unlocked) > 0:
				item = unlocked[0]
			case len(locked) > 0:
				item = locked[0]
				err = svc.Unlock(item)
			default:
				return "", keyring.ErrNotFound
			}
		}
		if err == nil {
			var sec *ss.Secret
			if sec, err = svc.GetSecret(item, so.s.Path()); err == nil {
				return string(sec.Value), nil
			}
		}
		if attempt > 0 {
			return "", err
		}
		if ok, err := mend(err, svc, func() dbus.ObjectPath { return item }); !ok {
			return "", err
		}
	}
}

// Set stores the secret of service and user, replacing an earlier one.
func (osKeyring) Set(service, user, pass string) error {
	for attempt := 0; ; attempt++ {
		svc, err := ssService()
		if err != nil {
			return err
		}
		col := ssCollection(svc)
		sess, err := ssSession(svc)
		if err == nil {
			err = svc.CreateItem(col, fmt.Sprintf("Password for '%s' on '%s'", user, service),
				map[string]string{ssAttrUser: user, ssAttrService: service}, ss.NewSecret(sess.Path(), pass))
		}
		if err == nil || attempt > 0 {
			return err
		}
		if ok, err := mend(err, svc, col.Path); !ok {
			return err
		}
	}
}

// Delete removes the secret of service and user: every item Get could
// find, so that a deleted key is not read again.
func (osKeyring) Delete(service, user string) error {
	for attempt := 0; ; attempt++ {
		svc, err := ssService()
		if err != nil {
			return err
		}
		unlocked, locked, err := search(svc, service, user)
		if err == nil && len(unlocked)+len(locked) == 0 {
			return keyring.ErrNotFound
		}
		var item dbus.ObjectPath
		if err == nil {
			for _, item = range append(unlocked, locked...) {
				if err = svc.Delete(item); err != nil && !vanished(err) {
					break
				}
				err = nil
			}
		}
		if err == nil || attempt > 0 {
			return err
		}
		if ok, err := mend(err, svc, func() dbus.ObjectPath { return item }); !ok {
			return err
		}
	}
}

// warmOSKeyring connects to the Secret Service and opens the session now,
// reading nothing; a failure is met again, and reported, by the next call.
func warmOSKeyring() {
	if svc, err := ssService(); err == nil {
		_, _ = ssSession(svc)
	}
}
