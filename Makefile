# Newsroom: `make run` serves the site, `make test` runs the suite. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS ?= redis://127.0.0.1:6379/0

.PHONY: run test test-sqlite test-postgres lint format bench install clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

.secret_key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
	@chmod 600 .secret_key

run: $(STAMP) .secret_key
	@export SECRET_KEY="$$(cat .secret_key)"; set -e; \
	$(PY) manage.py migrate --no-input; \
	$(PY) manage.py import_seeds seeds/ || true; \
	$(PY) manage.py demo_editor; \
	$(PY) manage.py collectstatic --no-input --verbosity 0; \
	echo "Serving on http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"; \
	exec $(VENV)/bin/gunicorn newsroom.wsgi:application --bind $(HOST):$(PORT) --workers 2 --no-control-socket --access-logfile -

test: $(STAMP)
	$(PY) -m pytest

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
