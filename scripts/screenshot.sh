#!/usr/bin/env bash
# screenshot.sh OUT.png: takes the README's screenshot from the real app.
# It starts bin/oauthdesk-gui in a throw-away profile, signs in to the demo
# provider with the scripted browser, and captures the window. Run it
# through `make screenshot` (inside scripts/session.sh: Xvfb + keyring).
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-docs/screenshot.png}
mkdir -p "$(dirname "$out")"
go build -o bin/testbrowser ./internal/testbrowser/cmd/testbrowser
tmp=$(mktemp -d)
trap 'kill "$pid" 2>/dev/null || true; rm -rf "$tmp"' EXIT
export OAUTHDESK_CONFIG="$tmp/providers.toml" OAUTHDESK_DATA_DIR="$tmp/data" \
	OAUTHDESK_DEMO_ADDR=127.0.0.1:47392 XDG_CACHE_HOME="$tmp/cache" \
	BROWSER="$PWD/bin/testbrowser" LANG=en_US.UTF-8
bin/oauthdesk-gui >"$tmp/app.log" 2>&1 &
pid=$!
for _ in $(seq 200); do
	win=$(xdotool search --onlyvisible --name '^oauthdesk$' 2>/dev/null | head -n1 || true)
	[ -n "$win" ] && break
	sleep 0.05
done
[ -n "$win" ] || { cat "$tmp/app.log"; echo "screenshot.sh: no window" >&2; exit 1; }
xdotool mousemove --window "$win" 400 300
sleep 0.3
xdotool key --window "$win" ctrl+l
for _ in $(seq 150); do
	bin/oauthdesk status demo --json 2>/dev/null | grep -q '"signed_in": true' && break
	sleep 0.2
done
sleep 2
import -window "$win" "$out"
echo "screenshot.sh: wrote $out"
bin/oauthdesk logout demo >/dev/null 2>&1 || true
