# Two commands on a fresh machine with Python 3.11:
#   make        run the whole pipeline (creates the locked environment on first use), then
#               check its headline numbers against reference/answers.yaml
#   make test   run the full test suite the same way
#   make autograder   build dist/autograder.zip, the Gradescope autograder (docs/grading.md)
# The environment is rebuilt whenever requirements.lock or pyproject.toml changes.

PYTHON ?= python3.11
# resolved here, before PATH below leads to the venv
BASE_PYTHON := $(shell command -v $(PYTHON))
VENV := .venv
STAMP := $(VENV)/.installed
CORES ?= 4
ARGS ?=
# torch==2.13.0+cpu: pip finds it where it is set up with a local wheel folder; elsewhere it
# comes from PyTorch's CPU wheel index, tried only when the plain install cannot find it.
TORCH_INDEX ?= https://download.pytorch.org/whl/cpu

# Recipes, and the processes they start (cluster job scripts call `python`), use the venv.
export PATH := $(CURDIR)/$(VENV)/bin:$(PATH)
export VIRTUAL_ENV := $(CURDIR)/$(VENV)

.PHONY: run test unit lint autograder clean-venv
.DEFAULT_GOAL := run

$(STAMP): requirements.lock pyproject.toml
	$(BASE_PYTHON) -m venv --clear $(VENV)
	$(VENV)/bin/pip install --quiet -r requirements.lock \
	  || $(VENV)/bin/pip install --quiet --extra-index-url $(TORCH_INDEX) -r requirements.lock
	$(VENV)/bin/pip install --quiet --no-deps -e .
	$(VENV)/bin/cs229ps2 compile
	touch $@

run: $(STAMP)
	$(VENV)/bin/snakemake --cores $(CORES) $(ARGS)
	$(VENV)/bin/cs229ps2 check

test: $(STAMP)
	$(VENV)/bin/python -m pytest $(ARGS)

unit: $(STAMP)
	$(VENV)/bin/python -m pytest tests/unit $(ARGS)

lint: $(STAMP)
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check . && $(VENV)/bin/snakemake --lint

autograder: $(STAMP)
	$(VENV)/bin/cs229ps2 autograder --output dist/autograder.zip

clean-venv:
	rm -rf $(VENV)
