package ui

import (
	"fmt"
	"sync"
	"time"
)

// startTicker calls fn on the UI goroutine (through do) every interval until
// the returned stop is called. stop may be called more than once.
func startTicker(do func(func()), every time.Duration, fn func()) (stop func()) {
	t := time.NewTicker(every)
	done := make(chan struct{})
	go func() {
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				do(func() {
					select {
					case <-done: // stopped while the call was queued
					default:
						fn()
					}
				})
			}
		}
	}()
	var once sync.Once
	return func() { once.Do(func() { close(done) }) }
}

// formatRemaining says how long until d has passed, or since it passed:
// "in 59m 12s", "in 2h 03m", "in 3d 4h", "5m 02s ago", "now".
func formatRemaining(d time.Duration) string {
	if d > -time.Second && d < time.Second {
		return "now"
	}
	if d < 0 {
		return formatSpan(-d) + " ago"
	}
	return "in " + formatSpan(d)
}

// formatSpan renders a non-negative duration in its two largest units.
func formatSpan(d time.Duration) string {
	d = d.Truncate(time.Second)
	days := int(d / (24 * time.Hour))
	h := int(d/time.Hour) % 24
	m := int(d/time.Minute) % 60
	s := int(d/time.Second) % 60
	switch {
	case days > 0:
		return fmt.Sprintf("%dd %dh", days, h)
	case h > 0:
		return fmt.Sprintf("%dh %02dm", h, m)
	case m > 0:
		return fmt.Sprintf("%dm %02ds", m, s)
	}
	return fmt.Sprintf("%ds", s)
}

// formatTime renders an instant in local time, with the date unless it is
// today.
func formatTime(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	if t.Year() == now.Year() && t.YearDay() == now.YearDay() {
		return t.Format("15:04:05")
	}
	return t.Format("2006-01-02 15:04:05")
}

// formatTimeFull renders an instant in local time with date and zone.
func formatTimeFull(t time.Time) string {
	return t.Local().Format("2006-01-02 15:04:05 MST")
}
