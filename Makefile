# Two commands on a fresh machine: `make run` (install, ingest corpus/ if needed, serve) and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin

.PHONY: run test install

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

test: install
	bash scripts/test-deps.sh
	$(BIN)/python -m pytest
