# One entry point for readers, translators and CI. `make serve` and `make test`
# are the two set-up commands: each creates .venv and installs the locked set first.
SHELL := /bin/bash
.DEFAULT_GOAL := serve

PYTHON ?= python3.11
VENV   := .venv
BIN    := $(VENV)/bin
# The install is redone only when the lock or the project file changes.
STAMP  := $(VENV)/.installed-lock

# The MkDocs 2 banner is not a log warning; silencing it keeps real warnings visible.
export NO_MKDOCS_2_WARNING := 1
# mike runs `mkdocs build` as a subprocess: the venv's bin must come first on PATH.
export PATH := $(CURDIR)/$(BIN):$(PATH)

.PHONY: serve site test install lock clean

install: $(STAMP)

$(STAMP): requirements.lock pyproject.toml
	@command -v $(PYTHON) >/dev/null || { echo "error: $(PYTHON) not found; set PYTHON=/path/to/python3.11" >&2; exit 1; }
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r requirements.lock
	@# mike switches to `properdocs build` as soon as properdocs is installed.
	@! $(BIN)/python -m pip show --quiet properdocs 2>/dev/null || { echo "error: properdocs is installed in $(VENV); mike would build with it" >&2; exit 1; }
	@touch $@

serve: $(STAMP)
	$(BIN)/mkdocs serve --strict --livereload --dev-addr 127.0.0.1:8000

site: $(STAMP)
	$(BIN)/mkdocs build --strict --clean --site-dir site

# pytest's exit code 5 means no test ran: that is a failure here, not a pass.
test: $(STAMP)
	@$(BIN)/python -m pytest $(PYTEST_ARGS); rc=$$?; \
	if [ $$rc -eq 5 ]; then echo "error: pytest collected no tests" >&2; exit 1; fi; exit $$rc

# Re-resolve the lock from pyproject.toml in a throwaway venv (needs the package index).
lock:
	rm -rf .venv-lock && $(PYTHON) -m venv .venv-lock
	.venv-lock/bin/pip install --quiet --disable-pip-version-check '.[test]'
	{ echo '# Exact versions of everything installed, from a clean resolve of pyproject.toml'; \
	  echo '# (dependencies + the "test" extra) on Python 3.11. Regenerate with `make lock`.'; \
	  .venv-lock/bin/pip freeze --exclude aggredi-handbook; } > requirements.lock
	rm -rf .venv-lock

clean:
	rm -rf site .pytest_cache
