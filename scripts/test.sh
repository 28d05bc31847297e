#!/usr/bin/env bash
# test.sh runs every test: vet, the unit and end-to-end tests (with the race
# detector), and brief fuzzing. Run it through `make test`, which wraps it
# in scripts/session.sh (a private X display and a real Secret Service).
set -euo pipefail
cd "$(dirname "$0")/.."

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

echo "== go test"
go test -race -count=1 ./...

echo "== fuzz (brief)"
go test ./auth/loopback -run '^$' -fuzz '^FuzzParseCallback$' -fuzztime 10s
go test ./auth/provider -run '^$' -fuzz '^FuzzParseConfig$' -fuzztime 10s
go test ./internal/tomledit -run '^$' -fuzz '^FuzzSetRemove$' -fuzztime 10s
echo "== all tests passed"
