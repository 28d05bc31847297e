package main

import (
	"fmt"
	"os"
	"runtime"
	"time"
)

// benchStatsEnv names a file that the desktop app appends a line of
// figures to every 10 seconds: "UNIX_SECONDS GOROUTINES HEAP_INUSE_BYTES".
// bench/soak.sh reads it to show that the goroutine count stays flat over a
// long run of automatic refreshes; only counts are written, never data.
const benchStatsEnv = "OAUTHDESK_BENCH_STATS"

// startBenchStats starts writing the figures when benchStatsEnv is set.
func startBenchStats() {
	path := os.Getenv(benchStatsEnv)
	if path == "" {
		return
	}
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_APPEND, 0o600)
	if err != nil {
		fmt.Fprintln(os.Stderr, "oauthdesk: "+benchStatsEnv+": "+err.Error())
		return
	}
	go func() {
		var ms runtime.MemStats
		for {
			runtime.ReadMemStats(&ms)
			fmt.Fprintf(f, "%d %d %d\n", time.Now().Unix(), runtime.NumGoroutine(), ms.HeapInuse)
			time.Sleep(10 * time.Second)
		}
	}()
}
