//go:build !unix

package nocore

func disable() error { return nil }
