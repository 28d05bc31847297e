package provider

import (
	"context"
	"fmt"
	"path/filepath"
	"time"

	"github.com/fsnotify/fsnotify"
)

// settle is how long the file must be quiet before onChange runs: editors
// write a file in several steps (truncate, write, rename).
const settle = 150 * time.Millisecond

// Watch calls onChange, from its own goroutine, each time the file at path
// has changed on disk and then been quiet for a moment, until ctx ends. It
// watches the file's directory, not the file: a save through a rename (as
// oauthdesk and most editors do) replaces the file a watch would be on. It
// returns once the watch is set up.
func Watch(ctx context.Context, path string, onChange func()) error {
	dir, base := filepath.Dir(path), filepath.Base(path)
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watching %s: %w", path, err)
	}
	if err := w.Add(dir); err != nil {
		w.Close()
		return fmt.Errorf("watching %s: %w", path, err)
	}
	go func() {
		defer w.Close()
		var quiet <-chan time.Time
		for {
			select {
			case <-ctx.Done():
				return
			case ev, ok := <-w.Events:
				if !ok {
					return
				}
				if filepath.Base(ev.Name) == base {
					quiet = time.After(settle)
				}
			case _, ok := <-w.Errors:
				if !ok {
					return
				}
			case <-quiet:
				quiet = nil
				onChange()
			}
		}
	}()
	return nil
}
