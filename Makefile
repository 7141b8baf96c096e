# On a fresh machine with Python 3.11+ and make:
#   make demo       installs dtbd with its runtime dependencies only and runs its main job
#   make test       installs dtbd with every engine and the test tools, runs the tests
#   make lint       ruff check, ruff format --check, mypy --strict
#   make docs       builds the documentation site into site/ (mkdocs build --strict)
#   make notebook   runs docs/tutorial.ipynb top to bottom; any error fails
#   make check      test and lint
#
# Choose the Python with PYTHON (3.11 or newer), e.g. `make demo PYTHON=python3.12`, and
# the virtual environment with VENV (default .venv). The developers' tools are the PEP 735
# groups of pyproject.toml (test, lint, docs, dev), installed with `pip install --group`,
# which needs pip 25.1 or newer: a new environment upgrades pip first.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PIP := $(BIN)/python -m pip

.PHONY: demo test lint docs notebook check clean

# Before a new environment is made, the Python must be 3.11 or newer: said in one line.
GOAL := $(or $(firstword $(MAKECMDGOALS)),demo)
ifeq ($(wildcard $(BIN)/python),)
ifneq ($(GOAL),clean)
FOUND := $(shell $(PYTHON) -c 'import sys; print("ok" if sys.version_info >= (3, 11) else sys.version.split()[0])' 2>/dev/null)
ifeq ($(FOUND),)
$(error $(PYTHON) cannot be run; dtbd needs Python 3.11 or newer: make $(GOAL) PYTHON=python3.12)
else ifneq ($(FOUND),ok)
$(error $(PYTHON) is Python $(FOUND) and dtbd needs 3.11 or newer: make $(GOAL) PYTHON=python3.12)
endif
endif
endif

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)
	$(PIP) install --quiet --upgrade 'pip>=25.1'

# dtbd and its runtime dependencies, nothing else; pip shows what it fetches.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(PIP) install -e .
	touch $@

# Every engine and reader (the tests run each case through each), and the test tools.
$(VENV)/.installed-test: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[all]' --group test
	touch $@

$(VENV)/.installed-lint: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[all]' --group lint
	touch $@

$(VENV)/.installed-docs: pyproject.toml | $(BIN)/python
	$(PIP) install -e '.[all]' --group docs
	touch $@

demo: $(VENV)/.installed
	$(BIN)/dtbd demo

# On every core (pytest-xdist). --dist loadfile keeps a file's tests in one worker: the
# blocks of a docs page share one namespace, and tests/test_spark.py one SparkSession
# (loadgroup would be finer, but xdist 3.8 cannot mark groups on pytest 9.2's node ids).
# A serial run: make test PYTEST_ARGS="-n 0".
test: $(VENV)/.installed-test
	$(BIN)/python -m pytest -q -n auto --dist loadfile $(PYTEST_ARGS)

lint: $(VENV)/.installed-lint
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/mypy --strict src/ tests/typing/

docs: $(VENV)/.installed-docs
	$(BIN)/mkdocs build --strict

notebook: $(VENV)/.installed-docs
	$(BIN)/python scripts/run_notebook.py docs/tutorial.ipynb

check: test lint

clean:
	rm -rf $(VENV) site .pytest_cache .mypy_cache .ruff_cache .hypothesis
