# Two entry points for a fresh machine: `make demo` (build seeds/ into out/) and `make test`.
# `make model` retrains the relation scorer from ../shared and data/annotated (seed 0).
# `make notebook` opens notebooks/explore.ipynb in JupyterLab; `make screenshot` refreshes the
# README's picture of the explorer (docs/explorer.png), which nothing else writes.
PYTHON ?= python3
VENV   ?= .venv
BIN     = $(VENV)/bin

.PHONY: demo test notebook screenshot model setup setup-test browser node clean

$(BIN)/kg: setup.cfg pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	@touch $(BIN)/kg

setup: $(BIN)/kg

$(VENV)/.test-deps: $(BIN)/kg
	$(BIN)/pip install --quiet -e '.[test]'
	@touch $@

setup-test: $(VENV)/.test-deps browser node

$(VENV)/.notebook-deps: $(BIN)/kg
	$(BIN)/pip install --quiet -e '.[notebook]'
	@touch $@

# Debian's chromium for the browser tests (playwright's own browser download is not used).
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq chromium >/dev/null; \
	  else echo "chromium missing: browser tests will be skipped (apt-get install chromium)"; fi; }

# graphology-graphml, the GraphML parser of Gephi Lite, for the GraphML consumer test.
node: tests/js/node_modules/.installed
tests/js/node_modules/.installed: tests/js/package.json
	@if command -v npm >/dev/null 2>&1; then cd tests/js && npm install --silent --no-audit --no-fund && touch node_modules/.installed; \
	else echo "npm missing: the graphology test will be skipped"; fi

demo: setup
	$(BIN)/kg build seeds -o out

test: setup-test
	$(BIN)/python -m pytest -q

# As root (a container), JupyterLab refuses to start without --allow-root.
notebook: $(VENV)/.notebook-deps
	$(BIN)/jupyter lab $$([ "$$(id -u)" = 0 ] && echo --allow-root) $(JUPYTER_ARGS) notebooks/explore.ipynb

$(VENV)/.train-deps: $(BIN)/kg
	$(BIN)/pip install --quiet -e '.[train]'
	@touch $@

model: $(VENV)/.train-deps
	$(BIN)/kg train

screenshot: setup-test
	$(BIN)/python docs/screenshot.py docs/explorer.png

clean:
	rm -rf $(VENV) out/graph.* .pytest_cache
