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

// formatRemaining says how long until d has passed, or since it passed, in
// the window's language: "in 59m 12s", "5m 02s ago", "now"; in Korean
// "59분 12초 후", "5분 2초 전", "지금".
func formatRemaining(d time.Duration) string {
	if d > -time.Second && d < time.Second {
		return T("now")
	}
	if d < 0 {
		return T("{{.Span}} ago", "Span", formatSpan(-d))
	}
	return T("in {{.Span}}", "Span", formatSpan(d))
}

// formatSpan renders a non-negative duration in its two largest units:
// "3d 4h", "2h 03m", "59m 12s", "12s"; in Korean "3일 4시간", "2시간 3분",
// "59분 12초", "12초".
func formatSpan(d time.Duration) string {
	d = d.Truncate(time.Second)
	days := int(d / (24 * time.Hour))
	h := int(d/time.Hour) % 24
	m := int(d/time.Minute) % 60
	s := int(d/time.Second) % 60
	if korean() {
		switch {
		case days > 0:
			return fmt.Sprintf("%d일 %d시간", days, h)
		case h > 0:
			return fmt.Sprintf("%d시간 %d분", h, m)
		case m > 0:
			return fmt.Sprintf("%d분 %d초", m, s)
		}
		return fmt.Sprintf("%d초", s)
	}
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
// today: "2006-01-02 15:04:05" in English, "2006. 1. 2. 15:04:05" (the
// Korean date order, as CLDR's ko yMd) in Korean.
func formatTime(t, now time.Time) string {
	t, now = t.Local(), now.Local()
	if t.Year() == now.Year() && t.YearDay() == now.YearDay() {
		return t.Format("15:04:05")
	}
	if korean() {
		return t.Format("2006. 1. 2. 15:04:05")
	}
	return t.Format("2006-01-02 15:04:05")
}

// formatTimeFull renders an instant in local time with date and zone.
func formatTimeFull(t time.Time) string {
	if korean() {
		return t.Local().Format("2006. 1. 2. 15:04:05 MST")
	}
	return t.Local().Format("2006-01-02 15:04:05 MST")
}
