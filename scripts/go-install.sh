#!/usr/bin/env bash
# go-install.sh makes sure a Go that builds oauthdesk is there (see
# scripts/go-env.sh for which ones qualify); scripts/deps.sh runs it.
#
# When none qualifies, it installs go.mod's `toolchain` (go1.26.x):
#   - a Go 1.21 or newer can fetch any exact toolchain from the Go module
#     proxy (the module golang.org/toolchain, checksum-verified) when asked
#     with GOTOOLCHAIN=go1.26.x on the command itself, which also overrides
#     an environment's GOTOOLCHAIN=local;
#   - if there is no such Go, it installs one from Debian first: bookworm
#     has only Go 1.19, so golang-1.23-go from bookworm-backports (adding
#     that suite to apt's sources if it is not there); on a later Debian,
#     golang-go.
# The toolchain lands in the module cache of the user who runs this, and
# scripts/go-env.sh prefers it from then on.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
. "$here/go-env.sh"
. "$here/apt.sh"

if g="$(go_env_find)"; then
	echo "go-install.sh: using $g ($(go_env_version "$g"))" >&2
	exit 0
fi
pin="$(go_env_pin)"

# go_bootstrap prints a Go that can fetch toolchains (1.21 or newer).
go_bootstrap() {
	local g v
	for g in "$(command -v go 2>/dev/null)" /usr/local/go/bin/go /usr/lib/go-1.*/bin/go /usr/lib/go/bin/go; do
		[ -n "$g" ] && [ -x "$g" ] || continue
		v="$(go_env_version "$g")" || continue
		if go_env_ge "$v" go1.21.0; then
			echo "$g"
			return 0
		fi
	done
	return 1
}

# debian_go installs a bootstrap Go from Debian and prints its path.
debian_go() {
	local codename="" site
	if [ -r /etc/os-release ]; then
		codename="$(. /etc/os-release && echo "${VERSION_CODENAME:-}")"
	fi
	if ! command -v apt-get >/dev/null 2>&1; then
		echo "go-install.sh: no Go $(go_env_min) or newer, and no apt-get to install one: install Go $pin (https://go.dev/dl/) and re-run" >&2
		return 1
	fi
	if ! apt_as_root; then
		echo "go-install.sh: no Go $(go_env_min) or newer, and I cannot install one (not root, and no password-less sudo)." >&2
		echo "  As root, run scripts/deps.sh; or install Go $pin yourself (https://go.dev/dl/) and put its bin first on PATH." >&2
		return 1
	fi
	if [ "$codename" != bookworm ]; then
		apt_install golang-go >&2
		echo /usr/bin/go
		return 0
	fi
	apt_update >&2
	if ! apt-cache policy golang-1.23-go 2>/dev/null | grep -q 'Candidate: [0-9]'; then
		site="$(apt-get indextargets --format '$(SITE) $(RELEASE)' 2>/dev/null |
			awk '$2 == "bookworm" { print $1; exit }')"
		site="${site:-http://deb.debian.org/debian}"
		echo "go-install.sh: adding bookworm-backports ($site) to apt's sources, for golang-1.23-go" >&2
		echo "deb $site bookworm-backports main" |
			"${apt_root[@]}" tee /etc/apt/sources.list.d/oauthdesk-bookworm-backports.list >/dev/null
		apt_update force >&2
	fi
	apt_install -t bookworm-backports golang-1.23-go >&2
	echo /usr/lib/go-1.23/bin/go
}

if ! boot="$(go_bootstrap)"; then
	boot="$(debian_go)"
fi
echo "go-install.sh: fetching Go $pin through the Go module proxy with $boot ($(go_env_version "$boot"))" >&2
start=$SECONDS
if ! goroot="$(cd / && GOTOOLCHAIN="$pin" "$boot" env GOROOT)"; then
	echo "go-install.sh: $boot could not fetch $pin (is the Go module proxy reachable? GOPROXY=$(cd / && GOTOOLCHAIN=local "$boot" env GOPROXY))" >&2
	exit 1
fi
if ! g="$(go_env_find)"; then
	echo "go-install.sh: fetched $pin into $goroot, but it does not run there" >&2
	exit 1
fi
echo "go-install.sh: installed $(go_env_version "$g") in $goroot ($((SECONDS - start)) s)" >&2
