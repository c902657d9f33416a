# The Briefing Archive. Set-up on a fresh machine is two commands: `make serve`, `make test`.
# Every target installs what it needs (a .venv from the pinned requirements.txt).

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
PY := $(BIN)/python
STAMP := $(VENV)/.installed

# Silence the MkDocs 2.0 banner printed by Material; the pins keep us on MkDocs 1.x.
export NO_MKDOCS_2_WARNING := 1
# Browser tests drive this Chromium; `make test` installs Debian's package when it is missing.
export CHROMIUM_PATH ?= /usr/bin/chromium
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

# Reproducible output: timestamps come from the last commit, not the clock.
export SOURCE_DATE_EPOCH ?= $(shell git log -1 --format=%ct 2>/dev/null || echo 0)

.PHONY: serve build offline check links test test-fast lint format golden lock clean chromium bench

$(STAMP): requirements.txt
	$(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --disable-pip-version-check -r requirements.txt
	touch $(STAMP)

## serve: generate the pages and preview the site at http://127.0.0.1:8000/; an edit is seen at once (inotify),
## redoes only what it touched and rebuilds only the pages it changed; a broken source shows its problems in the
## browser over the last good site. (Plain `mkdocs serve` works too: the hook generates.)
serve: $(STAMP)
	$(PY) -m build_tools serve --dev-addr 127.0.0.1:8000

## build: generate the pages and build the site into site/; docs/ and site/ change only on success.
## ENGINE=properdocs or ENGINE=zensical builds with those instead of MkDocs;
## SEARCH=pagefind gives readers Pagefind's chunked search instead of Material's single index.
ENGINE ?= mkdocs
build: $(STAMP)
	$(PY) -m build_tools site --engine $(ENGINE)

## offline: build site-offline/, a copy that works opened from disk (search included)
offline: $(STAMP)
	$(PY) -m build_tools offline

## check: validate every source file and report all problems at once
check: $(STAMP)
	$(PY) -m build_tools check

## links: every linking decision, with its sentence and reason (ARTICLES="articles/x.md ..."; all by default)
links: $(STAMP)
	$(PY) -m build_tools links $(ARTICLES)

## test: lint, then every test (browser tests included)
test: $(STAMP) lint chromium
	$(PY) -m pytest

## test-fast: the edit-test loop: lint, then every test but the browser and whole-build ones, on every core
## (well under a minute; `make test` runs them all, as CI does)
test-fast: $(STAMP) lint
	$(PY) -m pytest -m "not slow and not browser" -n auto -q

## chromium: install Debian's chromium for the browser tests, if CHROMIUM_PATH is missing
chromium:
	@[ -x "$(CHROMIUM_PATH)" ] || { \
	  echo "Installing Debian's chromium for the browser tests..."; \
	  $(SUDO) apt-get update -qq && \
	  $(SUDO) env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium >/dev/null; }
	@[ -x "$(CHROMIUM_PATH)" ] || { echo "chromium is not at $(CHROMIUM_PATH); set CHROMIUM_PATH"; exit 1; }

lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .

format: $(STAMP)
	$(BIN)/ruff format .
	$(BIN)/ruff check --fix .

## bench: time generation and the full build at 100, 1,000 and 5,000 articles (SIZES=... to change),
## and search (Material and Pagefind) in headless Chromium
SIZES ?= 100,1000,5000
bench: $(STAMP) chromium
	$(PY) -m bench --sizes $(SIZES)

## golden: rewrite the expected files of the golden tests (review the diff!)
golden: $(STAMP)
	UPDATE_GOLDEN=1 $(PY) -m pytest tests/test_golden.py

## lock: re-resolve requirements.in into exact pins in requirements.txt
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check -r requirements.in
	{ echo "# Exact pins for the site and its tests; make installs this into .venv."; \
	  echo "# Regenerate with: make lock (after editing requirements.in)."; \
	  .venv-lock/bin/pip freeze; } > requirements.txt
	rm -rf .venv-lock

clean:
	rm -rf site site-offline .build-* $(addprefix docs/,articles briefings glossary people organisations timeline feeds annotations data cite corrections)
