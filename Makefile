# Newsroom: `make run` serves the site, `make test` runs the suite. Both set up .venv first.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed-stamp
HOST ?= 127.0.0.1
PORT ?= 8000
PG_URL ?= postgres://postgres@127.0.0.1:5432/test
REDIS ?= redis://127.0.0.1:6379/0

.PHONY: run test test-sqlite test-postgres lint format bench bench-http eval install clean axe

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

.secret_key:
	@$(PYTHON) -c "import secrets; print(secrets.token_urlsafe(50))" > .secret_key
	@chmod 600 .secret_key

# Scheduled changes go live within a minute: publish_scheduled runs every minute beside gunicorn
# (a cron job in production) and stops when gunicorn (which takes the shell's process id) ends.
run: $(STAMP) .secret_key
	@export SECRET_KEY="$$(cat .secret_key)"; set -e; \
	$(PY) manage.py migrate --no-input; \
	$(PY) manage.py import_seeds --allow-conflicts seeds/ || echo "Some seeds failed (see above); serving the others."; \
	$(PY) manage.py demo_editor --password-file .demo_password; \
	$(PY) manage.py collectstatic --no-input --verbosity 0; \
	echo "Serving on http://$(HOST):$(PORT)/ (admin at http://$(HOST):$(PORT)/admin/)"; \
	( while sleep 60; do kill -0 $$$$ 2>/dev/null || exit 0; \
	  $(PY) manage.py publish_scheduled --verbosity 0 || true; done ) & \
	HOST=$(HOST) PORT=$(PORT) exec $(VENV)/bin/gunicorn -c gunicorn.conf.py

# axe-core for the browser tests' accessibility checks, from the npm registry, kept out of git.
AXE := .cache/npm/node_modules/axe-core/axe.min.js
$(AXE):
	npm install --no-save --no-audit --no-fund --prefix .cache/npm axe-core@4

axe: $(AXE)

test: $(STAMP) $(AXE)
	$(PY) -m pytest


# Not part of `make test` (tests/test_bench_smoke.py runs a 10-second version): import, extraction
# and HTTP throughput; prints one table and writes bench/results.md. BENCH_SCALE=0.1 for a quick run.
bench: $(STAMP)
	$(PY) bench/run.py

# Only the request rows, on an existing (kept) SQLite database: BENCH_HTTP_SQLITE=path.
bench-http: $(STAMP)
	BENCH_HTTP_SQLITE=$${BENCH_HTTP_SQLITE:?set it to an existing SQLite database} $(PY) bench/run.py --http-only

# Quote extraction scores, one line per truth set: the invented sets and tests/data/real (strict,
# the product's own rule), then PolNeAR dev with the shared scorer's lenient rule when ../shared is
# there (development only: no test reads ../shared).
TRUTH_SETS := $(patsubst %/,%,$(sort $(dir $(wildcard tests/data/*/*.json))))
POLNEAR_DEV := ../shared/polnear/dev
eval: $(STAMP)
	@echo "strict (product rule)"
	@DEBUG=1 $(PY) manage.py evaluate_quotes --summary $(filter-out tests/data/lenient,$(TRUTH_SETS))
	@if [ -d $(POLNEAR_DEV) ]; then echo; echo "lenient (shared PolNeAR scorer's rule)"; \
	  DEBUG=1 $(PY) manage.py evaluate_quotes --summary --lenient $(POLNEAR_DEV); fi

lint: $(STAMP)
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: $(STAMP)
	$(VENV)/bin/ruff format .
	$(VENV)/bin/ruff check --fix .

clean:
	rm -rf $(VENV) staticfiles .pytest_cache
