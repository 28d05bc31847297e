#!/usr/bin/env bash
# cross.sh builds oauthdesk for the other desktop platforms into bin/cross/
# and prints each binary's size; scripts/test.sh runs it, and
# scripts/package.sh zips the Windows pair from it.
#   - the command line (pure Go, CGO_ENABLED=0) for windows/amd64,
#     darwin/arm64 and darwin/amd64;
#   - the desktop app for windows/amd64 (Fyne needs cgo: Debian's mingw-w64
#     cross compiler, x86_64-w64-mingw32-gcc from gcc-mingw-w64-x86-64),
#     linked as a GUI program (-H=windowsgui: no console window).
# A macOS desktop app needs Apple's SDK and is not built here. These are
# build checks: nothing here can run a Windows or macOS binary (Debian's
# wine 8 cannot run Go 1.26 programs).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/go-env.sh
go_env_use

out=bin/cross
mkdir -p "$out"

for target in windows/amd64 darwin/arm64 darwin/amd64; do
	goos="${target%/*}" goarch="${target#*/}"
	exe=""
	[ "$goos" = windows ] && exe=.exe
	CGO_ENABLED=0 GOOS="$goos" GOARCH="$goarch" \
		go build -o "$out/oauthdesk-$goos-$goarch$exe" .
done

cc=x86_64-w64-mingw32-gcc
if ! command -v "$cc" >/dev/null 2>&1; then
	echo "cross.sh: $cc not found: run scripts/deps.sh (Debian package gcc-mingw-w64-x86-64)" >&2
	exit 1
fi
# no_emoji: as for the Linux build (Fyne's emoji font is not used).
CGO_ENABLED=1 GOOS=windows GOARCH=amd64 CC="$cc" \
	go build -tags no_emoji -ldflags '-H=windowsgui' \
	-o "$out/oauthdesk-gui-windows-amd64.exe" ./cmd/oauthdesk-gui

# u32 FILE OFFSET prints the little-endian 32-bit word at OFFSET.
u32() { od -An -t u4 -j "$2" -N 4 "$1" | tr -d ' '; }

# check FILE KIND says what FILE is and fails unless it is KIND: a Windows
# PE (the subsystem: 2 is a GUI program, 3 a console one) or a 64-bit
# Mach-O for the given CPU (7: x86_64, 16777223; 12: arm64, 16777228).
check() {
	local f=$1 kind=$2 got pe
	case "$(od -An -t x1 -N 4 "$f" | tr -d ' ')" in
	4d5a*)
		pe=$(u32 "$f" 60)
		# PE signature (4) + COFF header (20), then the optional header,
		# whose 16-bit Subsystem field is at 68.
		case "$(od -An -t u2 -j $((pe + 24 + 68)) -N 2 "$f" | tr -d ' ')" in
		2) got=windows-gui ;;
		3) got=windows-console ;;
		*) got=windows-other ;;
		esac
		;;
	cffaedfe)
		case "$(u32 "$f" 4)" in
		16777223) got=macos-amd64 ;;
		16777228) got=macos-arm64 ;;
		*) got=macos-other ;;
		esac
		;;
	*) got=unknown ;;
	esac
	printf 'cross.sh: %-36s %6.1f MB  %s\n' "$(basename "$f")" \
		"$(awk -v b="$(stat -c %s "$f")" 'BEGIN { print b / 1e6 }')" "$got"
	if [ "$got" != "$kind" ]; then
		echo "cross.sh: $f is $got, want $kind" >&2
		return 1
	fi
}

check "$out/oauthdesk-windows-amd64.exe" windows-console
check "$out/oauthdesk-darwin-arm64" macos-arm64
check "$out/oauthdesk-darwin-amd64" macos-amd64
check "$out/oauthdesk-gui-windows-amd64.exe" windows-gui
