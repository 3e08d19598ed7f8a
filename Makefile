# The two commands of the README: `make build` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
# The articles the bundled pack quotes live outside the repository; use them when present.
SOURCES_DIR := ../shared/articles
SOURCES := $(if $(wildcard $(SOURCES_DIR)/*.txt),--sources $(SOURCES_DIR))

.PHONY: build test bench validate clean

build: $(VENV)/.installed
	$(BIN)/quizgen build $(SOURCES)

test: $(VENV)/.installed-test
	scripts/ensure-chromium
	$(BIN)/quizgen validate --strict $(SOURCES)
	$(BIN)/quizgen build --check $(SOURCES)
	$(BIN)/pytest

bench: $(VENV)/.installed-test
	$(BIN)/python -m compileall -q src
	$(BIN)/python benchmarks/bench_build.py

validate: $(VENV)/.installed
	$(BIN)/quizgen validate --strict $(SOURCES)

$(VENV)/.installed: pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install -q --upgrade pip
	$(BIN)/python -m pip install -q -e .
	$(BIN)/python -m compileall -q src
	touch $@

$(VENV)/.installed-test: pyproject.toml $(VENV)/.installed
	$(BIN)/python -m pip install -q -e '.[test]'
	touch $@

clean:
	rm -rf $(VENV) .pytest_cache .hypothesis
