#!/usr/bin/env bash
# package.sh writes oauthdesk's packages into dist/ (run via `make package`):
#   - oauthdesk_VERSION_ARCH.deb (scripts/package-deb.sh);
#   - oauthdesk-linux-amd64.tar.xz, an installable archive made by
#     `fyne package -os linux` (the desktop app, a .desktop entry and the
#     icon, with a Makefile whose `make install` installs them), with the
#     oauthdesk command line added beside the app;
#   - oauthdesk-windows-amd64.zip (scripts/cross.sh, then
#     scripts/package-windows.sh).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/go-env.sh
go_env_use
fyne=$(command -v fyne || echo "$(go env GOPATH)/bin/fyne")
if [ ! -x "$fyne" ]; then
	go install fyne.io/tools/cmd/fyne@v1.7.4
	fyne="$(go env GOPATH)/bin/fyne"
fi
go build -o bin/oauthdesk .
# no_emoji leaves out Fyne's 4 MB colour emoji font, which the app does not use:
# each text style would otherwise parse its own copy (about 17 MB of heap).
go build -tags no_emoji -o bin/oauthdesk-gui ./cmd/oauthdesk-gui
bash scripts/package-deb.sh
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# fyne package reads (and rewrites) FyneApp.toml in the source directory:
# give it a copy, so the tree stays clean.
cp FyneApp.toml cmd/oauthdesk-gui/*.go "$work/"
mkdir -p "$work/assets" && cp assets/icon.png "$work/assets/"
cp bin/oauthdesk-gui "$work/"
(cd "$work" && "$fyne" package -os linux --executable oauthdesk-gui --release)
mkdir -p "$work/unpacked" dist
tar -xJf "$work/oauthdesk.tar.xz" -C "$work/unpacked"
cp bin/oauthdesk "$work/unpacked/oauthdesk-gui/usr/local/bin/oauthdesk"
# The archive has no package manager to declare dependencies to: say them.
mkdir -p "$work/unpacked/oauthdesk-gui/usr/local/share/doc/oauthdesk"
cat >"$work/unpacked/oauthdesk-gui/usr/local/share/doc/oauthdesk/DEPENDENCIES" <<'DEPS'
Depends: libgl1, libx11-6, libxcursor1, libxrandr2, libxinerama1, libxi6, libxxf86vm1,
 a Secret Service (gnome-keyring or KWallet) for the keyring
Recommends: fonts-noto-cjk (the window bundles every modern Hangul syllable; a
 system CJK font adds Hanja, Chinese and Japanese), xdg-utils
DEPS
tar -cJf dist/oauthdesk-linux-amd64.tar.xz -C "$work/unpacked" oauthdesk-gui
echo "package.sh: wrote dist/oauthdesk-linux-amd64.tar.xz:"
tar -tJf dist/oauthdesk-linux-amd64.tar.xz | sed 's/^/  /'

bash scripts/cross.sh
bash scripts/package-windows.sh
