# Two commands on a fresh machine: `make run` and `make test`. Everything else is optional.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV_VERSION := 0.13.8
DATA_DIR ?= data

.PHONY: setup run process test test-slow dev bench lint clean validate

# The venv is rebuilt when the lock or pyproject changes.
$(BIN)/.installed: requirements.lock pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check uv==$(UV_VERSION)
	$(BIN)/uv pip sync --quiet --compile-bytecode --python $(BIN)/python requirements.lock
	$(BIN)/uv pip install --quiet --python $(BIN)/python --no-deps -e .
	touch $@

# OCR for scanned PDFs: tesseract and its language data, from Debian packages when run as
# root with apt-get (skipped quietly otherwise; image-only PDFs are then rejected with how to
# install it). Nothing is done when every language is already there.
OCR_PACKAGES := tesseract-ocr tesseract-ocr-eng tesseract-ocr-ara tesseract-ocr-fra
OCR_LANGUAGES := eng ara fra

setup: $(BIN)/.installed
	@missing=0; for l in $(OCR_LANGUAGES); do tesseract --list-langs 2>/dev/null | grep -qx $$l || missing=1; done; \
	if [ $$missing = 1 ] && [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	  echo "installing tesseract for OCR: $(OCR_PACKAGES)"; \
	  (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
	    $(OCR_PACKAGES)) >/dev/null 2>&1 || echo "tesseract not installed (apt-get failed): scanned PDFs will be rejected"; \
	fi

run: setup
	$(BIN)/unreports run --samples --data-dir $(DATA_DIR)/demo

# Your own documents: drop them into data/inbox.
process: setup
	$(BIN)/unreports run --inbox $(DATA_DIR)/inbox --data-dir $(DATA_DIR)

# The everyday tier (under 3 minutes on 2 cores); CI also runs the slow tier.
test: setup
	$(BIN)/python -m pytest -m "not slow"

# End-to-end runs over many documents, a real Postgres, hostile and killed runs, the
# 40 MB done-when run of the untrusted-input issue.
test-slow: setup
	UNREPORTS_SLOW=1 $(BIN)/python -m pytest -m slow

# exec: Ctrl-C (SIGINT to the foreground group) reaches dagster dev directly; it stops its
# webserver, daemon and code server in about 5 s.
dev: setup
	DAGSTER_HOME=$$($(BIN)/python -m pipelines.instance $(DATA_DIR)) exec $(BIN)/dagster dev -w workspace.yaml

validate: setup
	$(BIN)/dagster definitions validate -w workspace.yaml

# `make bench BENCH_ARGS=--quick` for a smoke run of about 60 pages.
bench: setup
	$(BIN)/python -m bench.run $(BENCH_ARGS)

lint: setup
	$(BIN)/python -m ruff check unreports assets pipelines tests bench
	$(BIN)/python -m mypy unreports

# Regenerate the lock after changing dependencies in pyproject.toml.
lock: setup
	$(BIN)/uv pip compile pyproject.toml --extra dev --extra samples -p 3.11 -o requirements.lock

clean:
	rm -rf $(VENV) $(DATA_DIR)/warehouse.duckdb $(DATA_DIR)/parquet $(DATA_DIR)/snapshots
