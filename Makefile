# Shopplatform: `make run` starts the demo shop, `make test` runs the whole suite.
PYTHON ?= $(shell command -v python3.11 || command -v python3)
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: install browser run test worker lint format bench bench-admin soak mutate contract

install: $(VENV)/.installed

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[test]"
	touch $@

run: install
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py seed_demo
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT)

# Browser tests drive Debian's Chromium; install it when missing and we may (root with apt-get).
browser:
	@test -x /usr/bin/chromium || { [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null && \
	  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; } || \
	  echo "Chromium not installed: browser tests will be skipped"

# The suite runs on PYTEST_WORKERS pytest-xdist processes (0: in this one), each with its own test database and
# Redis database (tests/parallel.py). Three, on two cores: workers often wait on PostgreSQL, Chromium or a Celery
# worker, and three ran the PostgreSQL suite in 13 minutes against 16.5 for two (docs/testing.md).
PYTEST_WORKERS ?= 3
test: install browser
	$(BIN)/python -m pytest -p tests.parallel -n $(PYTEST_WORKERS) --dist worksteal $(PYTEST_ARGS)

worker: install
	$(BIN)/celery -A shopplatform worker --beat --loglevel=INFO --queues=$${CELERY_QUEUE:-shop}

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports

format: install
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

bench: install
	$(BIN)/python -m bench

bench-admin: install
	nice -n 10 $(BIN)/python -m bench.admin $(BENCH_ADMIN_ARGS)

# Fault-injection soak (docs/operations.md): two web instances, two workers, beat, Redis, S3 and Stripe stand-ins,
# faults on a printed schedule, invariants checked at the end. SOAK_SECONDS=110 is one fault cycle (about 3
# minutes in all); the long soak is SOAK_SECONDS=3300 (30 cycles). Needs PostgreSQL and redis-server.
SOAK_SECONDS ?= 110
soak: install
	$(BIN)/python -m bench.soak --seconds $(SOAK_SECONDS) $(SOAK_ARGS)

# Mutation testing of the modules that guard money, stock and access ([tool.mutmut] in pyproject.toml lists them
# and the tests that cover them); prints the score and the surviving mutants. Long: see docs/testing.md.
# MUTANTS="webhooks.signing*" limits the run to some mutants; results are kept in mutants/ between runs.
mutate: install
	$(BIN)/mutmut run $(MUTANTS)
	$(BIN)/mutmut export-cicd-stats
	@$(BIN)/python -c 'import json; s = json.load(open("mutants/mutmut-cicd-stats.json")); \
	  tried, caught = s["total"] - s["skipped"], s["killed"] + s["timeout"]; \
	  print("Mutation score: %d/%d killed = %.1f %%; survived %d, no tests %d, suspicious %d" % \
	        (caught, tried, 100 * caught / max(tried, 1), s["survived"], s["no_tests"], s["suspicious"]))'
	@echo "Surviving mutants (mutmut show <name> prints the change):"
	$(BIN)/mutmut results

# The OpenAPI document through a generator integrators use for TypeScript (openapi-typescript, then tsc --strict on
# a typed use of it). The Python client is generated, type-checked and driven against a live server by
# tests/contract in `make test`.
contract: install
	$(BIN)/python manage.py spectacular --format openapi-json --fail-on-warn --file var/openapi.json
	cd tests/contract/typescript && npm ci --no-audit --no-fund --silent && \
	  npx openapi-typescript ../../../var/openapi.json -o generated/api.d.ts && npx tsc -p .
