# oauthdesk. The README's two set-up commands are scripts, so that they work
# on a machine with no make yet (they install it, and everything else):
#   scripts/run.sh    installs what is missing, builds, opens the desktop app
#   scripts/test.sh   installs what is missing, then runs every test inside a
#                     private X display and D-Bus session with a real keyring
# `make run` and `make test` run the same scripts. Every target builds with
# the Go that scripts/go-env.sh picks (go.mod's toolchain when installed),
# put first on PATH.
SHELL := /bin/bash
USE_GO := . scripts/go-env.sh && go_env_use &&

.PHONY: run test deps build cross fuzz bench screenshot package clean

run:
	@bash scripts/run.sh

test:
	@bash scripts/test.sh

deps:
	@bash scripts/deps.sh

build: deps
	@bash scripts/build.sh

# The command line for Windows and macOS, the desktop app for Windows
# (make test builds them too).
cross: deps
	@bash scripts/cross.sh

# Brief fuzzing of the callback and config parsers (make test runs it;
# scripts/test.sh says why minimization is bounded).
fuzz:
	$(USE_GO) go test ./auth/loopback -run '^$$' -fuzz '^FuzzParseCallback$$' -fuzztime 10s -fuzzminimizetime 1s
	$(USE_GO) go test ./auth/provider -run '^$$' -fuzz '^FuzzParseConfig$$' -fuzztime 10s -fuzzminimizetime 1s
	$(USE_GO) go test ./internal/tomledit -run '^$$' -fuzz '^FuzzSetRemove$$' -fuzztime 10s -fuzzminimizetime 1s

# Figures for the notes: login and token timings, RSS, binary size, GUI start.
bench: deps build
	@bash scripts/session.sh bash bench/run.sh

# The README's screenshot, taken from the real window under Xvfb.
screenshot: deps build
	@bash scripts/session.sh bash scripts/screenshot.sh docs/screenshot.png

# Installable packages in dist/: a .deb, a .tar.xz (the app, the CLI, a
# .desktop entry, the icon, and a Makefile whose `make install` installs
# them), and a Windows zip (both .exe files and the icon).
package: deps
	@bash scripts/package.sh

clean:
	rm -rf bin dist
