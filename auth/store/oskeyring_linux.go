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
// "service" and "username", in the login collection, else the default
// alias), so entries written by either are read by the other.
//
// It costs fewer round trips than go-keyring, which opens and closes a
// session, looks the collection up and asks to unlock it on every call
// (seven D-Bus calls for a read): here the collection and a "plain"
// session are found once per process, and an unlock is asked for only when
// the Secret Service answers that an item or the collection is locked. A
// read is then two calls (SearchItems, GetSecret), a write one (CreateItem)
// and a delete two (SearchItems, Delete). The secret travels as it does
// with go-keyring: the "plain" algorithm, over the private session bus.
type osKeyring struct{}

// ssState is what one process keeps of the Secret Service between calls.
var ssState struct {
	mu         sync.Mutex
	svc        *ss.SecretService
	collection dbus.BusObject
	session    dbus.BusObject
}

// Secret Service error names this client acts on.
const (
	errIsLocked  = "org.freedesktop.Secret.Error.IsLocked"
	errNoSession = "org.freedesktop.Secret.Error.NoSession"
)

// ssConn returns the service, the collection and a session, opening what
// is not open yet.
func ssConn() (*ss.SecretService, dbus.BusObject, dbus.BusObject, error) {
	st := &ssState
	st.mu.Lock()
	defer st.mu.Unlock()
	if st.svc == nil {
		svc, err := ss.NewSecretService()
		if err != nil {
			return nil, nil, nil, err
		}
		st.svc, st.collection = svc, svc.GetLoginCollection()
	}
	if st.session == nil {
		s, err := st.svc.OpenSession()
		if err != nil {
			return nil, nil, nil, err
		}
		st.session = s
	}
	return st.svc, st.collection, st.session, nil
}

// forget drops the cached session (and, on a lost connection, the
// service), so that the next call opens them again.
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

// retry runs call, and once more after unlocking what it names (IsLocked)
// or opening a new session (NoSession, a closed connection).
func retry(unlock func(*ss.SecretService, dbus.BusObject) dbus.ObjectPath, call func(*ss.SecretService, dbus.BusObject, dbus.BusObject) error) error {
	svc, col, sess, err := ssConn()
	if err != nil {
		return err
	}
	err = call(svc, col, sess)
	switch {
	case err == nil:
		return nil
	case dbusName(err) == errIsLocked:
		if err := svc.Unlock(unlock(svc, col)); err != nil {
			return err
		}
	case dbusName(err) == errNoSession:
		forget(false)
	case errors.Is(err, dbus.ErrClosed):
		forget(true)
	default:
		return err
	}
	if svc, col, sess, err = ssConn(); err != nil {
		return err
	}
	return call(svc, col, sess)
}

// find returns the item of service and user, or keyring.ErrNotFound.
func find(svc *ss.SecretService, col dbus.BusObject, service, user string) (dbus.ObjectPath, error) {
	items, err := svc.SearchItems(col, map[string]string{"username": user, "service": service})
	if err != nil {
		return "", err
	}
	if len(items) == 0 {
		return "", keyring.ErrNotFound
	}
	return items[0], nil
}

// Get returns the secret of service and user.
func (osKeyring) Get(service, user string) (string, error) {
	var item dbus.ObjectPath
	var val string
	err := retry(func(*ss.SecretService, dbus.BusObject) dbus.ObjectPath { return item },
		func(svc *ss.SecretService, col, sess dbus.BusObject) error {
			var err error
			if item, err = find(svc, col, service, user); err != nil {
				return err
			}
			sec, err := svc.GetSecret(item, sess.Path())
			if err != nil {
				return err
			}
			val = string(sec.Value)
			return nil
		})
	return val, err
}

// Set stores the secret of service and user, replacing an earlier one.
func (osKeyring) Set(service, user, pass string) error {
	return retry(func(_ *ss.SecretService, col dbus.BusObject) dbus.ObjectPath { return col.Path() },
		func(svc *ss.SecretService, col, sess dbus.BusObject) error {
			return svc.CreateItem(col, fmt.Sprintf("Password for '%s' on '%s'", user, service),
				map[string]string{"username": user, "service": service}, ss.NewSecret(sess.Path(), pass))
		})
}

// Delete removes the secret of service and user.
func (osKeyring) Delete(service, user string) error {
	var item dbus.ObjectPath
	return retry(func(*ss.SecretService, dbus.BusObject) dbus.ObjectPath { return item },
		func(svc *ss.SecretService, col, _ dbus.BusObject) error {
			var err error
			if item, err = find(svc, col, service, user); err != nil {
				return err
			}
			return svc.Delete(item)
		})
}
