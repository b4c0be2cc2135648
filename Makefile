# Dorset Care Guide: the developer's front door. `make help` lists the targets.
SHELL := /bin/bash
.DEFAULT_GOAL := help

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
HOST ?= 127.0.0.1
PORT ?= 5000
export FLASK_APP := webapp
# make run serves the development configuration; production sets APP_ENV itself.
export APP_ENV ?= development

STATIC := webapp/static
# The lock: production packages, and those plus the development and test tools.
LOCK := requirements/requirements.txt
DEV_LOCK := requirements/requirements-dev.txt
PIP_COMPILE := CUSTOM_COMPILE_COMMAND="make lock" $(BIN)/pip-compile --quiet --generate-hashes \
	--allow-unsafe --strip-extras --no-emit-index-url --no-emit-find-links
TRANSLATIONS := webapp/translations
ASSETS := $(shell find webapp/assets -type f 2>/dev/null)
SASS_FLAGS := --quiet-deps --silence-deprecation=import,global-builtin,color-functions \
	--load-path=. --style=compressed --no-source-map

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-22s\033[0m %s\n", $$1, $$2}'

.PHONY: run
run: setup ## Set everything up that is missing, then serve the site (HOST, PORT: 127.0.0.1:5000)
	$(BIN)/flask run --host $(HOST) --port $(PORT)

.PHONY: setup
setup: install data ## Install, migrate the database, load sample data and build the search index

.PHONY: install
install: $(VENV)/.installed assets translations-compile ## Install Python and npm packages and build assets

# Exact versions with hashes from the lock, then the project itself with nothing more.
$(VENV)/.installed: pyproject.toml $(DEV_LOCK)
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet --require-hashes -r $(DEV_LOCK)
	$(BIN)/python -m pip install --quiet --no-deps -e .
	touch $@

$(BIN)/python:
	$(MAKE) $(VENV)/.installed

.PHONY: lock
lock: ## Pin every Python package with hashes, from the ranges in pyproject.toml, into requirements/
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	test -x $(BIN)/pip-compile || $(BIN)/python -m pip install --quiet pip-tools
	$(PIP_COMPILE) --extra production -o $(LOCK) pyproject.toml
	$(PIP_COMPILE) --extra production --extra test -o $(DEV_LOCK) pyproject.toml

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

.PHONY: assets
assets: $(STATIC)/.built ## Build GOV.UK Frontend with our brand into webapp/static

# Built from scratch each time, so no file of an earlier build is left to be served. It needs
# only the app's own packages: in production, the virtualenv installed from the production lock.
$(STATIC)/.built: node_modules/.installed $(ASSETS) | $(BIN)/python
	rm -rf $(STATIC) && mkdir -p $(STATIC)/js $(STATIC)/images $(STATIC)/root
	npx sass $(SASS_FLAGS) webapp/assets/scss/application.scss $(STATIC)/application.css
	cp webapp/assets/js/*.js $(STATIC)/js/
	npx esbuild webapp/assets/js/application.js --bundle --minify --format=esm --target=es2020 \
		--log-level=warning --outfile=$(STATIC)/js/application.js --allow-overwrite
	cp webapp/assets/images/* $(STATIC)/images/
	cp webapp/assets/root/* $(STATIC)/root/
	$(BIN)/python -c 'from webapp.static_files import main; main()' $(STATIC)
	touch $@

.PHONY: data
data: $(VENV)/.installed ## Migrate the database, load sample data if empty, bring the index up to date
	$(BIN)/flask db upgrade
	$(BIN)/flask directory load-sample --if-empty
	$(BIN)/flask search ensure

.PHONY: test
test: install lint ## Run every test (browser tests too) and the checks
	$(BIN)/flask content check
	$(BIN)/pytest

.PHONY: fuzz
fuzz: install ## Send 10,200 generated inputs to every form, page and API endpoint; fails on any 5xx
	FUZZ_EXAMPLES=3400 $(BIN)/pytest tests/fuzz -q

.PHONY: lint
lint: $(VENV)/.installed ## ruff check and ruff format --check
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

.PHONY: format
format: $(VENV)/.installed ## Format and fix the code with ruff
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

.PHONY: translations-extract
translations-extract: $(VENV)/.installed ## Extract marked strings into messages.pot and update catalogues
	$(BIN)/pybabel -q extract -F babel.cfg -k _l -k lazy_ngettext:1,2 --sort-by-file -o $(TRANSLATIONS)/messages.pot webapp
	$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))
.PHONY: translations-compile
translations-compile: $(MO_FILES) ## Compile the .po catalogues the site uses

%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel -q compile --use-fuzzy -i $< -o $@

.PHONY: clean
clean: ## Remove what the Makefile builds (not the database)
	rm -rf $(STATIC) node_modules $(VENV) .pytest_cache .ruff_cache

# BENCH="pages planner" runs only those (calculators, planner, directory, pages); BENCH_SECONDS
# sets how long wrk loads each page (30).
BENCH ?=
.PHONY: bench
bench: install ## Measure speed and write the report to bench-report.md
	command -v wrk >/dev/null || DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null \
		|| echo "wrk is not installed and could not be: throughput will be skipped"
	$(BIN)/python -m benchmarks $(BENCH)
