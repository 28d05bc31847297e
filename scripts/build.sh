#!/usr/bin/env bash
# build.sh builds bin/oauthdesk (the command line) and bin/oauthdesk-gui
# (the desktop app) with the Go that scripts/go-env.sh picks.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/go-env.sh
go_env_use
go build -o bin/oauthdesk .
# no_emoji leaves out Fyne's 4 MB colour emoji font, which the app does not use:
# each text style would otherwise parse its own copy (about 17 MB of heap).
go build -tags no_emoji -o bin/oauthdesk-gui ./cmd/oauthdesk-gui
