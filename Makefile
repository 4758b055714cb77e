# Two commands on a fresh machine: `make run` (install, ingest corpus/ if needed, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test test-fast test-postgres lint format-check install

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip

# torch first and pinned: the CPU build lies on this machine's disk; unpinned, pip would fetch a CUDA build.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet torch==2.13.0
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

# Debian packages the formats need (LibreOffice for .doc/.rtf, Tesseract + Vietnamese data and Poppler for scans).
$(VENV)/.system-deps: scripts/system-deps.sh | $(BIN)/python
	bash scripts/system-deps.sh
	touch $@

install: $(VENV)/.installed $(VENV)/.system-deps

run: install
	$(BIN)/tracuu serve --ingest

# Everything CI checks: lint, types, then every test and doctest (slow, browser and load included).
test: install lint
	bash scripts/test-deps.sh
	$(BIN)/python -m pytest
	$(MAKE) test-postgres

# The API, page, citation and security tests again, on the PostgreSQL store (tests/pg.py starts one;
# tests/test_pg_*.py run in the main pass). They skip, saying why, where PostgreSQL cannot start.
test-postgres: install
	TRACUU_TEST_STORE=postgres $(BIN)/python -m pytest -q tests/test_api.py tests/test_pages.py \
		tests/test_citations.py tests/test_security.py

# The developer's tier: lint and the tests that take no subprocess, server, browser or big index.
test-fast: install
	$(BIN)/ruff check .
	$(BIN)/python -m pytest -m "not slow and not browser and not load"

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy

# What `ruff format` would change (also checked by `lint`).
format-check: install
	$(BIN)/ruff format --check .
