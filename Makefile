# Two commands for people: `make serve` and `make test`. Everything else here is what they need.
# Each step installs what it needs, so both work from a fresh clone.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test build check paths lint typecheck clean browser

serve: build
	@echo "Serving the built site on http://127.0.0.1:8000 (Ctrl-C to stop)"
	$(PY) -m http.server 8000 --bind 127.0.0.1 --directory site

test: $(STAMPS)/venv browser
	$(PY) -m ruff check decision_tree tests
	$(PY) -m mypy
	$(PY) -m pytest

build: $(STAMPS)/venv
	$(VENV)/bin/mkdocs build --strict

check: $(STAMPS)/venv
	$(PY) -m decision_tree check

# Regenerates the reviewed list of every path; commit the diff after reading it.
paths: $(STAMPS)/venv
	$(PY) -m decision_tree paths --format markdown > tests/paths.md

lint: $(STAMPS)/venv
	$(PY) -m ruff check decision_tree tests

typecheck: $(STAMPS)/venv
	$(PY) -m mypy

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[docs,test]'
	@touch $@

# Browser tests use Debian's Chromium; a test tool never downloads its own browser.
browser:
	@command -v chromium >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's chromium (needed by the browser tests)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	  else \
	    echo "error: the browser tests need Chromium at /usr/bin/chromium; install Debian's 'chromium' package (apt-get install chromium)" >&2; exit 1; \
	  fi; }
	@command -v chromium >/dev/null 2>&1 || { echo "error: chromium is still missing after the install attempt" >&2; exit 1; }

clean:
	rm -rf site build dist $(STAMPS) .pytest_cache .mypy_cache .ruff_cache
