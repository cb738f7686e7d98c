# Two commands from a fresh clone:  make run  and  make test.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOMEWARD := $(BIN)/homeward
HOST ?= 127.0.0.1
PORT ?= 8000

.PHONY: run test check install install-dev browsers clean messages

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

$(VENV)/.installed: $(BIN)/python requirements.txt pyproject.toml
	$(BIN)/pip install --quiet -r requirements.txt
	$(BIN)/pip install --quiet --no-deps -e .
	touch $@

$(VENV)/.installed-dev: $(VENV)/.installed requirements-dev.txt
	$(BIN)/pip install --quiet -r requirements-dev.txt
	touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

# The local demo: migrate, seed the demo network if the database is empty, then serve the web
# server and the background worker together. Ctrl-C stops both.
run: install
	HOMEWARD_DEMO=1 $(HOMEWARD) migrate --no-input --verbosity 0
	HOMEWARD_DEMO=1 $(HOMEWARD) collectstatic --no-input --verbosity 0
	HOMEWARD_DEMO=1 HOMEWARD_BASE_URL=http://$(HOST):$(PORT) $(HOMEWARD) demo --if-empty
	HOMEWARD_DEMO=1 HOMEWARD_REQUIRE_MFA=$${HOMEWARD_REQUIRE_MFA:-0} HOMEWARD_BASE_URL=http://$(HOST):$(PORT) \
	  $(HOMEWARD) serve --host $(HOST) --port $(PORT)

# Chromium from Debian for the browser tests (Playwright drives /usr/bin/chromium).
browsers:
	@test -x /usr/bin/chromium || (command -v apt-get >/dev/null && \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	  || (echo "Install Debian's chromium package: apt-get install chromium" && exit 1))

test: install-dev browsers
	$(BIN)/python scripts/check.py

check: install-dev
	$(BIN)/python scripts/check.py --no-tests

messages: install-dev
	cd homeward && HOMEWARD_TESTING=1 ../$(HOMEWARD) makemessages -l fr -l de --no-obsolete && HOMEWARD_TESTING=1 ../$(HOMEWARD) compilemessages

clean:
	rm -rf $(VENV) var homeward.sqlite3*

# The benchmark (bench/README.md): seeds PostgreSQL (DATABASE_URL of bench/run.py, by default
# postgres://postgres@127.0.0.1:5432/homeward_bench) with BENCH_CASES cases, serves Homeward and
# loads each endpoint and its one-SQL-statement baseline with locust, from its own virtualenv.
BENCH_VENV := var/bench-venv
BENCH_CASES ?= 1000000
BENCH_ARGS ?=

$(BENCH_VENV)/.installed: requirements-bench.txt
	$(PYTHON) -m venv $(BENCH_VENV)
	$(BENCH_VENV)/bin/pip install --quiet -r requirements-bench.txt
	touch $@

.PHONY: bench faults held bench-names bench-statistics bench-services bench-mediators
# Name search quality (bench/name_search_quality.py): Homeward's search against a plain
# baseline on an invented hotline of 20,000 children; DATABASE_URL as for the other commands.
bench-names: install-dev
	nice -n 10 $(BIN)/python bench/name_search_quality.py
# The public services search (bench/services_search.py): 50,000 services, the page's p95 against
# one hand-written SELECT and COUNT in the same run; target p95 under 100 ms.
bench-services: install-dev
	nice -n 10 $(BIN)/python bench/services_search.py

# The public mediator search and pair finder (bench/mediators_search.py): 10,000 mediators, each
# page's p95 against hand-written SELECTs of the same rows in the same run; target p95 < 100 ms.
bench-mediators: install-dev
	nice -n 10 $(BIN)/python bench/mediators_search.py
# The network report's figures (bench/network_report.py): the statistics app's ORM aggregation
# against hand-written SQL GROUP BY statements, after checking both agree on every cell; seeds
# BENCH_STATS_DATABASE_URL (default postgres://postgres@127.0.0.1:5432/homeward_stats_bench)
# with BENCH_STATS_CASES cases over ten years if it holds none.
BENCH_STATS_CASES ?= 2500000
BENCH_STATS_ARGS ?=
bench-statistics: install
	nice -n 10 $(BIN)/python bench/network_report.py --cases $(BENCH_STATS_CASES) $(BENCH_STATS_ARGS)
# The fault suite (bench/faults.py): its own PostgreSQL on a spare port, writers through the API
# and the forms while the database, a web worker and the task worker are killed.
faults: install
	$(BIN)/python bench/faults.py

bench: install $(BENCH_VENV)/.installed
	$(BIN)/python bench/run.py --cases $(BENCH_CASES) $(BENCH_ARGS)

# The held load (bench/held.py): 300 paced operators for 30 minutes on the seeded benchmark
# database, with every process's memory sampled; `make bench` seeds it first.
HELD_ARGS ?=
held: install $(BENCH_VENV)/.installed
	$(BIN)/python bench/held.py $(HELD_ARGS)
