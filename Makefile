# Two commands for a fresh clone: `make run` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
FLASK := $(BIN)/flask --app wsgi
PIP := $(BIN)/pip --disable-pip-version-check -q

.PHONY: run test lint check-catalogue clean

run: $(VENV)/.installed instance/secret_key
	$(FLASK) catalogue load
	$(BIN)/gunicorn --config gunicorn.conf.py wsgi:app

test: $(VENV)/.installed-test instance/secret_key
	$(BIN)/ruff check .
	$(FLASK) catalogue check
	$(BIN)/pytest

lint: $(VENV)/.installed-test
	$(BIN)/ruff check .

$(VENV)/bin/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml | $(VENV)/bin/python
	$(PIP) install -e '.[test]'
	touch $@ $(VENV)/.installed

# A strong random key for signing sessions, written once and never committed.
instance/secret_key:
	mkdir -p instance
	$(PYTHON) -c "import secrets; print(secrets.token_hex(32))" > $@
	chmod 600 $@

clean:
	rm -rf $(VENV) .pytest_cache .ruff_cache *.egg-info
