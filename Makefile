# cmn-audit: every target creates .venv and installs what is missing on its own.
VENV    ?= .venv
PYTHON  ?= python3
PY      := $(VENV)/bin/python
STAMP   := $(VENV)/.installed-stamp
DEMO_WS ?= demo-workspace

# Three workers on two cores: most tests wait on sites, subprocesses and Chromium, not the CPU.
# Tests that read the shared demo audit stay on one of them (conftest.py).
PYTEST  := $(VENV)/bin/pytest -q -n 3 --dist loadgroup

.PHONY: install demo test check lint bench bench-real bench-region bench-queues clean

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
	@$(PYTEST)

# The fast tier: everything except the demo audit, headless Chromium and multi-crawl tests.
check: $(STAMP)
	@$(PYTEST) -m "not demo and not browser and not slow"

lint: $(STAMP)
	@$(VENV)/bin/ruff check .
	@$(VENV)/bin/ruff format --check .

bench: $(STAMP)
	@$(PY) -m benchmarks

# The classifier on the real corpus's dev split alone: figures and time per text.
bench-real: $(STAMP)
	@$(PY) -m benchmarks real

# A synthetic region of N school sites on loopback (benchmarks/region/), audited once with the
# shipped politeness; sites are built once into ~/.cache/cmn-audit-bench. Figures: docs/scale.md.
N ?= 1000
bench-region: $(STAMP)
	@$(PY) -m benchmarks region $(N)

# The reading queue's choice: RQ, Dramatiq and Celery on a local redis-server (docs/scale.md),
# and the reading of the region's documents by one worker against two, each held to one core.
WORKERS_N ?= 50
bench-queues: $(STAMP)
	@$(PY) -m pip install --quiet -e '.[bench]'
	@$(PY) -m benchmarks queues
	@$(PY) -m benchmarks region-workers $(WORKERS_N)

clean:
	rm -rf $(VENV) $(DEMO_WS) .pytest_cache .ruff_cache
