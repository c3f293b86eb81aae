# wigboard — two commands: `make demo` and `make test`. Everything else is a helper.
PYTHON ?= python3
VENV   ?= .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed-stamp
WIGBOARD_CHROMIUM ?= /usr/bin/chromium
export WIGBOARD_CHROMIUM

.PHONY: demo test lint typecheck unit browser-deps docs bench clean

$(STAMP): pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $(STAMP)

## Build the bundled demo scoreboard into site/ (offline).
demo: $(STAMP)
	$(BIN)/wigboard build --out site
	@echo "Demo scoreboard built: open site/index.html (or run: $(BIN)/wigboard serve)"

## Run every linter and test.
test: $(STAMP) browser-deps lint typecheck unit

lint: $(STAMP)
	$(BIN)/ruff check src tests bench scripts
	$(BIN)/ruff format --check src tests bench scripts

typecheck: $(STAMP)
	$(BIN)/mypy

unit: $(STAMP)
	$(BIN)/pytest

# Browser tests drive Debian's Chromium. Install it when we can (root with apt);
# otherwise the browser tests skip with a visible reason (and .ci/run fails on that).
browser-deps:
	@if [ -x $(WIGBOARD_CHROMIUM) ]; then :; \
	elif [ "$$(id -u)" = 0 ] && command -v apt-get >/dev/null; then \
		echo "Installing Debian's chromium for the browser tests..."; \
		apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null; \
	else echo "chromium not installed and not root: browser tests will be skipped"; fi

docs: $(STAMP)
	$(BIN)/mkdocs build --strict -f mkdocs.yml -d build/docs

bench: $(STAMP)
	$(BIN)/python bench/run.py

clean:
	rm -rf site build .wigboard .pytest_cache .mypy_cache .ruff_cache
