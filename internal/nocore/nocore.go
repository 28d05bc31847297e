// Package nocore keeps oauthdesk's memory out of core dumps. Both binaries
// hold access and refresh tokens, client secrets and PKCE verifiers in
// memory; a crash with core dumps enabled would write them to a file
// (often world-readable, or collected by a crash reporter). Disable sets
// RLIMIT_CORE to 0, soft and hard, so that no core file is written and the
// process cannot raise the limit again.
package nocore

// Disable turns core dumps off for this process (and the processes it
// starts). Where the platform has no core-size limit it does nothing.
func Disable() error { return disable() }
