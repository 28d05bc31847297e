#!/usr/bin/env bash
# fresh-debian.sh checks the README's promise: on a bare Debian 12 with git
# and nothing else, its two set-up commands install everything, open the
# app, and pass every test; and `make package`'s .deb installs in a bare
# root. Run it on demand (as root; it is slow: a cold build and the whole
# test suite): it is not part of the tests.
#
#   scripts/fresh-debian.sh [--dir DIR] [--steps root,clone,run,test,deb]
#
# Steps (each timed; the report is DIR/report.txt, each step's output in
# DIR/log/STEP.log, each line with the time it was written):
#   root   debootstrap --variant=minbase --include=git bookworm into
#          DIR/base (kept: later runs reuse it), copied to DIR/dev;
#   clone  git clone of this repository's HEAD (through a bundle) into
#          DIR/dev's /root/oauthdesk;
#   run    the README's first command in that clone, with DISPLAY set to
#          an Xvfb this script starts on the host (the window is what
#          "opens the app" means headless): passes when a window titled
#          oauthdesk is mapped and its process is still alive 3 s later
#          (screenshot: DIR/app.png);
#   test   the README's second command, with no display and no session bus
#          (as CI has it);
#   deb    `make package` in DIR/dev, then `apt-get install ./oauthdesk_*.deb`
#          in a fresh copy of DIR/base (DIR/deb), `oauthdesk --help` there,
#          and the installed desktop app must map its window on the host's
#          Xvfb (screenshot: DIR/deb-app.png).
# The commands run as root in the chroot with a clean environment
# (HOME=/root, LANG=C.UTF-8) plus GOTOOLCHAIN=local, the harsh case of an
# environment that forbids toolchain switching. They are read from the
# README's "Set up" block, so the README is what is checked.
#
# Facts of this machine, not of a fresh Debian, that the script carries
# over: the host's extra CA certificates (/usr/local/share/ca-certificates,
# for the HTTPS egress to the Go module proxy) and its DNS resolver.
# debootstrap writes no /etc/hosts, and none is added: `localhost` does
# not resolve in the root, as on the machine where this was first tried.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
. "$repo/scripts/apt.sh"
dir=/var/tmp/oauthdesk-fresh
steps=root,clone,run,test,deb
while [ "$#" -gt 0 ]; do
	case "$1" in
	--dir) dir="$2"; shift 2 ;;
	--steps) steps="$2"; shift 2 ;;
	-h | --help) sed -n '2,/^set -euo/p' "$0" | sed '$d; s/^# \{0,1\}//'; exit 0 ;;
	*) echo "usage: scripts/fresh-debian.sh [--dir DIR] [--steps root,clone,run,test,deb]" >&2; exit 2 ;;
	esac
done

die() { echo "fresh-debian.sh: $*" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || die "needs root (debootstrap, mount, chroot)"
for t in Xvfb xdpyinfo xdotool import git; do
	command -v "$t" >/dev/null 2>&1 || die "$t is not installed on this machine: run scripts/deps.sh first"
done
if ! command -v debootstrap >/dev/null 2>&1; then
	apt_install debootstrap
fi

mkdir -p "$dir/log"
report="$dir/report.txt"
: >"$report"
say() { printf '%s\n' "$*" | tee -a "$report" >&2; }

# The README's two set-up commands: the first code block after "## Set up",
# comments and blank lines dropped.
mapfile -t readme_cmds < <(awk '/^## Set up/ { s = 1 } s && /^```/ { if (b) exit; b = 1; next } b' "$repo/README.md" |
	sed 's/[[:space:]]*#.*$//; /^[[:space:]]*$/d')
[ "${#readme_cmds[@]}" -eq 2 ] || die "expected two commands in README.md's Set up block, found ${#readme_cmds[@]}"
say "fresh-debian.sh $(date -u +%FT%TZ), commit $(git -C "$repo" rev-parse --short HEAD), in $dir"
say "README commands: 1) ${readme_cmds[0]}  2) ${readme_cmds[1]}"

# --- chroot plumbing -------------------------------------------------------

mounted=()
xvfb_pid=""
cleanup() {
	set +e
	local r p
	for r in "$dir/dev" "$dir/deb"; do kill_in "$r"; done
	for ((p = ${#mounted[@]} - 1; p >= 0; p--)); do
		umount -R "${mounted[p]}" 2>/dev/null || umount -l "${mounted[p]}" 2>/dev/null
	done
	[ -n "$xvfb_pid" ] && kill "$xvfb_pid" 2>/dev/null
}
trap cleanup EXIT
trap 'exit 130' INT TERM HUP

# mount_root ROOT mounts /proc, /sys and /dev inside ROOT (once).
mount_root() {
	local r=$1
	mountpoint -q "$r/proc" && return 0
	mount -t proc proc "$r/proc" && mounted+=("$r/proc")
	mount -t sysfs sys "$r/sys" && mounted+=("$r/sys")
	mount --rbind /dev "$r/dev" && mounted+=("$r/dev")
}

# kill_in ROOT stops every process whose root directory is ROOT (what this
# script started in that chroot, and their children).
kill_in() {
	local r p pids=()
	r="$(readlink -f "$1" 2>/dev/null)" || return 0
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2>/dev/null)" = "$r" ] && pids+=("${p#/proc/}")
	done
	[ "${#pids[@]}" -gt 0 ] || return 0
	kill -TERM "${pids[@]}" 2>/dev/null
	sleep 1
	kill -KILL "${pids[@]}" 2>/dev/null || true
}

# in_root ROOT SCRIPT runs SCRIPT with bash as root inside ROOT, in a clean
# environment (DISPLAY only if the caller sets it).
in_root() {
	chroot "$1" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb GOTOOLCHAIN=local \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		${DISPLAY:+DISPLAY=$DISPLAY} /bin/bash -c "$2"
}

# carry_ca ROOT copies the host's extra CA certificates into ROOT, where
# the ca-certificates package (installed by deps.sh) picks them up.
carry_ca() {
	mkdir -p "$1/usr/local/share/ca-certificates"
	cp /usr/local/share/ca-certificates/*.crt "$1/usr/local/share/ca-certificates/" 2>/dev/null || true
	cp /etc/resolv.conf "$1/etc/resolv.conf"
}

# start_display starts Xvfb on a free display of the host and sets DISPLAY
# for the steps that open a window.
start_display() {
	local n i
	[ -n "$xvfb_pid" ] && return 0
	for ((n = 150; n < 250; n++)); do
		[ -e "/tmp/.X$n-lock" ] && continue
		DISPLAY=":$n" xdpyinfo >/dev/null 2>&1 && continue
		Xvfb ":$n" -screen 0 1280x800x24 -nolisten tcp >"$dir/log/xvfb.log" 2>&1 &
		xvfb_pid=$!
		for ((i = 0; i < 100; i++)); do
			if DISPLAY=":$n" xdpyinfo >/dev/null 2>&1; then
				export DISPLAY=":$n"
				return 0
			fi
			kill -0 "$xvfb_pid" 2>/dev/null || break
			sleep 0.1
		done
		kill "$xvfb_pid" 2>/dev/null; xvfb_pid=""
	done
	die "no free X display for the app check"
}

# await_window PID LOG SHOT LIMIT waits up to LIMIT seconds for a mapped
# window titled oauthdesk while PID runs, screenshots it into SHOT, and
# checks that PID is still alive 3 s later.
await_window() {
	local pid=$1 log=$2 shot=$3 limit=$4 start=$SECONDS win=""
	while [ $((SECONDS - start)) -lt "$limit" ]; do
		win="$(xdotool search --onlyvisible --name '^oauthdesk$' 2>/dev/null | head -n1 || true)"
		[ -n "$win" ] && break
		kill -0 "$pid" 2>/dev/null || { echo "the command ended before a window appeared" >>"$log"; return 1; }
		sleep 1
	done
	[ -n "$win" ] || { echo "no oauthdesk window within $limit s" >>"$log"; return 1; }
	echo "window $win mapped after $((SECONDS - start)) s" >>"$log"
	sleep 3
	import -window root "$shot" 2>>"$log" || true
	kill -0 "$pid" 2>/dev/null || { echo "the app died after mapping its window" >>"$log"; return 1; }
}

# --- steps -----------------------------------------------------------------
# Each step runs in an `||` list, where set -e does not apply: every command
# whose failure matters ends in `|| return 1` or is the step's last.

step_root() {
	if [ ! -x "$dir/base/usr/bin/git" ]; then
		rm -rf "$dir/base"
		local site
		site="$(apt-get indextargets --format '$(SITE) $(RELEASE)' 2>/dev/null | awk '$2 == "bookworm" { print $1; exit }')"
		debootstrap --variant=minbase --include=git bookworm "$dir/base" "${site:-http://deb.debian.org/debian}" || return 1
	else
		echo "reusing $dir/base"
	fi
	rm -rf "$dir/dev"
	cp -a "$dir/base" "$dir/dev" || return 1
	carry_ca "$dir/dev"
	echo "make: $(in_root "$dir/dev" 'command -v make || echo absent'); go: $(in_root "$dir/dev" 'command -v go || echo absent'); /etc/hosts: $([ -e "$dir/dev/etc/hosts" ] && echo present || echo absent)"
}

step_clone() {
	git -C "$repo" bundle create "$dir/dev/tmp/oauthdesk.bundle" HEAD || return 1
	in_root "$dir/dev" 'rm -rf /root/oauthdesk && git clone -q /tmp/oauthdesk.bundle /root/oauthdesk && git -C /root/oauthdesk log --oneline -1'
}

step_run() {
	local pid rc=0
	mount_root "$dir/dev"
	start_display
	in_root "$dir/dev" "cd /root/oauthdesk && ${readme_cmds[0]}" </dev/null >>"$dir/log/run.log" 2>&1 &
	pid=$!
	await_window "$pid" "$dir/log/run.log" "$dir/app.png" 5400 || rc=1
	kill_in "$dir/dev"
	wait "$pid" 2>/dev/null || true
	return "$rc"
}

step_test() {
	mount_root "$dir/dev"
	(unset DISPLAY; in_root "$dir/dev" "cd /root/oauthdesk && ${readme_cmds[1]}") </dev/null
}

step_deb() {
	local pid rc=0 deb
	mount_root "$dir/dev"
	in_root "$dir/dev" 'cd /root/oauthdesk && make package' </dev/null || return 1
	deb="$(cd "$dir/dev/root/oauthdesk/dist" && ls oauthdesk_*.deb | head -n1)"
	[ -n "$deb" ] || { echo "make package wrote no .deb"; return 1; }
	rm -rf "$dir/deb"
	cp -a "$dir/base" "$dir/deb"
	carry_ca "$dir/deb"
	cp "$dir/dev/root/oauthdesk/dist/$deb" "$dir/deb/root/"
	mount_root "$dir/deb"
	in_root "$dir/deb" "cd /root && apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q ./$deb && dpkg -s oauthdesk | sed -n '/^Depends/p; /^Recommends/p' && oauthdesk --help >/dev/null && echo 'oauthdesk --help: ok'" </dev/null || return 1
	start_display
	in_root "$dir/deb" 'cd /root && oauthdesk-gui' </dev/null >>"$dir/log/deb.log" 2>&1 &
	pid=$!
	await_window "$pid" "$dir/log/deb.log" "$dir/deb-app.png" 60 || rc=1
	kill_in "$dir/deb"
	wait "$pid" 2>/dev/null || true
	return "$rc"
}

failed=0
for s in ${steps//,/ }; do
	declare -F "step_$s" >/dev/null || die "unknown step $s"
	start=$SECONDS
	say "== $s ($(date -u +%T))"
	rc=0
	: >"$dir/log/$s.log"
	# Each log line gets the time it was written (how long apt, the Go
	# download and the builds took shows in the log).
	"step_$s" > >(awk '{ print strftime("%T"), $0; fflush() }' >>"$dir/log/$s.log") 2>&1 || rc=$?
	wait $! 2>/dev/null || true # the time-stamping awk, to its last line
	secs=$((SECONDS - start))
	tail -n 4 "$dir/log/$s.log" | sed 's/^/    /' | tee -a "$report" >&2
	if [ "$rc" -eq 0 ]; then
		say "== $s: pass ($((secs / 60)) min $((secs % 60)) s)"
	else
		say "== $s: FAIL, exit $rc ($((secs / 60)) min $((secs % 60)) s; log: $dir/log/$s.log)"
		failed=1
		break
	fi
done
[ "$failed" -eq 0 ] && say "fresh-debian.sh: all steps passed" || say "fresh-debian.sh: FAILED"
exit "$failed"
