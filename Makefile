# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
DATA_DIR ?= data

.PHONY: setup run process test dev bench lint clean validate

# The venv is rebuilt when the lock or pyproject changes.
$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

setup: $(BIN)/.installed

run: setup
	$(BIN)/unreports run --samples --data-dir $(DATA_DIR)/demo

# Your own documents: drop them into data/inbox.
process: setup
	$(BIN)/unreports run --inbox $(DATA_DIR)/inbox --data-dir $(DATA_DIR)

test: setup
	$(BIN)/python -m pytest

dev: setup
	DAGSTER_HOME=$$($(BIN)/python -m pipelines.instance $(DATA_DIR)) $(BIN)/dagster dev -w workspace.yaml

validate: setup
	$(BIN)/dagster definitions validate -w workspace.yaml

# `make bench BENCH_ARGS=--quick` for a smoke run of about 60 pages.
bench: setup
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lint: setup
	$(BIN)/python -m ruff check unreports assets pipelines tests bench

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: setup
	$(BIN)/uv pip compile pyproject.toml --extra dev -p 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) $(DATA_DIR)/warehouse.duckdb $(DATA_DIR)/parquet $(DATA_DIR)/snapshots
