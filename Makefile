# Mentornet: `make demo` runs the app, `make test` runs every check. Needs only Python 3.11+ and make.
PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
PORT   ?= 5000
PIP    := $(BIN)/python -m pip --disable-pip-version-check -q

.PHONY: demo serve lock lock-check test lint typecheck pytest test-postgres test-browser translations bench bench-web clean

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

# Installs come from the hashed locks in requirements/ (`make lock` writes them); the project itself
# goes in last without dependencies, built by the locked setuptools (no unhashed build download).
LOCK_CHECK := $(PYTHON) requirements/lock.py check

$(VENV)/.installed: requirements/runtime.txt pyproject.toml | $(BIN)/python
	@$(LOCK_CHECK)
	$(PIP) install --require-hashes -r requirements/runtime.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@

$(VENV)/.installed-dev: requirements/dev.txt pyproject.toml | $(BIN)/python
	@$(LOCK_CHECK)
	$(PIP) install --require-hashes -r requirements/dev.txt
	$(PIP) install --no-deps --no-build-isolation -e .
	@touch $@ $(VENV)/.installed

## lock: regenerate requirements/*.txt from pyproject.toml, keeping pinned versions (UPGRADE=1: newest)
lock: | $(BIN)/python
	@$(BIN)/python -m uv --version >/dev/null 2>&1 || $(PIP) install uv
	$(BIN)/python requirements/lock.py make $(if $(UPGRADE),--upgrade,)

## lock-check: fail when pyproject.toml asks for something the locks were not made from
lock-check:
	@$(LOCK_CHECK)

## demo: virtualenv, install, compile translations, SQLite database with the reference networks, serve
demo: $(VENV)/.installed translations
	MENTORNET_ENV=development $(BIN)/mentornet demo
	MENTORNET_ENV=development $(BIN)/mentornet serve --port $(PORT)

## translations: compile the .po catalogues to the .mo files the app reads
translations: $(VENV)/.installed
	MENTORNET_ENV=development $(BIN)/mentornet translations compile

## test: development extras, then ruff, mypy, the translation checks and the whole pytest suite (SQLite)
test: lock-check $(VENV)/.installed-dev translations lint typecheck
	MENTORNET_ENV=testing $(BIN)/mentornet translations check
	MENTORNET_ENV=testing $(BIN)/pytest -m "not browser and not postgres" -n 2 -q

lint: $(VENV)/.installed-dev
	$(BIN)/ruff check platform tests
	$(BIN)/ruff format --check platform tests

typecheck: $(VENV)/.installed-dev
	$(BIN)/mypy

## test-postgres: the same suite on PostgreSQL: each test process starts a throw-away cluster of its
## own (initdb in a temporary folder, removed afterwards); MNTEST_DATABASE_URL=... uses a server you name
test-postgres: $(VENV)/.installed-dev translations
	MENTORNET_ENV=testing MNTEST_POSTGRES=1 $(BIN)/pytest -m "not browser" -n 2 -q

## test-browser: Playwright driving the system Chromium
test-browser: $(VENV)/.installed-dev translations
	MENTORNET_ENV=testing $(BIN)/pytest -m browser -q

## bench: matching and dashboard benchmarks; figures in bench-results/*.json (QUICK=1: smaller runs)
bench: $(VENV)/.installed
	MENTORNET_ENV=development $(BIN)/mentornet bench matching $(if $(QUICK),--quick,)
	MENTORNET_ENV=development $(BIN)/mentornet bench reports $(if $(QUICK),--members 5000,)

## bench-web: every staff and member page of issue 16 under gunicorn (2 workers, 10 concurrent) at
## 10,000 members, with a bare Flask page as the reference; bench-results/web.json (QUICK=1: 1 s a page,
## FULL=1: 50,000 members, MNTEST_DATABASE_URL=postgresql://...: PostgreSQL too)
bench-web: $(VENV)/.installed-dev translations
	MENTORNET_ENV=development $(BIN)/mentornet bench web $(if $(QUICK),--quick,) $(if $(FULL),--members 50000,)

clean:
	rm -rf $(VENV) instance build bench-results .pytest_cache .mypy_cache .ruff_cache
	find translations -name '*.mo' -delete
