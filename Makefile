# Everything a fresh clone needs, from Python 3.11+, pip, make and git alone.
#   make build   create .venv if needed, install the pinned dependencies, build the seed package
#   make test    lint, type-check and run the tests
SHELL := /bin/bash
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed

.PHONY: build test lint check validate bench eval schemas docs lock clean

# The segmenter's step modules compiled with mypyc (pure Python runs where that fails).
SEGMENT_STEPS := $(filter-out %/__init__.py %/compiled.py,$(wildcard datapkg/segment/*.py))
SEGMENT_COMPILED := datapkg/segment/compiled.json

$(STAMP): pyproject.toml requirements.lock
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -c requirements.lock -e ".[dev,ray]"
	@touch $(STAMP)

$(SEGMENT_COMPILED): $(STAMP) $(SEGMENT_STEPS) datapkg/segment/compiled.py
	$(BIN)/python -m datapkg.segment.compiled

build: $(STAMP) $(SEGMENT_COMPILED)
	$(BIN)/datapkg build seeds --out dist

test: $(STAMP) lint $(SEGMENT_COMPILED)
	$(BIN)/python -m pytest -q
	@echo "the segmenter's tests again, on its pure-Python path:"
	DATAPKG_PURE_PYTHON=1 $(BIN)/python -m pytest -q tests/segment tests/test_gold.py

lint: $(STAMP)
	$(BIN)/ruff check datapkg tests benchmarks
	$(BIN)/ruff format --check datapkg tests benchmarks
	$(BIN)/mypy
	$(BIN)/lint-imports

check: $(STAMP)
	$(BIN)/datapkg check seeds

validate: $(STAMP)
	$(BIN)/datapkg validate-all dist

schemas: $(STAMP)
	$(BIN)/python -c "from datapkg.schemas import write_catalogue_json_schema as w; print(w())"

docs: $(STAMP)
	$(BIN)/python docs/cli_reference.py

bench: $(STAMP)
	$(BIN)/python benchmarks/build.py

eval: $(STAMP)
	$(BIN)/python benchmarks/segmentation.py --peer

lock: $(STAMP)
	@{ echo "# Pinned versions of every dependency (runtime and development), installed by the Makefile"; \
	   echo "# with pip's -c. Regenerate with: make lock"; \
	   $(BIN)/python -m pip freeze --exclude-editable; } > requirements.lock

clean:
	rm -rf $(VENV) .pytest_cache .mypy_cache .ruff_cache .hypothesis
	rm -f datapkg/segment/*.so $(SEGMENT_COMPILED) *__mypyc.*
