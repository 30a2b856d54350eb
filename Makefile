# Two entry points do all the set-up themselves on a fresh machine:
#   make demo   ingest the bundled examples into archive/ and print a summary
#   make test   run the test suite
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test lint bench clean-venv

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

demo: $(STAMP)
	$(BIN)/archiver ingest examples --archive archive --no-fetch --asset-root examples
	$(BIN)/archiver list --archive archive
	$(BIN)/archiver fsck --archive archive

test: $(STAMP)
	$(BIN)/python -m pytest

lint: $(STAMP)
	$(BIN)/ruff check archiver tests bench
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/ingest.py

clean-venv:
	rm -rf $(VENV)
