# tensorchain: every target sets up the local virtualenv it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp

.PHONY: dev test test-all lint bench venv clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

venv: $(STAMP)

dev: $(STAMP)  ## install and start the local devnet
	$(VENV)/bin/tensorchain dev

test: $(STAMP)  ## the suite CI runs (slow suites excluded)
	$(PY) -m pytest -q -m "not slow"

test-all: $(STAMP)  ## every suite, slow ones included
	$(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: $(STAMP)  ## benchmarks; prints a table and writes benchmarks/results.md
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
