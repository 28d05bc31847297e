package ui

import (
	"slices"
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/text/language"

	"oauthdesk/auth"
)

// Issue 11 in the window: "Add from an API URL…" and the API console's
// "Connect to this API…".

const (
	testAPI = "https://api.example.com/v1/data"
	testAS1 = "https://login.example.com"
	testAS2 = "https://sso.partner.example"
)

// withDiscovery makes the fake's API name two authorization servers.
func withDiscovery(fb *fakeBackend, _ time.Time) {
	fb.discovery = &auth.ResourceDiscovery{Resource: testAPI, AuthorizationServers: []string{testAS1, testAS2}, MetadataURL: testAPI + "/meta"}
}

// overlayWidget finds the first widget in the dialogs that match wants.
func overlayWidget[W fyne.CanvasObject](h *harness, match func(W) bool) W {
	h.t.Helper()
	var found W
	ok := false
	for _, r := range h.mw.win.Canvas().Overlays().List() {
		walk(r, func(o fyne.CanvasObject) {
			if w, is := o.(W); is && !ok && match(w) {
				found, ok = w, true
			}
		})
	}
	if !ok {
		h.t.Fatalf("no such widget in the dialogs; the window shows:\n%s", h.text())
	}
	return found
}

func TestAddFromAPIURLLetsThePersonChooseTheServer(t *testing.T) {
	h := newHarness(t, withDiscovery)
	h.tap(T("Add from an API URL…"))
	url := overlayWidget(h, func(e *widget.Entry) bool { return e.PlaceHolder == "https://api.example.com/v1/data" })
	test.Type(url, testAPI)
	h.tap(T("Continue"))
	h.waitText(T("Choose an authorization server"))
	radio := overlayWidget(h, func(r *widget.RadioGroup) bool { return true })
	if !slices.Equal(radio.Options, []string{testAS1, testAS2}) || radio.Selected != testAS1 {
		t.Fatalf("the choice offers %q with %q selected", radio.Options, radio.Selected)
	}
	radio.SetSelected(testAS2)
	h.tap(T("Continue"))
	h.waitFor("the sign-in to start", func() bool {
		select {
		case id := <-h.fb.loginStarted:
			return id == "api-example-com"
		default:
			return false
		}
	})
	h.fb.mu.Lock()
	defer h.fb.mu.Unlock()
	if len(h.fb.connects) != 1 || h.fb.connects[0].AuthorizationServer != testAS2 || h.fb.connects[0].Discovery == nil || h.fb.connects[0].URL != testAPI {
		t.Fatalf("Connect got %+v", h.fb.connects)
	}
}

func TestAddFromAPIURLFailureSavesNothing(t *testing.T) {
	t.Cleanup(func() { setLanguage(language.English) })
	setLanguage(language.Korean)
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		fb.discoverErr = auth.ErrResourceMismatch
	})
	h.tap(T("Add from an API URL…"))
	url := overlayWidget(h, func(e *widget.Entry) bool { return e.PlaceHolder == "https://api.example.com/v1/data" })
	test.Type(url, testAPI)
	h.tap(T("Continue"))
	h.waitText("API에 연결하지 못했습니다", "아무것도 저장하지 않았습니다.")
	if len(h.fb.connects) != 0 {
		t.Fatal("Connect was called after a failed discovery")
	}
}

func TestConsoleOffersConnectForAnAPINoProviderCovers(t *testing.T) {
	h := newHarness(t, func(fb *fakeBackend, now time.Time) {
		signedInDemo(fb, now)
		withDiscovery(fb, now)
	})
	c := showConsole(h)
	h.fb.responses = []*auth.APIResponse{{Status: 401, ResourceMetadata: testAPI + "/meta",
		Header: map[string][]string{"Www-Authenticate": {`Bearer resource_metadata="` + testAPI + `/meta"`}}}}
	c.url.SetText(testAPI)
	h.tap("Send")
	h.waitText(T("Connect to this API…"))
	h.tap(T("Connect to this API…"))
	url := overlayWidget(h, func(e *widget.Entry) bool { return e.PlaceHolder == "https://api.example.com/v1/data" })
	if url.Text != testAPI {
		t.Fatalf("the dialog's URL is %q, want the console's", url.Text)
	}

	// A 401 without resource_metadata offers nothing.
	h.mw.escape()
	h.fb.responses = []*auth.APIResponse{{Status: 401}}
	h.tap("Send")
	h.waitText("401")
	h.settle()
	if strings.Contains(h.text(), T("Connect to this API…")) && c.connectAPI.Visible() {
		t.Fatal("a 401 without resource_metadata offers to connect")
	}
}
