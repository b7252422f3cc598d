# Tabour — make run: a simulated center; make test: everything CI runs.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
# SQLite's query planner stability guarantee: without it every statement
# whose plan looked at a bound value is prepared again on every execution
# (the routing query cost 137 µs instead of 13). go-sqlite3 offers no other
# way to set it than its C flags.
export CGO_CFLAGS := -O2 -g -DSQLITE_ENABLE_QPSG
# Fyne parses the locale when it starts and rejects "C" and "C.UTF-8".
KIOSK_ENV := $(if $(filter C C.% POSIX,$(or $(LC_ALL),$(LANG),C)),LC_ALL= LANG=ar_EG.UTF-8)
DB ?= ./var/tabour.db
BENCHTIME ?= 2000x
# BenchmarkDay adds to the day as it runs: keep its samples few.
DAYBENCHTIME ?= 200x
# the center time of the benchmarks' fake clock (HH:MM): they pass at any
# time of day, e.g. make bench BENCHCLOCK=00:30
BENCHCLOCK ?= 12:00

.PHONY: all run test soak bench sim lint deps build footprint

all: build

deps:
	@scripts/deps.sh

# build: the programs, and the mosquitto plugin for a center on its own
# broker (bin/tabour-auth.so; see tabourctl mosquitto).
build: deps
	$(GO) build -o bin/ ./cmd/...
	$(GO) build -buildmode=c-shared -o bin/tabour-auth.so ./mqtt/auth/mosquitto
	@rm -f bin/tabour-auth.h

# run: a simulated center under ./var: database, virtual printer (PNG and
# ESC/POS files in var/printer), every counter open, the kiosk and the
# hall display, the MQTT bus on 127.0.0.1:1883 (or a free port it prints
# if 1883 is taken). On a desktop both run in windows. Without a display,
# as root, they run on Xorg :99 with two monitors (scripts/two-monitors.sh):
# the kiosk fullscreen on DUMMY0 (1280x800), the hall on DUMMY1
# (1920x1080); otherwise the kiosk alone on Xvfb :99 (1280x800).
run: build
	@mkdir -p var
	@if [ -n "$$DISPLAY$$WAYLAND_DISPLAY" ]; then \
		env $(KIOSK_ENV) bin/kiosk -simulate -windowed $(KIOSK_FLAGS); \
	elif [ "$$(id -u)" = 0 ] && command -v Xorg >/dev/null; then \
		echo "run: no display; the kiosk (DUMMY0) and the hall display (DUMMY1) run on Xorg :99 (DISPLAY=:99 to look at them)"; \
		scripts/two-monitors.sh :99 var/xorg || exit 1; \
		trap 'kill $$(cat var/xorg/xorg.pid)' EXIT; \
		env $(KIOSK_ENV) DISPLAY=:99 FYNE_SCALE=1 bin/kiosk -simulate -hall DUMMY1 $(KIOSK_FLAGS); \
	else \
		echo "run: no display; the kiosk runs on Xvfb :99 (DISPLAY=:99 to look at it)"; \
		env $(KIOSK_ENV) FYNE_SCALE=1 xvfb-run -n 99 -s "-screen 0 1280x800x24 -ac" bin/kiosk -simulate $(KIOSK_FLAGS); \
	fi

test: deps lint
	$(GO) test -race -count=1 -timeout 20m ./...

# soak: the kiosk binary under Xvfb, started and stopped with SIGTERM 20
# times (make test does it 3 times); each stop must take under 5 s.
soak: deps
	$(GO) test -count=1 -run='^TestSIGTERMStopsTheKiosk$$' -v ./cmd/kiosk -args -sigterms=20

# bench: each goal next to its floor, measured in the same run.
bench: deps
	$(GO) test -run='^$$' -bench=. -skip=Day -benchtime=$(BENCHTIME) ./queue -args -clock=$(BENCHCLOCK)
	# each engine call at 1 000, 5 000 and 20 000 tickets today: p50 and growth (goal ≤ 1.5×)
	$(GO) test -run='^$$' -bench=Day -benchtime=$(DAYBENCHTIME) ./queue -args -clock=$(BENCHCLOCK)
	$(GO) test -run='^$$' -bench=. -benchtime=300x ./kiosk/flow ./devices/printer/...
	$(GO) test -run='^$$' -bench=TapWhilePrinting -benchtime=300x ./kiosk
	$(GO) test -run='^$$' -bench=CommandToServing -benchtime=$(BENCHTIME) ./mqtt -args -clock=$(BENCHCLOCK)
	# a counter's command to the hall display's frame, next to the raw round trip and serving/ in the same run
	$(GO) test -run='^$$' -bench=CommandToHall -benchtime=$(BENCHTIME) ./mqtt -args -clock=$(BENCHCLOCK)
	$(GO) test -run='^$$' -bench=OutboxDrain -benchtime=1x ./mqtt -args -clock=$(BENCHCLOCK)
	# another counter's answers while one counter floods 10 000 commands (goal: p99 under 100 ms)
	$(GO) test -run='^$$' -bench=FloodNeighbour -benchtime=3x ./mqtt -args -clock=$(BENCHCLOCK)
	# the manager's pages on a busy day, next to the engine's readings of the day (goal: report ≤ 1.5× them)
	$(GO) test -run='^$$' -bench=ManagerPages -benchtime=20x ./internal/enginefigures

# sim: simulated center days (5 and 20 counters, a break, an early close, a
# priority-heavy morning, a no-show-heavy day) drive the engine under a fake
# clock; each prints how far the wait estimates given at issue were from the
# waits, for the engine's forecast next to the former and naive estimates.
# SCENARIO=5-counters runs one.
SCENARIO ?= all
sim:
	$(GO) run ./cmd/tabourctl sim --scenario $(SCENARIO)

# footprint: the kiosk's RSS and CPU idle and while citizens use it
# (fullscreen on its own Xvfb; USE=seconds of use, default 180).
footprint: build
	$(GO) build -o bin/ ./internal/fynefloor
	scripts/footprint.sh bin/kiosk bin/fynefloor

lint:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff
