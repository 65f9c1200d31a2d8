# opengu: `make run` serves the demo district, `make test` runs every test.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
PORT ?= 8000
export OPENGU_DATA_DIR ?= $(CURDIR)/var

.PHONY: run test install install-dev lint bench clean messages

$(BIN)/python:
	@command -v $(PYTHON) >/dev/null 2>&1 || { echo "Python 3.11이 필요합니다 ($(PYTHON) 없음). PYTHON=python3 make run 으로 바꿀 수 있습니다."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip

# Reinstall only when pyproject.toml changes: a second `make run` starts in seconds.
$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/pip install --quiet -e .
	@touch $@

$(VENV)/.installed-dev: pyproject.toml $(VENV)/.installed
	$(BIN)/pip install --quiet -e '.[dev]'
	@touch $@

$(VENV)/.installed-bench: pyproject.toml $(VENV)/.installed-dev
	$(BIN)/pip install --quiet -e '.[dev,bench]'
	@touch $@

install: $(VENV)/.installed
install-dev: $(VENV)/.installed-dev

run: install
	@$(BIN)/opengu run --prepare --port $(PORT)

test: install-dev
	@bash scripts/test.sh

# Refresh the English catalogue from the Korean strings, then compile it (needs GNU gettext).
messages: install
	cd opengu && ../$(BIN)/opengu makemessages -l en --ignore '*/migrations/*' && ../$(BIN)/opengu compilemessages -l en

lint: install-dev
	$(BIN)/ruff check opengu tests bench
	$(BIN)/mypy opengu
	$(BIN)/lint-imports

bench: $(VENV)/.installed-bench
	@bash scripts/bench.sh

clean:
	rm -rf $(VENV) var .pytest_cache
