#!/usr/bin/env bash
# bench/soak.sh runs the desktop app with automatic refresh on against a
# local provider whose access tokens live 5 seconds, and prints the app's
# RSS and goroutine count every 30 s, and at the end their growth from the
# first minute's figures (the issue's "flat": no more than 5 %).
#
#   bash scripts/session.sh bash bench/soak.sh [MINUTES]   (default 30)
#
# A bench script for notes, not a test. The app refreshes at most every
# 30 s (ui/autorefresh.go autoRefreshGap), so a 5-second token is renewed
# about twice a minute; the count of renewals is taken from the token's
# expiry as `oauthdesk status` reads it (which does not refresh).
set -euo pipefail
cd "$(dirname "$0")/.."
minutes=${1:-30}
mkdir -p bench/out bin
go build -o bin/oauthdesk .
go build -o bin/testbrowser ./internal/testbrowser/cmd/testbrowser
go build -tags no_emoji -o bin/oauthdesk-gui ./cmd/oauthdesk-gui
go build -o bench/out/soakidp ./bench/soakidp

dir=$(mktemp -d)
idp_pid="" gui_pid=""
cleanup() {
	[ -n "$gui_pid" ] && kill "$gui_pid" 2>/dev/null || true
	[ -n "$idp_pid" ] && kill "$idp_pid" 2>/dev/null || true
	wait 2>/dev/null || true
	rm -rf "$dir"
}
trap cleanup EXIT

bench/out/soakidp -ttl 5s >"$dir/issuer" 2>"$dir/idp.log" &
idp_pid=$!
until [ -s "$dir/issuer" ]; do
	kill -0 "$idp_pid" 2>/dev/null || { cat "$dir/idp.log" >&2; exit 1; }
	sleep 0.05
done
issuer=$(head -n1 "$dir/issuer")

export OAUTHDESK_CONFIG="$dir/providers.toml" OAUTHDESK_DATA_DIR="$dir/data"
export XDG_CONFIG_HOME="$dir/cfg" XDG_CACHE_HOME="$dir/cache"
export BROWSER="$PWD/bin/testbrowser" OAUTHDESK_DEMO_ADDR=127.0.0.1:1
cat >"$OAUTHDESK_CONFIG" <<TOML
[[providers]]
id = "soak"
preset = "oidc"
issuer = "$issuer"
client_id = "oauthdesk-demo"
scopes = ["openid", "offline_access"]
TOML
bin/oauthdesk login soak >/dev/null
# Automatic refresh on for the provider, as the window's toggle leaves it.
mkdir -p "$XDG_CONFIG_HOME/fyne/dev.oauthdesk.app"
echo '{"autorefresh.soak":true}' >"$XDG_CONFIG_HOME/fyne/dev.oauthdesk.app/preferences.json"

OAUTHDESK_BENCH_STATS="$dir/stats" bin/oauthdesk-gui >"$dir/gui.log" 2>&1 &
gui_pid=$!

expiry() { bin/oauthdesk status soak 2>/dev/null | sed -n 's/^  expires: *//p'; }

echo "soak: $minutes min, 5 s tokens, load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) cores"
printf '%8s %9s %10s %8s %10s\n' "elapsed" "RSS MB" "goroutines" "threads" "renewals"
start=$(date +%s) renewals=0 last_exp=$(expiry) first_rss="" first_g="" max_rss=0 max_g=0
end=$((start + minutes * 60))
while [ "$(date +%s)" -lt "$end" ]; do
	sleep 30
	kill -0 "$gui_pid" 2>/dev/null || { echo "soak: the app exited; its log:" >&2; tail -n 20 "$dir/gui.log" >&2; exit 1; }
	rss=$(awk '/VmRSS/ {print $2}' "/proc/$gui_pid/status")
	thr=$(awk '/Threads/ {print $2}' "/proc/$gui_pid/status")
	g=$(tail -n1 "$dir/stats" 2>/dev/null | awk '{print $2}')
	exp=$(expiry)
	[ "$exp" != "$last_exp" ] && renewals=$((renewals + 1)) && last_exp=$exp
	el=$(($(date +%s) - start))
	printf '%7ss %9.1f %10s %8s %10s\n' "$el" "$(awk -v k="$rss" 'BEGIN{print k/1024}')" "${g:--}" "$thr" "$renewals"
	# The baseline is taken after the first minute (start-up settled).
	if [ -z "$first_rss" ] && [ "$el" -ge 60 ]; then first_rss=$rss first_g=$g; fi
	[ "$rss" -gt "$max_rss" ] && max_rss=$rss
	[ -n "$g" ] && [ "$g" -gt "$max_g" ] && max_g=$g
done
echo "soak: $(( ($(date +%s) - start) / 60 )) min, $renewals renewals seen, load average $(cut -d' ' -f1-3 /proc/loadavg)"
if [ -n "$first_rss" ]; then
	awk -v a="$first_rss" -v b="$rss" -v m="$max_rss" 'BEGIN{printf "RSS: %.1f MB at 1 min, %.1f MB at the end (%+.1f %%), max %.1f MB\n", a/1024, b/1024, (b-a)*100/a, m/1024}'
	awk -v a="$first_g" -v b="$g" -v m="$max_g" 'BEGIN{printf "goroutines: %d at 1 min, %d at the end (%+.1f %%), max %d\n", a, b, (b-a)*100/a, m}'
fi
