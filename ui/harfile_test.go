package ui

import (
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/storage"
	"fyne.io/fyne/v2/test"

	"oauthdesk/auth"
)

// TestHARExportIsPrivate: the HAR file the export writes (through Fyne's
// storage, as the save dialog hands it over) is mode 0600, a revealed one
// with its tokens included, even where the umask would make it 0644.
func TestHARExportIsPrivate(t *testing.T) {
	test.NewTempApp(t)
	path := filepath.Join(t.TempDir(), "flow.har")
	w, err := storage.Writer(storage.NewFileURI(path))
	if err != nil {
		t.Fatal(err)
	}
	data, err := flowHAR([]auth.Step{{N: 1, Provider: "demo", Kind: "token", Method: "POST", URL: "http://127.0.0.1/token",
		ResponseBody: []byte(`{"access_token":"AT-revealed"}`)}}, true)
	if err != nil {
		t.Fatal(err)
	}
	if err := saveHAR(w, data); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode().Perm() != 0o600 {
		t.Fatalf("the HAR file is mode %04o, want 0600", fi.Mode().Perm())
	}
	if b, _ := os.ReadFile(path); len(b) != len(data) {
		t.Fatalf("the HAR file holds %d bytes, want %d", len(b), len(data))
	}
}
