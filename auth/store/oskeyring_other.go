//go:build !linux

package store

import "github.com/zalando/go-keyring"

// osKeyring is the OS keyring as go-keyring reaches it: the macOS keychain
// or the Windows Credential Manager.
type osKeyring struct{}

func (osKeyring) Get(service, user string) (string, error) { return keyring.Get(service, user) }
func (osKeyring) Set(service, user, pass string) error     { return keyring.Set(service, user, pass) }
func (osKeyring) Delete(service, user string) error        { return keyring.Delete(service, user) }

// warmOSKeyring does nothing: go-keyring keeps no connection here.
func warmOSKeyring() {}
