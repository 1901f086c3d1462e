# One entry point for readers, translators and CI. `make serve` and `make test`
# are the two set-up commands: each creates .venv and installs the locked set first.
SHELL := /bin/bash
.DEFAULT_GOAL := serve

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
# The install is redone only when the lock or the project file changes.
STAMP  := $(VENV)/.installed-lock
# axe-core for the browser tests, pinned in package-lock.json; reinstalled only when the
# lock changes. Building and serving need only the venv.
NODE_STAMP := node_modules/.installed-lock

# Run the `handbook` command; GNU make itself exits with 2 whenever a recipe fails, so the
# command's own exit status (1 findings or policy, 2 usage or unreadable input) is named.
HANDBOOK = $(BIN)/handbook
define handbook
@$(HANDBOOK) $(1); status=$$?; if [ $$status -ne 0 ]; then echo "handbook $(word 1,$(1)): exit status $$status" >&2; fi; exit $$status
endef

# The MkDocs 2 banner is not a log warning; silencing it keeps real warnings visible.
export NO_MKDOCS_2_WARNING := 1
# mike runs `mkdocs build` as a subprocess: the venv's bin must come first on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: serve site test install lock clean translations publish editions check bench lint

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# The `handbook` package and command, editable: hooks/handbook/ is the code you edit.
	@# No build isolation: the locked setuptools builds it, nothing is fetched for it.
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@# Its bytecode, compiled once: where PYTHONDONTWRITEBYTECODE is set (many CI images),
	@# every build would otherwise compile the package's modules again (about 0.05 s CPU each time).
	$(BIN)/python -m compileall -q hooks
	@# mike switches to `properdocs build` as soon as properdocs is installed.
	@! $(BIN)/python -m pip show --quiet properdocs 2>/dev/null || { echo "error: properdocs is installed in $(VENV); mike would build with it" >&2; exit 1; }
	@touch $@

$(NODE_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found; install Node.js and npm (apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund
	@touch $@

# PORT=8001 (or ADDR=host:port) when 8000 is taken; a busy port is one clear line.
# `handbook serve` is `mkdocs serve --strict --livereload` with the preview's site in
# memory where the machine has room (README, "Live preview"); TMPDIR=... keeps it elsewhere.
PORT ?= 8000
ADDR ?= 127.0.0.1:$(PORT)
serve: $(STAMP)
	$(call handbook,serve --dev-addr $(ADDR))

site: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --site-dir site

# Editions (see README, "Publishing an edition"): build strictly and commit one edition
# to the local gh-pages branch with mike; ALIAS (e.g. latest) moves to it, TITLE names it
# in the version selector, PUSH=1 pushes gh-pages, REHEARSAL=1 allows the placeholder
# site_url for a local try. `handbook publish` refuses a diverged branch.
publish: $(STAMP)
	@test -n "$(VERSION)" || { echo "error: VERSION is not set" >&2; echo "  e.g. make publish VERSION=2026 ALIAS=latest" >&2; exit 1; }
	$(call handbook,publish --version '$(VERSION)'$(if $(ALIAS), --alias '$(ALIAS)')$(if $(TITLE), --title '$(TITLE)')$(if $(filter 1,$(PUSH)), --push)$(if $(filter 1,$(REHEARSAL)), --allow-placeholder-url))

# Every published edition as readers see it, served from gh-pages by mike.
# Not 8000, which `make serve` uses: both can run at once.
EDITIONS_ADDR ?= 127.0.0.1:8001
editions: $(STAMP)
	$(BIN)/mike serve --branch gh-pages --dev-addr $(EDITIONS_ADDR)

# pytest's exit code 5 means no test ran: that is a failure here, not a pass.
# TEST_WORKERS pytest processes share the suite a test file each (pytest-xdist; the
# files' module fixtures stay in one process); TEST_WORKERS=0 runs it in this one.
TEST_WORKERS ?= 2
test: $(STAMP) $(NODE_STAMP)
	$(BIN)/ruff check hooks tests benchmarks
	@$(BIN)/python -m pytest --numprocesses $(TEST_WORKERS) --dist loadfile $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

# Re-resolve the lock from pyproject.toml in a throwaway venv (needs the package index).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check '.[test]'
	{ echo '# Exact versions of everything installed, from a clean resolve of pyproject.toml'; \
	  echo '# (dependencies + the "test" extra) on Python 3.11. Regenerate with `make lock`.'; \
	  .venv-lock/bin/pip freeze --all --exclude pip --exclude aggredi-handbook; } > requirements.lock
	rm -rf .venv-lock

# The translation track for translators and CI: `make translations` (status), or e.g.
# `make translations ARGS="diff teoria/desistanssi.md"`; see README "Translating a page".
ARGS ?= status
translations: $(STAMP)
	$(call handbook,translations $(ARGS))

# Every internal reference of both languages, on the pages as MkDocs renders them (no
# theme, nothing written): the same lines the build logs, exit status 1 on problems. README "Checking references".
check: $(STAMP)
	$(call handbook,check)

# Benchmarks (README "Benchmarks", results in benchmarks/RESULTS.md): builds and reference
# checks side by side with MkDocs' validation and htmlproofer on a generated bilingual site
# of N pages, from a separate venv (.venv-bench: the lock + htmlproofer, never in the main lock).
N ?= 200
BENCH_STAMP := .venv-bench/.installed-lock
$(BENCH_STAMP): requirements-bench.lock requirements.lock
	@test -x .venv-bench/bin/python || $(PYTHON) -m venv .venv-bench
	.venv-bench/bin/python -m pip install --quiet --disable-pip-version-check -r requirements-bench.lock
	@touch $@

# BENCH_ARGS: more options of benchmarks/run.py, e.g. BENCH_ARGS="--slow-runs 1".
bench: $(STAMP) $(NODE_STAMP) $(BENCH_STAMP)
	$(BIN)/python benchmarks/run.py --pages $(N) $(BENCH_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check hooks tests benchmarks

clean:
	rm -rf site .pytest_cache
