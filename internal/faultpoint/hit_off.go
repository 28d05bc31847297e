//go:build !faultinject

package faultpoint

// Hit marks a fault point; in a normal build it does nothing.
func Hit(string) {}

// Enabled reports whether this build can kill itself at a fault point.
const Enabled = false
