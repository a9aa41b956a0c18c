# Two commands for people: `make serve` and `make test`. Everything else here is what they need.
# Each step installs what it needs, so both work from a fresh clone.

PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMPS := .stamps
export NO_MKDOCS_2_WARNING := 1

.PHONY: serve test test-fast build check paths pages routing lint typecheck clean browser node bench bench-ux dev dist nginx

# SITE_URL, the address the site is published at (docs/hosting.md), is read by the build (so by
# `make build`, `make serve` and `make dist`) from the environment: `SITE_URL=https://… make dist`,
# or `make dist SITE_URL=https://…`, which make passes on to the build as well.
serve: build
	$(PY) scripts/serve.py site 8000

# Tests run on every core (pytest-xdist); the site is built once per run and shared (tests/conftest.py).
PYTEST_JOBS ?= auto

test: $(STAMPS)/venv $(STAMPS)/node browser nginx
	$(PY) -m ruff check decision_tree tests scripts bench
	$(PY) -m mypy
	$(PY) -m pytest -n $(PYTEST_JOBS) --dist worksteal

# The edit-test loop (CONTRIBUTING.md): the engine, the content, the CLI, the renderers, the tools and
# the layers; no site build, no browser, no Node.js.
test-fast: $(STAMPS)/venv
	$(PY) -m pytest -n $(PYTEST_JOBS) --dist worksteal -m "not site and not browser and not node"

# For people who edit the guide: a live-reloading preview on 127.0.0.1:8001 (CONTRIBUTING.md).
dev: $(STAMPS)/venv $(STAMPS)/node
	$(PY) -m mkdocs serve -f mkdocs.dev.yml -a 127.0.0.1:8001 -w decision_tree/content -w overrides

# The pages, plus the Pyodide runtime (from node_modules) and a wheel of decision_tree.
build: $(STAMPS)/venv $(STAMPS)/node
	$(PY) scripts/build_site.py site

# The built site as one tarball for a web server: dist/icp-filing-guide-site.tar.gz (docs/hosting.md).
dist: $(STAMPS)/venv $(STAMPS)/node
	$(PY) scripts/dist.py

check: $(STAMPS)/venv
	$(PY) -m decision_tree check

# Regenerates the reviewed list of every path, in each language; commit the diff after reading it.
paths: $(STAMPS)/venv
	$(PY) -m decision_tree --lang en paths --format markdown > tests/paths.md
	$(PY) -m decision_tree --lang zh paths --format markdown > tests/paths.zh.md

# Writes each province's page in both editions (docs/regions/, docs-zh/regions/) from regions.toml
# and the catalog's regions.page; the build stops when one differs from what this writes.
pages: $(STAMPS)/venv
	$(PY) -m decision_tree.pages.provinces --write

# After a change to the routing (which answer leads where): records it, so that answer codes made
# with it keep opening, and adds its codes to the tests' fixture. Commit both files with the change.
routing: $(STAMPS)/venv
	$(PY) scripts/record_routing.py

# The performance benchmark (bench/run.py): results in bench/results/ and docs/performance.md.
bench: $(STAMPS)/venv $(STAMPS)/node browser
	$(PY) bench/run.py

# The reading measures and the results' reading budget (bench/ux.py, bench/budget.py): bench/results/ux.md.
bench-ux: $(STAMPS)/venv $(STAMPS)/node browser
	$(PY) bench/ux.py

lint: $(STAMPS)/venv
	$(PY) -m ruff check decision_tree tests scripts bench

typecheck: $(STAMPS)/venv
	$(PY) -m mypy

$(STAMPS)/venv: pyproject.toml
	@mkdir -p $(STAMPS)
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e '.[docs,test]'
	@touch $@

# npm ci installs exactly what package-lock.json pins (Pyodide for the site; axe-core, lighthouse for tests).
$(STAMPS)/node: package.json package-lock.json
	@mkdir -p $(STAMPS)
	@command -v npm >/dev/null 2>&1 || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's nodejs and npm"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm >/dev/null; \
	  else \
	    echo "error: Node.js and npm are needed (apt-get install nodejs npm)" >&2; exit 1; \
	  fi; }
	npm ci --no-audit --no-fund --loglevel=error
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

# tests/test_nginx.py serves the dist tarball with Debian's nginx and deploy/nginx.conf, with
# Debian's brotli_static module where it can be installed (without it the test checks gzip only).
NGINX_FOUND := { command -v nginx || test -x /usr/sbin/nginx; } >/dev/null 2>&1
nginx:
	@$(NGINX_FOUND) && test -f /usr/lib/nginx/modules/ngx_http_brotli_static_module.so || { \
	  if command -v apt-get >/dev/null 2>&1 && [ "$$(id -u)" = 0 ]; then \
	    echo "Installing Debian's nginx and its brotli_static module (needed by tests/test_nginx.py)"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx libnginx-mod-http-brotli-static >/dev/null; \
	  elif ! $(NGINX_FOUND); then \
	    echo "error: tests/test_nginx.py needs nginx; install Debian's 'nginx' package (apt-get install nginx)" >&2; exit 1; \
	  fi; }
	@$(NGINX_FOUND) || { echo "error: nginx is still missing after the install attempt" >&2; exit 1; }

clean:
	rm -rf site build dist node_modules $(STAMPS) .pytest_cache .mypy_cache .ruff_cache
