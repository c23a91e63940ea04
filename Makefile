# tensorchain: every target sets up the local virtualenv it needs.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
# The real client libraries that cannot share the main venv (async-substrate-interface refuses
# to import beside py-scale-codec): each in its own venv; tests drive them as subprocesses.
CLIENTS := $(CURDIR)/.venv-clients
ASI_STAMP := $(CLIENTS)/asi/.installed-stamp
PSC_STAMP := $(CLIENTS)/psc/.installed-stamp
SI_STAMP := $(CLIENTS)/si/.installed-stamp
CLIENT_STAMPS := $(ASI_STAMP) $(PSC_STAMP) $(SI_STAMP)
CLIENT_ENV := TENSORCHAIN_ASI_PYTHON=$(CLIENTS)/asi/bin/python \
	TENSORCHAIN_PSC_PYTHON=$(CLIENTS)/psc/bin/python \
	TENSORCHAIN_SI_PYTHON=$(CLIENTS)/si/bin/python

.PHONY: dev test test-all lint bench venv clients clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[test]'
	touch $(STAMP)

$(ASI_STAMP):
	$(PYTHON) -m venv $(CLIENTS)/asi
	$(CLIENTS)/asi/bin/python -m pip install --quiet async-substrate-interface==2.2.1
	touch $@

$(PSC_STAMP):
	$(PYTHON) -m venv $(CLIENTS)/psc
	$(CLIENTS)/psc/bin/python -m pip install --quiet scalecodec==1.2.12
	touch $@

$(SI_STAMP):
	$(PYTHON) -m venv $(CLIENTS)/si
	$(CLIENTS)/si/bin/python -m pip install --quiet substrate-interface==1.8.1
	touch $@

venv: $(STAMP)

clients: $(CLIENT_STAMPS)

dev: $(STAMP)  ## install and start the local devnet
	$(VENV)/bin/tensorchain dev

test: $(STAMP) $(CLIENT_STAMPS)  ## the suite CI runs (slow suites excluded)
	$(CLIENT_ENV) $(PY) -m pytest -q -m "not slow"

test-all: $(STAMP) $(CLIENT_STAMPS)  ## every suite, slow ones included
	$(CLIENT_ENV) $(PY) -m pytest -q

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/lint-imports

bench: $(STAMP)  ## benchmarks; prints a table and writes benchmarks/results.md
	$(PY) -m benchmarks

clean:
	rm -rf $(VENV) $(CLIENTS) .pytest_cache .hypothesis
