#!/usr/bin/env bash
# run.sh is the README's first set-up command: it installs what is missing
# (scripts/deps.sh: Debian packages, Go, Go modules), builds the command
# line and the desktop app into bin/, and opens the app (`bin/oauthdesk`
# with no arguments starts bin/oauthdesk-gui). Arguments are passed to
# bin/oauthdesk, so `scripts/run.sh providers` runs the CLI instead.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
. scripts/go-env.sh
go_env_use
bash scripts/build.sh
exec bin/oauthdesk "$@"
