# The two commands of the README: `make build` and `make test`. `make build` installs what
# `quizgen draft` needs too (the draft extra), so drafting works after it alone.
PYTHON ?= python3
VENV := .venv
BIN = $(VENV)/bin
# The versions the suite was last run with; `make constraints` refreshes them. pyproject.toml
# keeps the ranges for those who install quizgen into an environment of their own.
CONSTRAINTS := -c constraints.txt
UPGRADE_FLAGS :=
# The articles the bundled pack quotes live outside the repository; use them when present.
SOURCES_DIR := ../shared/articles
SOURCES := $(if $(wildcard $(SOURCES_DIR)/*.txt),--sources $(SOURCES_DIR))
# The quizzes also as question banks for learning platforms (decks/<pack>-quiz.moodle.xml, …).
EXPORT := --export moodle,gift,qti

.PHONY: build test test-latest constraints bench validate clean

build: $(VENV)/.installed
	$(BIN)/quizgen build $(SOURCES) $(EXPORT)

test: $(VENV)/.installed-test tests/gift/node_modules/.installed
	$(BIN)/mypy src
	$(BIN)/ruff check src tests
	scripts/ensure-chromium
	$(BIN)/quizgen validate --strict $(SOURCES)
	$(BIN)/quizgen build --check $(SOURCES) $(EXPORT)
	$(BIN)/pytest

# The suite against the newest versions pyproject.toml's ranges allow, in a venv of its own,
# so that a breaking release is found on purpose.
test-latest:
	rm -rf .venv-latest
	$(MAKE) test VENV=.venv-latest CONSTRAINTS= UPGRADE_FLAGS="--upgrade --upgrade-strategy eager"

# Rewrite constraints.txt with the newest versions the ranges allow (then run `make test`).
constraints:
	rm -rf .venv-constraints
	$(PYTHON) -m venv .venv-constraints
	.venv-constraints/bin/python -m pip install -q --upgrade pip
	.venv-constraints/bin/python -m pip install -q -e '.[test,draft]'
	{ echo "# The versions the test suite passes with; refresh with 'make constraints'."; \
	  .venv-constraints/bin/python -m pip freeze --exclude-editable; } > constraints.txt
	rm -rf .venv-constraints

bench: $(VENV)/.installed-test
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/bench_build.py
	$(BIN)/python benchmarks/bench_study.py
	$(BIN)/python benchmarks/bench_draft.py
	$(BIN)/python benchmarks/bench_scale.py

validate: $(VENV)/.installed
	$(BIN)/quizgen validate --strict $(SOURCES)

$(VENV)/.installed: pyproject.toml constraints.txt
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q $(UPGRADE_FLAGS) $(CONSTRAINTS) -e '.[draft]'
	$(BIN)/python -m compileall -q src
	touch $@

# Then Anki's desktop package at the version of anki, without its dependencies (Qt): only for
# its web files, the MathJax and MathJax config its reviewer renders cards with, which a test
# renders quizgen's cards with in Chromium.
$(VENV)/.installed-test: pyproject.toml constraints.txt $(VENV)/.installed
	$(BIN)/python -m pip install -q $(UPGRADE_FLAGS) $(CONSTRAINTS) -e '.[test,draft]'
	$(BIN)/python -m pip install -q --no-deps \
	  "aqt==$$($(BIN)/python -c 'from importlib.metadata import version; print(version("anki"))')"
	touch $@

# gift-pegjs, the GIFT parser the tests read the GIFT export back with, at its locked version.
tests/gift/node_modules/.installed: tests/gift/package.json tests/gift/package-lock.json
	cd tests/gift && npm ci --no-audit --no-fund --loglevel=error
	touch $@

clean:
	rm -rf $(VENV) .venv-latest .venv-constraints .pytest_cache .hypothesis tests/gift/node_modules
