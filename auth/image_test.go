package auth

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/color"
	"image/png"
	"net/http"
	"net/http/httptest"
	"testing"

	"oauthdesk/internal/pngbomb"
)

// TestFetchImageRefusesDecompressionBomb: a provider's avatar URL serves
// a 109 KB PNG whose header claims 30000×30000 pixels (900 MB once
// decoded); FetchImage refuses it from the header, before anything
// decodes it, and still fetches an ordinary avatar.
func TestFetchImageRefusesDecompressionBomb(t *testing.T) {
	bomb := pngbomb.New(30000, 30000)
	var small bytes.Buffer
	img := image.NewGray(image.Rect(0, 0, 96, 96))
	img.Set(3, 3, color.White)
	if err := png.Encode(&small, img); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "image/png")
		if r.URL.Path == "/bomb.png" {
			w.Write(bomb)
			return
		}
		w.Write(small.Bytes())
	}))
	defer srv.Close()
	e := testEngine(t, newTestOP(t), nil)

	t.Logf("bomb: %d bytes on the wire", len(bomb))
	if _, err := e.FetchImage(context.Background(), srv.URL+"/bomb.png"); !errors.Is(err, ErrImageTooLarge) {
		t.Fatalf("FetchImage of a 30000×30000 PNG: %v, want ErrImageTooLarge", err)
	}
	b, err := e.FetchImage(context.Background(), srv.URL+"/avatar.png")
	if err != nil || !bytes.Equal(b, small.Bytes()) {
		t.Fatalf("FetchImage of a 96×96 avatar: %v", err)
	}
}
