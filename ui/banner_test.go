package ui

import (
	"testing"

	"fyne.io/fyne/v2/test"
)

// TestErrorLinkOpensThroughTheBackend (issue 7 item 2): the provider's
// error_uri opens through Backend.OpenURL (which gates what reaches a
// browser), never through Fyne's own opener, and only https or loopback
// http is shown at all.
func TestErrorLinkOpensThroughTheBackend(t *testing.T) {
	test.NewTempApp(t)
	b := newErrorBanner(func(errorAction) {}, func() {})
	var opened []string
	b.onOpen = func(u string) { opened = append(opened, u) }
	b.show(errorInfo{Title: "x", URI: "https://example.com/e"})
	if !b.link.Visible() || b.link.OnTapped == nil {
		t.Fatal("an https error_uri is not offered")
	}
	b.link.OnTapped()
	if len(opened) != 1 || opened[0] != "https://example.com/e" {
		t.Fatalf("opened %v", opened)
	}
	for _, hostile := range []string{"javascript:alert(1)", "file:///etc/passwd", "http://evil.example/e", "--gpu-launcher=/bin/sh", "https:opaque"} {
		b.show(errorInfo{Title: "x", URI: hostile})
		if b.link.Visible() {
			t.Errorf("error_uri %q is offered as a link", hostile)
		}
	}
}
