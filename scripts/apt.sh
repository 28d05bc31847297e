#!/usr/bin/env bash
# apt.sh, sourced by scripts/deps.sh and scripts/go-install.sh: installs
# Debian packages the way both need.
#
#   . scripts/apt.sh
#   apt_missing PKG...          # prints those of PKG that are not installed
#   apt_install PKG...          # installs them (apt-get update first, once)
#   apt_install -t SUITE PKG... # from a suite such as bookworm-backports
#
# As root it runs apt-get directly; otherwise through sudo when that works
# without a password; otherwise it prints the command to run and fails.
# apt-get waits up to 10 minutes for another apt or dpkg to finish instead
# of failing at once on the lock.

apt_updated=""

# apt_missing PKG... prints each PKG that dpkg does not list as installed.
apt_missing() {
	local p status
	for p in "$@"; do
		status="$(dpkg-query -W -f='${db:Status-Abbrev}' "$p" 2>/dev/null || true)"
		[ "${status:0:2}" = "ii" ] || printf '%s\n' "$p"
	done
}

# apt_as_root sets the array apt_root to the command prefix that runs a
# command as root, or fails when there is none.
apt_as_root() {
	if [ "$(id -u)" -eq 0 ]; then
		apt_root=()
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
		apt_root=(sudo -n)
	else
		return 1
	fi
}

# apt_get ARGS... runs apt-get as root, non-interactively.
apt_get() {
	"${apt_root[@]}" env DEBIAN_FRONTEND=noninteractive \
		apt-get -q -o DPkg::Lock::Timeout=600 "$@"
}

# apt_update runs apt-get update (once per run unless FORCE is given).
apt_update() {
	if [ -z "$apt_updated" ] || [ "${1:-}" = force ]; then
		apt_get update
		apt_updated=1
	fi
}

# apt_install [-t SUITE] PKG... installs PKG without recommended extras.
apt_install() {
	local suite=()
	if [ "${1:-}" = -t ]; then
		suite=(-t "$2")
		shift 2
	fi
	if ! apt_as_root; then
		echo "apt.sh: these Debian packages are missing and I cannot install them (not root, and no password-less sudo):" >&2
		echo "  sudo apt-get install --no-install-recommends ${suite[*]:+${suite[*]} }$*" >&2
		return 1
	fi
	echo "apt.sh: installing $*${suite[*]:+ (from ${suite[1]})}" >&2
	apt_update
	apt_get install -y --no-install-recommends "${suite[@]}" "$@"
}
