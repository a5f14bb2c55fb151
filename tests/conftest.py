"""Shared fixtures: bake each combination of answers once per test session."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).resolve().parent.parent
# pytest-cookies renders cookiecutter.json outside cookiecutter's own sys.path patch, so the
# template's Jinja extension (hooks/filters.py) must be importable from here.
sys.path.insert(0, str(TEMPLATE))

DEFAULTS = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))

Bake = Callable[..., Path]


@pytest.fixture(scope="session")
def bake(cookies_session) -> Bake:  # type: ignore[no-untyped-def]
    """Bake with the given answers (defaults for the rest); the same answers bake once."""
    baked: dict[str, Path] = {}

    def _bake(**answers: object) -> Path:
        key = json.dumps(answers, sort_keys=True)
        if key not in baked:
            result = cookies_session.bake(extra_context=answers)
            if result.exception is not None:
                raise AssertionError(f"bake {answers} failed: {result.exception!r}")
            baked[key] = result.project_path
        return baked[key]

    return _bake


def run_baked_tests(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a baked project's own test suite in this (shared) environment."""
    env = {**os.environ, "PYTHONPATH": str(project / "src")}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cookies", "-p", "no:cacheprovider", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
