# cmn-audit: every target creates .venv and installs what is missing on its own.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
DEMO_WS ?= demo-workspace

.PHONY: install demo test lint bench clean

$(STAMP): pyproject.toml scripts/install-system-packages.sh
	@scripts/install-system-packages.sh
	@test -x $(PY) || $(PYTHON) -m venv $(VENV)
	@$(PY) -m pip install --quiet --upgrade pip
	@$(PY) -m pip install --quiet -e '.[dev]'
	@touch $(STAMP)

install: $(STAMP)

demo: $(STAMP)
	@$(VENV)/bin/cmn-audit demo --workspace $(DEMO_WS)

test: $(STAMP)
	@$(VENV)/bin/pytest -q

lint: $(STAMP)
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

bench: $(STAMP)
	@$(PY) -m benchmarks

clean:
	rm -rf $(VENV) $(DEMO_WS) .pytest_cache .ruff_cache
