#!/usr/bin/env bash
# package-windows.sh writes dist/oauthdesk-windows-amd64.zip from
# scripts/cross.sh's Windows builds: a folder oauthdesk/ with
# oauthdesk.exe (the command line; with no arguments it starts the app
# beside it), oauthdesk-gui.exe (the desktop app) and the icon as
# oauthdesk.ico (16 to 256 px, made from assets/icon.png) and oauthdesk.png.
# scripts/package.sh runs cross.sh first.
set -euo pipefail
cd "$(dirname "$0")/.."

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
d="$work/oauthdesk"
mkdir -p "$d" dist
cp bin/cross/oauthdesk-windows-amd64.exe "$d/oauthdesk.exe"
cp bin/cross/oauthdesk-gui-windows-amd64.exe "$d/oauthdesk-gui.exe"
cp assets/icon.png "$d/oauthdesk.png"
convert assets/icon.png -define icon:auto-resize=256,128,64,48,32,16 "$d/oauthdesk.ico"
out="$PWD/dist/oauthdesk-windows-amd64.zip"
rm -f "$out"
(cd "$work" && zip -q -r -9 "$out" oauthdesk)
echo "package-windows.sh: wrote dist/oauthdesk-windows-amd64.zip ($(du -h "$out" | cut -f1)):"
zip -sf "$out" | sed '1d; $d; s/^ */  /'
