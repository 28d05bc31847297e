# oauthdesk: two commands on a fresh Debian machine.
#   make run    installs what is missing, builds, and opens the desktop app
#   make test   installs what is missing, then runs every test inside a
#               private X display and D-Bus session with a real keyring
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
BIN := bin/oauthdesk

.PHONY: run test deps build cli-test fuzz bench screenshot package clean

run: deps build
	./$(BIN)

deps:
	@bash scripts/deps.sh

build:
	$(GO) build -o $(BIN) .
	$(GO) build -tags no_emoji -o bin/oauthdesk-gui ./cmd/oauthdesk-gui

test: deps
	@bash scripts/session.sh bash scripts/test.sh

# Brief fuzzing of the callback and config parsers (make test runs it).
fuzz:
	$(GO) test ./auth -run '^$$' -fuzz '^FuzzParseCallback$$' -fuzztime 10s
	$(GO) test ./auth -run '^$$' -fuzz '^FuzzParseConfig$$' -fuzztime 10s

# Figures for the notes: login and token timings, RSS, binary size, GUI start.
bench: deps build
	@bash scripts/session.sh bash bench/run.sh

# The README's screenshot, taken from the real window under Xvfb.
screenshot: deps build
	@bash scripts/session.sh bash scripts/screenshot.sh docs/screenshot.png

# An installable archive (.tar.xz: the app, the CLI, a .desktop entry, the
# icon, and a Makefile whose `make install` installs them).
package: deps
	@bash scripts/package.sh

clean:
	rm -rf bin dist
