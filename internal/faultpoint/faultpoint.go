// Package faultpoint lets crash tests kill oauthdesk at a named point of a
// save, to prove that a kill -9 there loses nothing.
//
// The contract: in a normal build Hit does nothing and costs nothing. In a
// build with -tags faultinject (only the crash tests' binary), Hit(name)
// sends SIGKILL to its own process when the environment variable
// OAUTHDESK_FAULT is name (the first time the point is reached) or name@N
// (the N-th time). The process then dies exactly there, as it would from a
// kill -9 or a power cut, with no deferred call or cleanup run.
package faultpoint

// Env names the environment variable that picks the fault point.
const Env = "OAUTHDESK_FAULT"

// The named points. Each is reached right after the step its name says.
const (
	// StorePart: one part of a multi-part keyring value was written.
	StorePart = "store.part"
	// StoreManifest: a value's new manifest was written; the previous
	// generation's parts are not deleted yet.
	StoreManifest = "store.manifest"
	// SignInKeptPrevious: a sign-in kept the earlier account under its own
	// key; the active slot still holds the earlier session.
	SignInKeptPrevious = "signin.kept-previous"
	// SignInSaved: the new session is in the active slot; the account list
	// is not updated yet.
	SignInSaved = "signin.saved"
	// SignInIndexSaved: the account list is updated; the save is complete.
	SignInIndexSaved = "signin.index-saved"
	// RefreshAnswered: the provider answered a refresh (and may have
	// rotated the refresh token); nothing is saved yet.
	RefreshAnswered = "refresh.answered"
	// RefreshRotatedSaved: the rotated refresh token is saved with the
	// earlier access and ID tokens; the new set is not checked yet.
	RefreshRotatedSaved = "refresh.rotated-saved"
	// RefreshSaved: the whole refreshed set is saved.
	RefreshSaved = "refresh.saved"
)

// Points lists every named point, for the tests that visit them all.
var Points = []string{
	StorePart, StoreManifest,
	SignInKeptPrevious, SignInSaved, SignInIndexSaved,
	RefreshAnswered, RefreshRotatedSaved, RefreshSaved,
}
