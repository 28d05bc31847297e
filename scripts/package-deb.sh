#!/usr/bin/env bash
# package-deb.sh writes dist/oauthdesk_VERSION_ARCH.deb from bin/oauthdesk
# and bin/oauthdesk-gui (scripts/package.sh builds them first):
#   /usr/bin/oauthdesk, /usr/bin/oauthdesk-gui (the CLI starts the app
#   beside it), a .desktop entry, and the icon in the hicolor theme.
# Depends names what the app loads at run time: libGL (Mesa, which falls
# back to software rendering), and the X libraries glfw needs, some of
# which it dlopens (so they are not all in the binary's NEEDED list):
# libX11, libXcursor, libXrandr, libXinerama, libXi, libXxf86vm.
# Recommends: gnome-keyring (the Secret Service the tokens go to; any
# other Secret Service works too), fonts-noto-cjk (Korean, Chinese and
# Japanese text in the window), xdg-utils (xdg-open, for the browser).
# It fails if a library in either binary's NEEDED list comes from a
# package that Depends does not name, so the list cannot fall behind.
set -euo pipefail
cd "$(dirname "$0")/.."

version="$(sed -n 's/^[[:space:]]*Version[[:space:]]*=[[:space:]]*"\(.*\)"/\1/p' FyneApp.toml)"
arch="$(dpkg --print-architecture)"
depends=(libgl1 libx11-6 libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1)
recommends=(gnome-keyring fonts-noto-cjk xdg-utils)

# glibc: the newest symbol version either binary needs.
glibc="$(objdump -T bin/oauthdesk bin/oauthdesk-gui | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n1)"

# Every NEEDED library must come from libc6 or a package in Depends.
for lib in $(objdump -p bin/oauthdesk bin/oauthdesk-gui | awk '$1 == "NEEDED" { print $2 }' | sort -u); do
	path="$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64|x86_64|AArch64|64bit/ { print $NF; exit }')"
	[ -n "$path" ] || path="$(ldconfig -p | awk -v l="$lib" '$1 == l { print $NF; exit }')"
	pkg="$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -n1 | cut -d: -f1)" || true
	[ -n "$pkg" ] || pkg="$(dpkg -S "$path" 2>/dev/null | head -n1 | cut -d: -f1)" || true
	case " libc6 ${depends[*]} " in
	*" $pkg "*) ;;
	*)
		echo "package-deb.sh: $lib (from package ${pkg:-unknown}) is needed but not in Depends: add it to depends in $0" >&2
		exit 1
		;;
	esac
done

work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
root="$work/root"
install -D -m 755 bin/oauthdesk "$root/usr/bin/oauthdesk"
install -D -m 755 bin/oauthdesk-gui "$root/usr/bin/oauthdesk-gui"
install -D -m 644 assets/icon.png "$root/usr/share/icons/hicolor/512x512/apps/oauthdesk.png"
install -d "$root/usr/share/applications" "$root/usr/share/doc/oauthdesk" "$root/DEBIAN"
cat >"$root/usr/share/applications/oauthdesk.desktop" <<'EOF'
[Desktop Entry]
Type=Application
Name=oauthdesk
Comment=Sign in to OAuth 2.0 and OpenID Connect providers and see what came back
Exec=oauthdesk-gui
Icon=oauthdesk
Terminal=false
Categories=Development;Network;
EOF
cp README.md "$root/usr/share/doc/oauthdesk/README.md"

join() { local IFS=,; echo "$*" | sed 's/,/, /g'; }
cat >"$root/DEBIAN/control" <<EOF
Package: oauthdesk
Version: $version
Architecture: $arch
Maintainer: oauthdesk <dev@oauthdesk.invalid>
Installed-Size: $(du -sk --exclude=DEBIAN "$root" | cut -f1)
Depends: libc6 (>= $glibc), $(join "${depends[@]}")
Recommends: $(join "${recommends[@]}")
Section: net
Priority: optional
Description: OAuth 2.0 / OpenID Connect sign-in, desktop app and command line
 oauthdesk signs you in to any OAuth 2.0 / OpenID Connect provider through
 your own browser (loopback redirect, PKCE), keeps the tokens in the OS
 keyring, and shows what came back: token validity, scopes, ID token
 claims, the profile. oauthdesk-gui is the desktop app; oauthdesk the
 command line over the same engine.
EOF

mkdir -p dist
out="dist/oauthdesk_${version}_${arch}.deb"
dpkg-deb --root-owner-group -Zxz --build "$root" "$out" >/dev/null
echo "package-deb.sh: wrote $out ($(du -h "$out" | cut -f1)):"
dpkg-deb --field "$out" Depends Recommends | sed 's/^/  /'
