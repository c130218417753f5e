# The two commands of the README: `make run` (the bot; the local shell without a token) and
# `make test` (the whole suite). Each creates the virtual environment on first use.
# `make bench` runs every benchmark (benchmarks/README.md); BENCH_ARGS go to each of them.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
BENCH_ARGS ?=
# `make test` runs the tests in this many pytest-xdist worker processes. Most tests wait on
# sockets, subprocesses, PostgreSQL and timers, so more workers than CPUs still pay off;
# PYTEST_WORKERS=0 runs them one by one in a single process.
PYTEST_WORKERS ?= 4

.PHONY: run shell test lint check bench soak clean

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "fanzine needs Python 3.11 or newer: make PYTHON=python3.11 ...")'
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

run: $(STAMP)
	$(BIN)/fanzine run

shell: $(STAMP)
	$(BIN)/fanzine shell

test: $(STAMP)
	$(BIN)/python -m pytest -n $(PYTEST_WORKERS)

lint: $(STAMP)
	$(BIN)/ruff check bot tests migrations benchmarks
	$(BIN)/mypy

bench: $(STAMP)
	$(BIN)/python -m benchmarks.run_all $(BENCH_ARGS)

# The fault soak for SOAK_SECONDS (tests/test_soak.py; CI runs a short one with `make test`).
SOAK_SECONDS ?= 600
soak: $(STAMP)
	FANZINE_TEST_SOAK_SECONDS=$(SOAK_SECONDS) $(BIN)/python -m pytest -m soak -s -o timeout=0 tests/test_soak.py

check: lint test

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache
