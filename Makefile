# The template's own tasks. Needs only python3 and make; uses uv when it is on PATH.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
UV := $(shell command -v uv 2>/dev/null)
MAKE_VENV := $(if $(UV),uv venv --quiet --allow-existing --python $(PYTHON) $(VENV),test -x $(BIN)/python || $(PYTHON) -m venv $(VENV))
INSTALL := $(if $(UV),uv pip install --quiet --compile-bytecode --python $(BIN)/python,$(BIN)/python -m pip install --quiet --disable-pip-version-check)
# Test workers: one per core.
JOBS ?= auto
# Variables given to this make (VENV=..., say) stay out of the baked project's own make.
MAKEOVERRIDES =

.PHONY: test bake bench update clean

test: $(VENV)/.installed
	$(BIN)/python -m pytest -n $(JOBS) $(PYTEST_ARGS)

# Bake the default answers (or ask, with PROMPT=1) into out/, then run the result's own tests.
# out/ is scratch space: earlier bakes in it are removed first.
bake: $(VENV)/.installed
	mkdir -p out
	find out -mindepth 1 -maxdepth 1 -type d -exec rm -rf {} +
	$(BIN)/cookiecutter $(if $(PROMPT),,--no-input) --output-dir out .
	$(MAKE) -C "$$(find out -mindepth 1 -maxdepth 1 -type d)" test

# Time-to-green and the template's own suite against their floors; figures in out/bench.json.
bench: $(VENV)/.installed
	$(BIN)/python tests/benchmark.py $(BENCH_ARGS)

# Every pin a bake inherits, and the template's own, at the newest release (hooks/update.py).
update: $(VENV)/.installed
	$(BIN)/python hooks/update.py

# copier's questions and settings, generated from cookiecutter.json (a test checks it is current).
copier.yml: cookiecutter.json hooks/copier_config.py $(VENV)/.installed
	$(BIN)/python hooks/copier_config.py > $@

$(VENV)/.installed: pyproject.toml
	$(MAKE_VENV)
	$(BIN)/python -c 'import tomllib; print(*tomllib.load(open("pyproject.toml", "rb"))["dependency-groups"]["dev"], sep="\n")' > $(VENV)/dev-requirements.txt
	$(INSTALL) -r $(VENV)/dev-requirements.txt
	touch $@

clean:
	rm -rf $(VENV) .venv-pip out .pytest_cache
	find . -name __pycache__ -prune -exec rm -rf {} +
