# The template's own tasks. Needs only python3 and make; uses uv when it is on PATH.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null)
# The dev group as uv.lock resolves it, into $(VENV) before every target (a no-op when it is
# there): with uv, from uv.lock itself; with pip alone, from requirements-dev.txt, uv's export
# of the same lock (make update moves both; a test checks they agree).
PIP := $(BIN)/python -m pip install --quiet --disable-pip-version-check
SYNC := $(if $(UV),UV_PROJECT_ENVIRONMENT=$(VENV) uv sync --quiet --locked --compile-bytecode \
	--python $(PYTHON),(test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)) \
	&& $(PIP) --require-hashes --requirement requirements-dev.txt)
# Test workers: auto is one per core and one more (tests/conftest.py).
JOBS ?= auto
# Variables given to this make (VENV=..., say) stay out of the baked project's own make.
MAKEOVERRIDES =

.PHONY: test test-fast bake bench update venv clean

test: venv
	$(BIN)/python -m pytest -n $(JOBS) $(PYTEST_ARGS)

# The edit-test loop: the hooks, the answers and what the bake writes, without running any
# baked project's own tools (make test stays the gate).
FAST := tests/test_hooks.py tests/test_answers.py tests/test_structure.py
test-fast: venv
	$(BIN)/python -m pytest -n $(JOBS) -m "not slow" $(FAST) $(PYTEST_ARGS)

# Bake the default answers (or ask, with PROMPT=1) into out/, then run the result's own tests.
# out/ is scratch space: earlier bakes in it are removed first.
bake: venv
	mkdir -p out
	find out -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
	$(BIN)/cookiecutter $(if $(PROMPT),,--no-input) --output-dir out .
	$(MAKE) -C "$$(find out -mindepth 1 -maxdepth 1 -type d)" test

# Time-to-green and the template's own suite against their floors; figures in out/bench.json.
bench: venv
	$(BIN)/python tests/benchmark.py $(BENCH_ARGS)

# Every pin a bake inherits, and the template's own, at the newest release (hooks/update.py).
update: venv
	$(BIN)/python hooks/update.py

# copier's questions and settings, generated from cookiecutter.json (a test checks it is current).
copier.yml: cookiecutter.json hooks/copier_config.py | venv
	$(BIN)/python hooks/copier_config.py > $@

venv:
	$(SYNC)

clean:
	rm -rf $(VENV) .venv-pip out .pytest_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
