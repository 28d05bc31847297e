package main

import (
	"fmt"
	"slices"
	"time"
)

// sample is one timed run.
type sample struct {
	wall time.Duration
	rss  int64 // peak resident set, bytes
}

// series is one tool's runs of one path.
type series []sample

func (s *series) add(m sample) { *s = append(*s, m) }

// pct is the p-th percentile wall time (nearest rank below).
func (s series) pct(p int) time.Duration {
	w := make([]time.Duration, len(s))
	for i, m := range s {
		w[i] = m.wall
	}
	slices.Sort(w)
	return w[(len(w)-1)*p/100]
}

// rss is the median peak RSS in MB.
func (s series) rss() float64 {
	r := make([]int64, len(s))
	for i, m := range s {
		r[i] = m.rss
	}
	slices.Sort(r)
	return float64(r[(len(r)-1)/2]) / (1 << 20)
}

// report prints one path's table; ratios are to the first tool (oauthdesk).
func report(title string, ts []tool, ss []series) {
	fmt.Println("== " + title)
	fmt.Printf("%-20s %9s %9s %10s %9s %9s\n", "tool", "median", "p90", "peak RSS", "time ÷ od", "RSS ÷ od")
	base := ss[0]
	for i, t := range ts {
		s := ss[i]
		if len(s) == 0 {
			fmt.Printf("%-20s %9s\n", t.name, "—")
			continue
		}
		fmt.Printf("%-20s %9s %9s %7.1f MB %9.2f %9.2f\n", t.name, ms(s.pct(50)), ms(s.pct(90)), s.rss(),
			float64(s.pct(50))/float64(base.pct(50)), s.rss()/base.rss())
	}
}

// ms prints a duration in milliseconds with one decimal.
func ms(d time.Duration) string { return fmt.Sprintf("%.1f ms", float64(d)/float64(time.Millisecond)) }
