"""Gates on the generated project: its own test suite passes, and so does a real `make test`."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from conftest import Bake
from conftest import run_baked_tests


@pytest.mark.parametrize(
    "answers",
    [{}, {"extension_name": "Flask-SimpleXML"}, {"extension_name": "Foo-Bar-Flask"}],
    ids=["defaults", "simplexml", "name-flask"],
)
def test_baked_suite_passes(bake: Bake, answers: dict[str, str]) -> None:
    result = run_baked_tests(bake(**answers))
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout
    assert " failed" not in result.stdout


def test_baked_suite_header_shows_versions(bake: Bake) -> None:
    from importlib.metadata import version

    result = run_baked_tests(bake(), "--collect-only")
    expected = f"Flask {version('flask')}, Werkzeug {version('werkzeug')}"
    assert expected in result.stdout.splitlines()


def without_uv() -> dict[str, str]:
    """This environment with no uv on PATH, as on a machine with only python3 and make."""
    uv = shutil.which("uv")
    path = os.environ["PATH"].split(os.pathsep)
    if uv:
        path = [entry for entry in path if not (Path(entry) / "uv").exists()]
    return {**os.environ, "PATH": os.pathsep.join(path)}


@pytest.mark.parametrize("installer", ["uv", "pip"])
def test_make_test_from_scratch(bake: Bake, tmp_path: Path, installer: str) -> None:
    if installer == "uv" and not shutil.which("uv"):
        pytest.skip("uv is not on PATH")
    env = os.environ.copy() if installer == "uv" else without_uv()
    project = tmp_path / "project"
    shutil.copytree(bake(), project, ignore=shutil.ignore_patterns(".git"))

    first = subprocess.run(["make", "test"], cwd=project, env=env, capture_output=True, text=True)
    assert first.returncode == 0, first.stdout + first.stderr
    assert " passed" in first.stdout
    assert ("uv pip install" in first.stdout) == (installer == "uv")

    again = subprocess.run(["make", "test"], cwd=project, env=env, capture_output=True, text=True)
    assert again.returncode == 0, again.stdout + again.stderr
    assert "install" not in again.stdout

    clean = subprocess.run(["make", "clean"], cwd=project, env=env, capture_output=True, text=True)
    assert clean.returncode == 0, clean.stderr
    leftover = {p.name for p in project.iterdir()} - {p.name for p in bake().iterdir()}
    assert leftover == set()
