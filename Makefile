# Two commands set everything up on a fresh machine:
#   make demo   create .venv, install the pinned dependencies, run newsgraph on the examples
#   make test   the same set-up, then lint, type-check and run the tests
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-stamp
DEV_STAMP := $(VENV)/.dev-stamp

.PHONY: demo test lint check bench bench-throughput bench-memory bench-components bench-profile clean

# requirements.lock pins what newsgraph needs to run; requirements-dev.lock adds the tools of
# `make test` (pytest, Playwright, ruff, mypy, stubs) and the `plot` extra.
$(STAMP): requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps -e .
	touch $(STAMP)

$(DEV_STAMP): $(STAMP) requirements-dev.lock
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements-dev.lock
	touch $(DEV_STAMP)

demo: $(STAMP)
	$(BIN)/newsgraph demo

lint: $(DEV_STAMP)
	$(BIN)/ruff check newsgraph tests bench examples
	$(BIN)/ruff format --check newsgraph tests bench examples
	$(BIN)/mypy

test: lint
	$(BIN)/python -m pytest

# The speed goals of issue 18 side by side in one run, as ratios (start-up, words/s vs bare
# spaCy, workers 2 vs 1, /api/events p95 on 1M events, writer RSS over 20,000 articles; ~1 h).
bench: $(DEV_STAMP)
	$(BIN)/python bench/goals.py

# Throughput, speed-up, RSS, Dask and per-component seconds on one corpus (~10 minutes).
bench-throughput: $(DEV_STAMP)
	$(BIN)/python bench/throughput.py

# Flat memory over a 20,000-article ingest (long: about half an hour on two cores).
bench-memory: $(DEV_STAMP)
	$(BIN)/python bench/memory.py

# Speed and output agreement with spaCy components dropped or replaced.
bench-components: $(DEV_STAMP)
	$(BIN)/python bench/components.py

# Hot spots of single-process analysis (cProfile).
bench-profile: $(DEV_STAMP)
	$(BIN)/python bench/hotspots.py

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache newsgraph.egg-info
