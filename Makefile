# No set-up step and nothing to activate: every target creates .venv and installs pinned
# requirements first (re-installing only when a requirements file changes).
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
RUNTIME_STAMP := $(VENV)/.runtime-installed
DEV_STAMP := $(VENV)/.dev-installed

.PHONY: serve build preview-site validate new regenerate test clean goldens bench

serve: $(RUNTIME_STAMP)
	$(PY) build_site.py serve

build: $(RUNTIME_STAMP)
	$(PY) build_site.py build --strict

# The built site/, search included, under its published sub-path (http://127.0.0.1:8001/casebook/).
preview-site: build
	$(PY) build_site.py preview-site

validate: $(RUNTIME_STAMP)
	$(PY) build_site.py validate

# A new case study: asks for each field in a terminal. Flags go in ARGS: make new ARGS="--help".
new: $(RUNTIME_STAMP)
	$(PY) build_site.py new $(ARGS)

# After a change to the taxonomy or the schema: the issue form, the JSON Schema and the reference.
regenerate: $(RUNTIME_STAMP)
	$(PY) build_site.py issue-form
	$(PY) build_site.py schema
	$(PY) build_site.py reference

test: $(DEV_STAMP)
	bash scripts/install-browser.sh $(PY)
	bash scripts/install-node-tools.sh
	$(PY) -m pytest

# Benchmarks at 100, 1,000 and 5,000 synthetic case studies (about an hour on 2 cores); see benchmarks/README.md.
# BENCH_SIZES=100,1000,5000,10000 adds 10,000. Writes benchmarks/results/latest.json.
BENCH_SIZES ?= 100,1000,5000
bench: $(DEV_STAMP)
	$(PY) -m benchmarks.harness --sizes $(BENCH_SIZES) --serve-at 1000

# Regenerate the golden files after an intended change to generated pages; review the diff.
goldens: $(DEV_STAMP)
	$(PY) -m pytest tests/test_golden.py --update-goldens

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip

$(RUNTIME_STAMP): requirements.txt | $(VENV)/bin/python
	$(PY) -m pip install --quiet -r requirements.txt
	touch $@

$(DEV_STAMP): requirements.txt requirements-dev.txt $(RUNTIME_STAMP)
	$(PY) -m pip install --quiet -r requirements-dev.txt
	touch $@

# Generated paths come from casebook/addresses.py (GENERATED_DIRS); tests/test_repo_hygiene.py keeps this list in step.
GENERATED := index.md model.md evidence.md case-studies themes services stages councils data insights search compare assess benchmark
clean:
	rm -rf site site.new site.old .cache $(addprefix docs/,$(GENERATED))
