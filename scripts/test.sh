#!/usr/bin/env bash
# test.sh runs every test: vet, the unit and end-to-end tests (with the race
# detector), the other platforms' builds, and brief fuzzing. It is the
# README's second set-up command (`make test` and .ci/run run it too):
# outside a session it first installs what is missing (scripts/deps.sh:
# Debian packages, Go, Go modules) and then runs itself again inside
# scripts/session.sh (a private X display and a real Secret Service).
set -euo pipefail
cd "$(dirname "$0")/.."
if [ -z "${OAUTHDESK_SESSION_DIR:-}" ] || [ -z "${DBUS_SESSION_BUS_ADDRESS:-}" ] || [ -z "${DISPLAY:-}" ]; then
	bash scripts/deps.sh
	exec bash scripts/session.sh bash scripts/test.sh "$@"
fi
. scripts/go-env.sh
go_env_use
echo "== $(go version) ($(command -v go))"

echo "== go vet"
go vet ./...

echo "== build"
go build -o bin/oauthdesk .
# no_emoji leaves out Fyne's 4 MB colour emoji font, which the app does not use:
# each text style would otherwise parse its own copy (about 17 MB of heap).
go build -tags no_emoji -o bin/oauthdesk-gui ./cmd/oauthdesk-gui
go build -o bin/testbrowser ./internal/testbrowser/cmd/testbrowser
# The attack tests' hostile local process (e2e copies it where another
# user may run it: setpriv --reuid nobody).
go build -o bin/testattacker ./internal/testattacker/cmd/testattacker
export OAUTHDESK_BIN="$PWD/bin/oauthdesk" OAUTHDESK_TESTBROWSER="$PWD/bin/testbrowser" OAUTHDESK_TESTATTACKER="$PWD/bin/testattacker"
export OAUTHDESK_REQUIRE_E2E=1

echo "== other platforms (scripts/cross.sh)"
bash scripts/cross.sh

echo "== go test"
go test -race -count=1 ./...

echo "== fuzz (brief)"
# -fuzzminimizetime 1s: each new interesting input is otherwise minimized
# for up to 60 s in a worker that reports no executions meanwhile (the
# "0/sec" lines), which ate most of a 10 s budget; each run still executes
# in tens of microseconds.
go test ./auth/loopback -run '^$' -fuzz '^FuzzParseCallback$' -fuzztime 10s -fuzzminimizetime 1s
go test ./auth/provider -run '^$' -fuzz '^FuzzParseConfig$' -fuzztime 10s -fuzzminimizetime 1s
go test ./internal/tomledit -run '^$' -fuzz '^FuzzSetRemove$' -fuzztime 10s -fuzzminimizetime 1s
echo "== all tests passed"
