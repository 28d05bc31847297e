#!/usr/bin/env bash
# session.sh CMD [ARGS...] runs CMD inside a private, throw-away desktop
# session, so that oauthdesk's tests can use a real X display and a real OS
# keyring on a headless machine without touching the person's own:
#
#   - throw-away XDG_DATA_HOME, XDG_CONFIG_HOME, XDG_RUNTIME_DIR (mode 700)
#     and XDG_CACHE_HOME (Go's build cache, module cache and settings stay
#     where they are: GOCACHE and GOENV are pinned first, HOME is unchanged);
#   - an Xvfb on a free display (DISPLAY is exported);
#   - a private D-Bus session bus (dbus-run-session) with gnome-keyring's
#     Secret Service started and its login keyring unlocked with a random
#     password;
#   - OAUTHDESK_REQUIRE_KEYRING=1, so keyring tests fail instead of skipping.
#
# When CMD ends, everything started for the session is stopped, the
# temporary directories are removed, and session.sh exits with CMD's exit
# code. Ctrl-C, SIGTERM or SIGHUP stop CMD and clean up the same way. Run
# inside another session.sh, it just runs CMD.
#
# Needs: Xvfb, xdpyinfo, dbus-run-session, dbus-send, gnome-keyring-daemon
# (scripts/deps.sh installs them on Debian).
set -euo pipefail

self="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/$(basename "${BASH_SOURCE[0]}")"

die() {
	printf 'session.sh: %s\n' "$*" >&2
	exit 1
}

# log_tail FILE prints the end of a log file, indented, if it has anything.
log_tail() {
	if [ -s "$1" ]; then
		tail -n 20 "$1" | sed 's/^/    /' >&2
	fi
}

# ---------------------------------------------------------------------------
# Inner stage: runs inside dbus-run-session, with the X display already up.
# Starts and unlocks gnome-keyring, waits for it, runs CMD.
# ---------------------------------------------------------------------------
inner() {
	local dir="$OAUTHDESK_SESSION_DIR" keyring_pid="" pw out i rc
	unset OAUTHDESK_SESSION_STAGE

	inner_cleanup() {
		if [ -n "$keyring_pid" ] && kill -0 "$keyring_pid" 2>/dev/null; then
			kill "$keyring_pid" 2>/dev/null || true
		fi
	}
	trap inner_cleanup EXIT
	trap 'exit 129' HUP
	trap 'exit 130' INT
	trap 'exit 143' TERM

	# The password only has to be non-empty: with an empty one no login
	# collection is created and go-keyring cannot unlock anything.
	pw="$(od -An -N12 -tx1 /dev/urandom | tr -d ' \n')"
	if ! printf '%s' "$pw" | gnome-keyring-daemon --unlock --components=secrets >"$dir/keyring.log" 2>&1; then
		log_tail "$dir/keyring.log"
		die "gnome-keyring-daemon --unlock failed"
	fi

	# Wait (at most 10 s) until the Secret Service owns its bus name and
	# has its login collection.
	for ((i = 0; ; i++)); do
		out="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
			org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null || true)"
		case "$out" in *"boolean true"*) break ;; esac
		if ((i >= 100)); then
			log_tail "$dir/keyring.log"
			die "org.freedesktop.secrets got no owner on the private bus within 10 s"
		fi
		sleep 0.1
	done
	out="$(dbus-send --session --print-reply --dest=org.freedesktop.DBus / \
		org.freedesktop.DBus.GetConnectionUnixProcessID string:org.freedesktop.secrets 2>/dev/null || true)"
	case "$out" in
	*"uint32 "*)
		keyring_pid="${out##*uint32 }"
		keyring_pid="${keyring_pid//[!0-9]/}"
		;;
	esac
	for ((i = 0; ; i++)); do
		out="$(dbus-send --session --print-reply --dest=org.freedesktop.secrets /org/freedesktop/secrets \
			org.freedesktop.DBus.Properties.Get string:org.freedesktop.Secret.Service string:Collections 2>/dev/null || true)"
		case "$out" in *"/collection/login"*) break ;; esac
		if ((i >= 100)); then
			log_tail "$dir/keyring.log"
			die "gnome-keyring created no login collection within 10 s"
		fi
		sleep 0.1
	done

	export OAUTHDESK_REQUIRE_KEYRING=1
	printf 'session.sh: started Xvfb %s, a private D-Bus session and an unlocked gnome-keyring (pid %s); XDG dirs in %s\n' \
		"$DISPLAY" "${keyring_pid:-?}" "$dir" >&2

	rc=0
	"$@" || rc=$?
	exit "$rc"
}

# ---------------------------------------------------------------------------
# Outer stage: makes the directories, starts Xvfb, runs the inner stage in
# dbus-run-session, and cleans up whatever happens.
# ---------------------------------------------------------------------------

# children_of PID prints the PIDs of PID's child processes, from /proc (so
# that procps need not be installed).
children_of() {
	local parent="$1" p stat rest
	for p in /proc/[0-9]*; do
		read -r stat 2>/dev/null <"$p/stat" || continue
		rest="${stat##*) }" # "state ppid ..." after "pid (comm) "
		rest="${rest#* }"   # "ppid ..."
		if [ "${rest%% *}" = "$parent" ]; then
			printf '%s\n' "${p#/proc/}"
		fi
	done
}

# tree_of PID prints PID's descendants, deepest first, then PID.
tree_of() {
	local pid="$1" c
	for c in $(children_of "$pid"); do
		tree_of "$c"
	done
	printf '%s\n' "$pid"
}

# session_pids prints every process that carries this session's marker in
# its environment (CMD's leftovers, D-Bus-activated services, the keyring
# daemon), except this shell.
session_pids() {
	local p kv
	for p in /proc/[0-9]*; do
		[ "${p#/proc/}" = "$$" ] && continue
		[ -r "$p/environ" ] || continue
		while IFS= read -r -d '' kv; do
			if [ "$kv" = "OAUTHDESK_SESSION_DIR=$base" ]; then
				printf '%s\n' "${p#/proc/}"
				break
			fi
		done 2>/dev/null <"$p/environ" || true
	done
}

# stop_pids PIDS... sends SIGTERM, waits up to 3 s, then sends SIGKILL.
stop_pids() {
	local p i alive
	[ "$#" -gt 0 ] || return 0
	kill -TERM "$@" 2>/dev/null || true
	for ((i = 0; i < 30; i++)); do
		alive=""
		for p in "$@"; do
			if kill -0 "$p" 2>/dev/null && ! grep -q '^State:[[:space:]]*Z' "/proc/$p/status" 2>/dev/null; then
				alive=1
				break
			fi
		done
		[ -n "$alive" ] || return 0
		sleep 0.1
	done
	kill -KILL "$@" 2>/dev/null || true
}

cleanup() {
	set +e
	trap - HUP INT TERM
	if [ -n "${child:-}" ] && kill -0 "$child" 2>/dev/null; then
		stop_pids $(tree_of "$child")
		wait "$child" 2>/dev/null
	fi
	if [ -n "${base:-}" ]; then
		stop_pids $(session_pids)
	fi
	if [ -n "${xvfb_pid:-}" ]; then
		stop_pids "$xvfb_pid"
		wait "$xvfb_pid" 2>/dev/null
	fi
	if [ -n "${base:-}" ] && [ -d "$base" ]; then
		rm -rf "$base"
	fi
}

on_signal() {
	signal_rc="$1"
	if [ -z "${child:-}" ]; then
		exit "$signal_rc" # not started yet: the EXIT trap cleans up
	fi
	stop_pids $(tree_of "$child")
}

# start_xvfb starts Xvfb on the first free display from :99 on and waits
# until it answers; sets xvfb_pid and DISPLAY.
start_xvfb() {
	local n i lock
	for ((n = 99; n < 200; n++)); do
		if [ -e "/tmp/.X$n-lock" ] || [ -e "/tmp/.X11-unix/X$n" ]; then
			continue
		fi
		Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$base/xvfb.log" 2>&1 &
		xvfb_pid=$!
		for ((i = 0; i < 100; i++)); do
			if ! kill -0 "$xvfb_pid" 2>/dev/null; then
				wait "$xvfb_pid" 2>/dev/null || true
				xvfb_pid=""
				break # lost a race for the display: try the next one
			fi
			if DISPLAY=":$n" xdpyinfo >/dev/null 2>&1; then
				lock="$(tr -d ' \n' 2>/dev/null <"/tmp/.X$n-lock" || true)"
				if [ "$lock" = "$xvfb_pid" ]; then
					export DISPLAY=":$n"
					return 0
				fi
			fi
			sleep 0.1
		done
		if [ -n "$xvfb_pid" ]; then
			log_tail "$base/xvfb.log"
			die "Xvfb :$n did not answer within 10 s"
		fi
	done
	log_tail "$base/xvfb.log"
	die "found no free X display between :99 and :199"
}

outer() {
	local tool rc gocache goenv
	for tool in Xvfb xdpyinfo dbus-run-session dbus-send gnome-keyring-daemon; do
		command -v "$tool" >/dev/null 2>&1 || die "$tool is not installed; run scripts/deps.sh"
	done

	child="" xvfb_pid="" signal_rc=""
	base="$(mktemp -d "${TMPDIR:-/tmp}/oauthdesk-session.XXXXXX")"
	trap cleanup EXIT
	trap 'on_signal 129' HUP
	trap 'on_signal 130' INT
	trap 'on_signal 143' TERM
	chmod 700 "$base"
	mkdir -m 700 "$base/data" "$base/config" "$base/runtime"
	export OAUTHDESK_SESSION_DIR="$base"

	# Keep Go's build cache (and go env -w settings) where they are: ask go
	# before moving the XDG cache and config directories it derives them from.
	gocache="" goenv=""
	# The Go the scripts build with (scripts/go-env.sh), first on PATH for
	# CMD too; without one, CMD may not need Go.
	. "$(dirname "$self")/go-env.sh"
	go_env_use 2>/dev/null || true
	# The Node that scripts/deps.sh installed for the oidc-provider test
	# peer where the system's is too old.
	if [ -x "$(dirname "$self")/../testpeers/oidc-provider/.node/node_modules/.bin/node" ]; then
		PATH="$(cd "$(dirname "$self")/../testpeers/oidc-provider/.node/node_modules/.bin" && pwd):$PATH"
		export PATH
	fi
	if command -v go >/dev/null 2>&1; then
		gocache="$(go env GOCACHE 2>/dev/null || true)"
		goenv="$(go env GOENV 2>/dev/null || true)"
	fi
	export XDG_DATA_HOME="$base/data" XDG_CONFIG_HOME="$base/config" XDG_RUNTIME_DIR="$base/runtime"
	if [ -n "$gocache" ] && [ -n "$goenv" ]; then
		export GOCACHE="$gocache" GOENV="$goenv"
		mkdir -m 700 "$base/cache"
		export XDG_CACHE_HOME="$base/cache"
	fi

	start_xvfb

	# dbus-daemon's own chatter (fd limits, service activation) goes to a
	# log file rather than into the test output.
	printf '#!/bin/sh\nexec dbus-daemon "$@" 2>>"%s/dbus.log"\n' "$base" >"$base/dbus-daemon"
	chmod 700 "$base/dbus-daemon"

	if { : <&0; } 2>/dev/null; then
		OAUTHDESK_SESSION_STAGE=inner dbus-run-session --dbus-daemon="$base/dbus-daemon" -- bash "$self" "$@" <&0 &
	else
		OAUTHDESK_SESSION_STAGE=inner dbus-run-session --dbus-daemon="$base/dbus-daemon" -- bash "$self" "$@" </dev/null &
	fi
	child=$!
	while :; do
		rc=0
		wait "$child" || rc=$?
		kill -0 "$child" 2>/dev/null || break # else a signal interrupted wait
	done
	if [ "$rc" -ne 0 ] && [ -s "$base/dbus.log" ] && grep -qv 'fd limit' "$base/dbus.log"; then
		printf 'session.sh: the private D-Bus daemon said:\n' >&2
		grep -v 'fd limit' "$base/dbus.log" | tail -n 20 | sed 's/^/    /' >&2
	fi
	if [ -n "$signal_rc" ]; then
		exit "$signal_rc"
	fi
	exit "$rc"
}

if [ "$#" -eq 0 ]; then
	echo "usage: scripts/session.sh CMD [ARGS...]" >&2
	exit 2
fi
if [ "${OAUTHDESK_SESSION_STAGE:-}" = inner ]; then
	inner "$@"
elif [ -n "${OAUTHDESK_SESSION_DIR:-}" ] && [ -d "$OAUTHDESK_SESSION_DIR" ] &&
	[ -n "${DBUS_SESSION_BUS_ADDRESS:-}" ] && [ -n "${DISPLAY:-}" ]; then
	exec "$@" # already inside a session
else
	outer "$@"
fi
