# Tabour — make run: a simulated center; make test: everything CI runs.
SHELL := /bin/bash
export PATH := $(PATH):/usr/local/go/bin
GO ?= go
DB ?= ./var/tabour.db
BENCHTIME ?= 2000x

.PHONY: all run test bench lint deps build

all: build

deps:
	@scripts/deps.sh

build: deps
	$(GO) build -o bin/ ./cmd/...

# run: a simulated center under ./var (database, virtual devices).
run: build
	@mkdir -p var
	bin/tabourctl --db $(DB) init --open
	bin/tabourctl --db $(DB) status --all

test: deps lint
	$(GO) test -race -count=1 ./...

# bench: each goal next to its floor, measured in the same run.
bench: deps
	$(GO) test -run='^$$' -bench=. -benchtime=$(BENCHTIME) ./queue

lint:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) mod tidy -diff
