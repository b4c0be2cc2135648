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
TRANSLATIONS := webapp/translations
ASSETS := $(shell find webapp/assets -type f 2>/dev/null)
SASS_FLAGS := --quiet-deps --silence-deprecation=import,global-builtin,color-functions \
	--load-path=. --style=compressed --no-source-map

.PHONY: help
help: ## List the targets
	@grep -hE '^[a-zA-Z_-]+:.*## ' $(MAKEFILE_LIST) | \
		awk 'BEGIN {FS = ":.*## "}; {printf "  \033[36m%-22s\033[0m %s\n", $$1, $$2}'

.PHONY: run
run: setup ## Set everything up that is missing, then serve the site on http://$(HOST):$(PORT)
	$(BIN)/flask run --host $(HOST) --port $(PORT)

.PHONY: setup
setup: install data ## Install, migrate the database, load sample data and build the search index

.PHONY: install
install: $(VENV)/.installed assets translations-compile ## Install Python and npm packages and build assets

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

node_modules/.installed: package.json package-lock.json
	npm ci --no-audit --no-fund
	touch $@

.PHONY: assets
assets: $(STATIC)/.built ## Build GOV.UK Frontend with our brand into webapp/static

$(STATIC)/.built: node_modules/.installed $(ASSETS)
	mkdir -p $(STATIC)/js $(STATIC)/images
	npx sass $(SASS_FLAGS) webapp/assets/scss/application.scss $(STATIC)/application.css
	cp node_modules/govuk-frontend/dist/govuk/govuk-frontend.min.js $(STATIC)/js/
	cp webapp/assets/js/*.js $(STATIC)/js/
	cp webapp/assets/images/* $(STATIC)/images/
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
	$(BIN)/pybabel -q extract -F babel.cfg -k _l --sort-by-file -o $(TRANSLATIONS)/messages.pot webapp
	$(BIN)/pybabel -q update -i $(TRANSLATIONS)/messages.pot -d $(TRANSLATIONS)

MO_FILES := $(patsubst %.po,%.mo,$(wildcard $(TRANSLATIONS)/*/LC_MESSAGES/messages.po))
.PHONY: translations-compile
translations-compile: $(MO_FILES) ## Compile the .po catalogues the site uses

%.mo: %.po | $(VENV)/.installed
	$(BIN)/pybabel -q compile --use-fuzzy -i $< -o $@

.PHONY: clean
clean: ## Remove what the Makefile builds (not the database)
	rm -rf $(STATIC) node_modules $(VENV) .pytest_cache .ruff_cache

.PHONY: bench
bench: install ## Measure speed and write the report to bench-report.md
	$(BIN)/python -m benchmarks
