# Retorno: two set-up commands on a fresh machine — `make run` and `make test`.
SHELL := /bin/bash
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python

.PHONY: run test bench lighthouse lock messages lint format search-server search-server-stop

$(VENV)/.installed: requirements.lock
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else "Python 3.11 or newer is needed (set PYTHON=python3.x).")'
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@touch $@

## Site with demo data on the embedded default (SQLite), at http://127.0.0.1:8000/
run: $(VENV)/.installed
	DEBUG=1 bash tools/setup_site.sh
	DEBUG=1 $(PY) manage.py runserver 127.0.0.1:8000

## ruff, then the whole suite on SQLite and on PostgreSQL (installs Chromium/PostgreSQL when root)
test: $(VENV)/.installed
	bash tools/test.sh

## The site under load on PostgreSQL at 15,000 and 150,000 pieces: one table, bench/results/*.json
## (installs wrk and redis-server from Debian when root; starts PostgreSQL and OpenSearch);
## then the directory near me at 2,000 organizations + 500 stops, without the page cache
bench: $(VENV)/.installed
	$(PY) bench/run.py $(BENCH_ARGS)
	$(PY) bench/directory.py

## Lighthouse (mobile) on every public page type in es and en, production settings: one table
## (installs the pinned Lighthouse with npm into tools/lighthouse; runs Debian's Chromium)
lighthouse: $(VENV)/.installed
	$(PY) tools/lighthouse.py $(LIGHTHOUSE_ARGS)

## Rewrite requirements.lock from pyproject.toml
lock:
	$(PYTHON) tools/lock.py

## Extract UI strings into locale/*/django.po (needs gettext) and compile the .mo files (no gettext)
messages: $(VENV)/.installed
	DEBUG=1 $(PY) manage.py makemessages $$(DEBUG=1 $(PY) tools/languages.py) --no-obsolete \
		--ignore=.venv --ignore=static_collected --ignore=tests
	$(PY) tools/compile_messages.py

lint: $(VENV)/.installed
	$(VENV)/bin/ruff check . && $(VENV)/bin/ruff format --check .

format: $(VENV)/.installed
	$(VENV)/bin/ruff check --fix . && $(VENV)/bin/ruff format .

## A real OpenSearch 2.19 node on 127.0.0.1:9200, from Maven Central (needs java and mvn)
search-server:
	bash tools/search_server.sh start

search-server-stop:
	bash tools/search_server.sh stop
