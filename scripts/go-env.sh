#!/usr/bin/env bash
# go-env.sh picks the Go that builds oauthdesk and puts it first on PATH.
# The other scripts source it:
#
#   . scripts/go-env.sh
#   go_env_use || exit 1     # PATH starts with a Go new enough for go.mod
#
# Run on its own, `bash scripts/go-env.sh` prints the directory of that go
# (and fails with a message if there is none).
#
# A Go qualifies when `go version` (run with GOTOOLCHAIN=local, so that no
# Go switches to another on the way) is at least go.mod's `go` line. The
# candidates, first that qualifies wins:
#   1. go.mod's `toolchain` (go1.26.x) as scripts/deps.sh installs it, from
#      the Go module proxy into the module cache (golang.org/toolchain);
#   2. `go` on PATH;
#   3. /usr/local/go/bin/go (the upstream tarball's place).
# The one picked is prepended to PATH (so a Debian /usr/bin/go 1.19 further
# up cannot win) and GOTOOLCHAIN=local is exported, so that exactly that Go
# runs. go_env_install (scripts/deps.sh) installs the toolchain when none
# qualifies.

# go_env_root is the repository (where go.mod is).
go_env_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

# go_env_mod_line KEY prints go.mod's value for KEY ("go" or "toolchain").
go_env_mod_line() {
	sed -n "s/^$1[[:space:]]\{1,\}\([^[:space:]]*\).*/\1/p" "$go_env_root/go.mod" | head -n1
}

# go_env_min prints the oldest Go that builds the module (go.mod's go line).
go_env_min() { echo "go$(go_env_mod_line go)"; }

# go_env_pin prints the toolchain go.mod pins (its toolchain line, else the
# go line).
go_env_pin() {
	local t
	t="$(go_env_mod_line toolchain)"
	[ -n "$t" ] || t="$(go_env_min)"
	echo "$t"
}

# go_env_num VERSION prints goX.Y.Z[rcN] as a sortable "X Y Z"; a
# pre-release (go1.26rc1) sorts before its .0 release.
go_env_num() {
	local v="${1#go}" major minor patch
	if [[ "$v" =~ ^([0-9]+)\.([0-9]+)\.([0-9]+)$ ]]; then
		major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=${BASH_REMATCH[3]}
	elif [[ "$v" =~ ^([0-9]+)\.([0-9]+)$ ]]; then
		major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=0
	elif [[ "$v" =~ ^([0-9]+)\.([0-9]+)(rc|beta)[0-9]+$ ]]; then
		major=${BASH_REMATCH[1]} minor=${BASH_REMATCH[2]} patch=-1
	else
		return 1
	fi
	echo "$major $minor $patch"
}

# go_env_ge A B succeeds when Go version A is at least B.
go_env_ge() {
	local a b
	a=($(go_env_num "$1")) || return 1
	b=($(go_env_num "$2")) || return 1
	local i
	for i in 0 1 2; do
		((a[i] > b[i])) && return 0
		((a[i] < b[i])) && return 1
	done
	return 0
}

# go_env_version GO prints GO's version (go1.26.8), asking it with
# GOTOOLCHAIN=local so that it reports itself, not a toolchain it would
# switch to.
go_env_version() {
	local out
	out="$(cd / && GOTOOLCHAIN=local "$1" version 2>/dev/null)" || return 1
	out="${out#go version }"
	echo "${out%% *}"
}

# go_env_platform prints the toolchain module's platform suffix (linux-amd64).
go_env_platform() {
	local arch
	case "$(uname -m)" in
	x86_64 | amd64) arch=amd64 ;;
	aarch64 | arm64) arch=arm64 ;;
	i?86) arch=386 ;;
	armv6* | armv7*) arch=armv6l ;;
	*) arch="$(uname -m)" ;;
	esac
	echo "$(uname -s | tr '[:upper:]' '[:lower:]')-$arch"
}

# go_env_modcache prints the module cache directory, asking a Go if there
# is one (go env may have moved it), else Go's default.
go_env_modcache() {
	local g
	for g in "$(command -v go 2>/dev/null)" /usr/local/go/bin/go /usr/lib/go-1.*/bin/go; do
		if [ -n "$g" ] && [ -x "$g" ]; then
			(cd / && GOTOOLCHAIN=local "$g" env GOMODCACHE 2>/dev/null) && return 0
		fi
	done
	if [ -n "${GOMODCACHE:-}" ]; then
		echo "$GOMODCACHE"
	else
		local gopath="${GOPATH:-$HOME/go}"
		echo "${gopath%%:*}/pkg/mod"
	fi
}

# go_env_pinned_go prints where deps.sh installs the pinned toolchain's go.
go_env_pinned_go() {
	echo "$(go_env_modcache)/golang.org/toolchain@v0.0.1-$(go_env_pin).$(go_env_platform)/bin/go"
}

# go_env_find prints the first qualifying go (see the top of this file).
go_env_find() {
	local min g v
	min="$(go_env_min)"
	for g in "$(go_env_pinned_go)" "$(command -v go 2>/dev/null)" /usr/local/go/bin/go; do
		[ -n "$g" ] && [ -x "$g" ] || continue
		v="$(go_env_version "$g")" || continue
		if go_env_ge "$v" "$min"; then
			echo "$g"
			return 0
		fi
	done
	return 1
}

# go_env_use puts the qualifying go first on PATH and exports
# GOTOOLCHAIN=local; without one it says how to get one and fails.
go_env_use() {
	local g dir
	if ! g="$(go_env_find)"; then
		echo "go-env.sh: no Go $(go_env_min) or newer found (tried go.mod's toolchain $(go_env_pin) in the module cache, go on PATH$(v="$(go_env_version "$(command -v go 2>/dev/null)")" && echo " ($v)"), /usr/local/go/bin/go)." >&2
		echo "go-env.sh: scripts/deps.sh installs it: as root or with password-less sudo, it installs Debian's golang-1.23-go (bookworm-backports), which fetches $(go_env_pin) from the Go module proxy." >&2
		return 1
	fi
	dir="$(dirname "$g")"
	case ":$PATH:" in
	":$dir:"*) ;;
	*) PATH="$dir:$PATH" ;;
	esac
	export PATH GOTOOLCHAIN=local
}

# When run rather than sourced: print the chosen go's directory.
if [ "${BASH_SOURCE[0]}" = "$0" ]; then
	set -euo pipefail
	g="$(go_env_find)" || { go_env_use; exit 1; }
	dirname "$g"
fi
