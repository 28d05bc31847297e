#!/usr/bin/env bash
# bench/run.sh prints the figures the issues ask for. Run it with
# `make bench`, which builds the binaries and wraps this script in
# scripts/session.sh (a private X display and a real keyring).
#   - CLI: a whole login against the local provider with the scripted
#     browser (median wall time, peak RSS), token with a valid stored token,
#     binary size;
#   - peers: the same login and cached token for oauthdesk beside the
#     peer binaries given by path (KUBELOGIN=, OAUTH2L=, OAUTH2CLI=; a peer
#     not given is skipped), interleaved, with ratios to oauthdesk
#     (bench/peers);
#   - GUI: cold start to the first drawn frame under Xvfb, and idle RSS
#     after 5 s, for oauthdesk and for a bare Fyne window side by side.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p bench/out
go build -o bin/testbrowser ./internal/testbrowser/cmd/testbrowser
go build -o bench/out/barewindow ./bench/barewindow
go build -tags no_emoji -o bin/oauthdesk-gui ./cmd/oauthdesk-gui
go build -o bench/out/clibench ./bench/clibench
go build -o bench/out/peers ./bench/peers

echo "== CLI (go run ./bench/clibench; $(nproc) cores)"
bench/out/clibench -bin bin/oauthdesk -browser bin/testbrowser

echo "== peers (go run ./bench/peers; $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg))"
bench/out/peers -bin bin/oauthdesk -browser bin/testbrowser -runs "${PEER_RUNS:-15}"

# gui_once BIN TITLE prints "startup_ms rss_kb" for one cold start.
gui_once() {
	local bin=$1 title=$2 start end pid rss
	local dir
	dir=$(mktemp -d)
	start=$(date +%s%N)
	OAUTHDESK_CONFIG="$dir/p.toml" OAUTHDESK_DATA_DIR="$dir/data" OAUTHDESK_DEMO_ADDR=127.0.0.1:1 \
		XDG_CONFIG_HOME="$dir/cfg" "$bin" >"$dir/log" 2>&1 &
	pid=$!
	local win=""
	until win=$(xdotool search --onlyvisible --name "^${title}\$" 2>/dev/null | head -n1) && [ -n "$win" ]; do
		if ! kill -0 "$pid" 2>/dev/null; then
			# Keep the whole log: the cause is at its top, the stack below.
			local keep
			keep="bench/out/died-$(basename "$bin")-$(date +%Y%m%dT%H%M%S)-$pid.log"
			cp "$dir/log" "$keep"
			echo "gui_once: $bin exited before its window appeared (run left out); whole log in $keep, its start:" >&2
			head -n 20 "$keep" >&2
			rm -rf "$dir"
			return 1
		fi
		sleep 0.005
	done
	# The window maps black; the first frame is the first dump with a
	# non-zero byte in its last 200 KB (xwd takes about 15 ms a poll).
	until [ "$(xwd -id "$win" -silent 2>/dev/null | tail -c 200000 | tr -d '\0' | head -c1 | wc -c)" = 1 ]; do
		sleep 0.002
	done
	end=$(date +%s%N)
	sleep 5
	rss=$(awk '/VmRSS/ {print $2}' "/proc/$pid/status")
	kill "$pid"; wait "$pid" 2>/dev/null || true
	rm -rf "$dir"
	echo "$(( (end - start) / 1000000 )) $rss"
}

# median reads numbers, one a line, and prints the median.
median() { sort -n | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }

# gui_series BIN TITLE N NAME prints the median start-up time and idle RSS.
gui_series() {
	local bin=$1 title=$2 n=$3 name=$4 i runs
	runs=$(for ((i = 0; i < n; i++)); do gui_once "$bin" "$title"; done)
	local ms rss
	ms=$(awk '{print $1}' <<<"$runs" | median)
	rss=$(awk '{print $2}' <<<"$runs" | median)
	printf '%s: start to first frame %d ms, idle RSS after 5 s %.1f MB (median of %d)\n' "$name" "$ms" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "$n"
}

echo "== GUI (Xvfb, software GL; $(nproc) cores)"
runs=${GUI_RUNS:-5}
gui_series bench/out/barewindow barewindow "$runs" "bare Fyne window"
gui_series bin/oauthdesk-gui oauthdesk "$runs" "oauthdesk"
