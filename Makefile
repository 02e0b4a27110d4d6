# The justice-gap report. `make` lists the targets; `make report` and `make test` do all set-up.
.DEFAULT_GOAL := help
SHELL := /bin/bash

PYTHON3 ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
KERNEL := justicegap
# Everything reproducible: timestamps come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)
export PYTHONHASHSEED := 0
export MPLBACKEND := Agg
export PIP_DISABLE_PIP_VERSION_CHECK := 1

.PHONY: help report test test-fast validate lab bench clean lock venv browser-deps dictionary

help: ## List the targets
	@echo "Usage: make <target>"
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | awk 'BEGIN {FS = ":.*## "} {printf "  %-14s %s\n", $$1, $$2}'

$(STAMP): requirements.lock
	@echo "Setting up $(VENV) from requirements.lock with uv (first run takes under a minute)..."
	@test -x $(PY) || $(PYTHON3) -m venv $(VENV) \
	  || { echo "error: '$(PYTHON3) -m venv' failed (on Debian: apt-get install python3-venv)" >&2; exit 1; }
	@bash tools/install-lock.sh $(VENV) requirements.lock
	@$(PY) -c "import pandas, papermill, nbconvert, lifelines, pandera, weasyprint, pikepdf, uharfbuzz, jupytext" \
	  || { echo "error: installing requirements.lock into $(VENV) failed" >&2; exit 1; }
	@$(PY) -c "import pathlib, site; pathlib.Path(site.getsitepackages()[0], 'justicegap.pth').write_text('$(CURDIR)/src\n')"
	@$(PY) -m ipykernel install --sys-prefix --name $(KERNEL) --display-name "Justice gap (.venv)" >/dev/null
	@mkdir -p $(VENV)/etc/ipython && echo 'c.IPKernelApp.log_level = "ERROR"' > $(VENV)/etc/ipython/ipython_kernel_config.py
	@touch $(STAMP)

venv: $(STAMP) ## Create .venv from the lock file (done automatically by the other targets)

report: $(STAMP) ## Validate the data, then build reports/<version>/ (HTML + PDF); AS_OF=YYYY-MM-DD, SGBC_SCOPE=broad
	@$(PY) -m justicegap.cli report $(if $(AS_OF),--as-of "$(AS_OF)") $(if $(SGBC_SCOPE),--sgbc-scope "$(SGBC_SCOPE)")

validate: $(STAMP) ## Check data/ against its schema and the rules of procedure
	@$(PY) -m justicegap.cli validate

dictionary: $(STAMP) ## Regenerate docs/DATA_DICTIONARY.md from data/datapackage.json
	@$(PY) -m justicegap.cli dictionary

browser-deps: ## Install Debian's chromium for the browser tests (needs root; skipped otherwise)
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
	    echo "Installing Debian chromium for the browser tests..."; \
	    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null) \
	      || echo "warning: could not install chromium; browser tests will be skipped" >&2; \
	  else echo "note: chromium not installed and not root; browser tests will be skipped" >&2; fi; }

test: $(STAMP) browser-deps ## Run the whole test suite (unit, property, notebooks, build, browser)
	@$(PY) -m pytest -n 2 --dist loadgroup -q

test-fast: $(STAMP) ## Run the test suite without the slow tests
	@$(PY) -m pytest -n 2 -q -m "not slow"

lab: $(STAMP) ## Open JupyterLab on notebooks/ with the project kernel
	@$(PY) -m jupyter lab --notebook-dir=notebooks $(if $(filter 0,$(shell id -u)),--allow-root,)

bench: $(STAMP) ## Measure build speed and analysis scaling; writes reports/bench/results.json
	@$(PY) -m justicegap.bench

lock: ## Re-resolve requirements.in into requirements.lock (needs network)
	@rm -rf /tmp/justicegap-lock && $(PYTHON3) -m venv /tmp/justicegap-lock
	@/tmp/justicegap-lock/bin/pip install --quiet -r requirements.in
	@{ echo "# Pinned, complete dependency set (Python 3.11, Linux x86_64). Regenerate with: make lock"; \
	  /tmp/justicegap-lock/bin/pip freeze --exclude-editable; } > requirements.lock
	@echo "requirements.lock updated; run: make test"

clean: ## Remove build output and the virtual environment (keeps published report versions)
	rm -rf $(VENV) reports/.cache reports/.tmp-* reports/_failed reports/_scratch reports/bench .pytest_cache
