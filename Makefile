# Two entry points do all the set-up themselves on a fresh machine:
#   make demo   ingest the bundled examples into archive/ and print a summary
#   make test   run the test suite (with the fast versions of the stress tests)
# and one for the long runs:
#   make stress the full stress tests (crash, concurrency, fuzzing, Crossref faults, hostile
#               inputs, OCFL conformance, the package installed alone): prints one figure per
#               promise, fails on any loss
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: demo test stress lint bench clean-venv

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

stress: $(STAMP)
	ARCHIVER_STRESS=1 $(BIN)/python -m pytest tests/stress -q

lint: $(STAMP)
	$(BIN)/ruff check archiver tests bench
	$(BIN)/lint-imports

bench: $(STAMP)
	$(BIN)/python bench/ingest.py
	$(BIN)/python bench/verify.py
	$(BIN)/python bench/export.py
	$(BIN)/python bench/refs_trial.py

clean-venv:
	rm -rf $(VENV)
