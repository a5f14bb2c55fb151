"""An existing extension adopts the template with copier, as the README says, and stays in step.

The test writes an extension of its own, shaped as published ones are (``src/`` layout,
untyped tests, README.md, LICENSE, its own [project], entry points, dependency groups, ruff
and pytest tables, a tox.ini, an older workflow, Sphinx docs with their own conf.py, two
commits). copier writes the toolchain around it; the project's own files stay as they were.
"""

from __future__ import annotations

import json
import os
import shlex
import subprocess
import tomllib
from pathlib import Path

import pytest

from conftest import BIN
from conftest import edit
from conftest import git_template
from conftest import run
from conftest import TEMPLATE

pytestmark = pytest.mark.slow

EXTENSION = {
    "pyproject.toml": """[project]
name = "Flask-Thing"
version = "1.2.0"
description = "Things for Flask apps."
readme = "README.md"
license = "MIT"
license-files = ["LICENSE"]
authors = [{ name = "Ann Author", email = "ann@example.org" }]
requires-python = ">=3.11"
dependencies = ["flask>=3.0"]

[project.entry-points."flask_thing.backends"]
memory = "flask_thing:MemoryBackend"

[project.urls]
Source = "https://github.com/ann/flask-thing/"

[dependency-groups]
tests = ["pytest>=8.0"]
docs = ["sphinx>=9.0"]

[build-system]
requires = ["flit_core>=3.12"]
build-backend = "flit_core.buildapi"

[tool.flit.module]
name = "flask_thing"

[tool.ruff]
line-length = 100

[tool.pytest.ini_options]
testpaths = ["tests"]
""",
    "src/flask_thing/__init__.py": '''"""Things for Flask apps."""

from flask import current_app


class MemoryBackend:
    def __init__(self):
        self.things = {}


class Thing:
    def __init__(self, app=None):
        if app is not None:
            self.init_app(app)

    def init_app(self, app):
        app.config.setdefault("THING_NAME", "thing")
        app.extensions["thing"] = MemoryBackend()

    @property
    def name(self):
        return current_app.config["THING_NAME"]
''',
    "tests/test_thing.py": """from importlib.metadata import entry_points

from flask import Flask

from flask_thing import MemoryBackend, Thing


def test_name():
    app = Flask(__name__)
    ext = Thing(app)
    with app.app_context():
        assert ext.name == "thing"


def test_entry_point():
    (backend,) = entry_points(group="flask_thing.backends")
    assert backend.load() is MemoryBackend
""",
    "README.md": "# Flask-Thing\n\nThings for Flask apps.\n",
    "LICENSE": "MIT License\n\nCopyright (c) 2024 Ann Author\n",
    "CHANGES.md": "# Changes\n\n## 1.2.0\n\n- Things.\n",
    "docs/conf.py": 'project = "Flask-Thing"\nextensions = []\n',
    "docs/index.rst": "Flask-Thing\n===========\n\nThings for Flask apps.\n",
    "tox.ini": "[tox]\nenvlist = py311\n\n[testenv]\ndeps = pytest\ncommands = pytest\n",
    ".github/workflows/ci.yml": "on: push\njobs:\n  test:\n    runs-on: ubuntu-latest\n"
    "    steps:\n      - run: tox\n",
    ".gitignore": "__pycache__/\n/dist/\n",
}
# The project's own, which an adoption never writes.
OWN = [path for path in EXTENSION if not path.startswith(("pyproject", "tox", ".g"))]
ANSWERS = {
    "adopt": "true",
    "extension_name": "Flask-Thing",
    "package_name": "flask_thing",
    "short_description": "Things for Flask apps.",
    "author_name": "Ann Author",
    "author_email": "ann@example.org",
    "github_owner": "ann",
    "license": "MIT",
}


def git(project: Path, *args: str) -> str:
    return run("git", *args, cwd=project)


def write_extension(project: Path, files: dict[str, str]) -> None:
    for path, text in files.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, "utf-8")
    git(project, "init", "--quiet", "--initial-branch", "main")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "Flask-Thing 1.2.0")
    edit(project / "CHANGES.md", {"# Changes\n": "# Changes\n\n## Unreleased\n"})
    git(project, "commit", "--quiet", "--all", "--message", "Start 1.3.0")


def copier(*args: object, cwd: Path) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "READTHEDOCS"}}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return subprocess.run(
        [BIN / "copier", *map(str, args)], cwd=cwd, env=env, capture_output=True, text=True
    )


def readme_command() -> list[str]:
    """The README's adoption command, as a maintainer types it."""
    readme = (TEMPLATE / "README.rst").read_text("utf-8")
    section = readme.split("Adopting an existing extension\n", 1)[1]
    [line] = [line for line in section.splitlines() if line.strip().startswith("$ uvx")]
    return shlex.split(line.strip().removeprefix("$ "))


def adopt(template: Path, project: Path) -> subprocess.CompletedProcess[str]:
    """The README's command, with copier from this environment (uvx would fetch it), this
    template, and the answers given rather than typed."""
    command = readme_command()
    assert command[:6] == [
        "uvx",
        "--with",
        "copier-template-extensions",
        "--with",
        "tomlkit",
        "copier",
    ]
    args = [str(template) if arg == "gh:org/flask-ext-template" else arg for arg in command[6:]]
    data = [arg for name, value in ANSWERS.items() for arg in ("--data", f"{name}={value}")]
    return copier(*args[:-1], "--defaults", *data, args[-1], cwd=project)


def make(project: Path, *args: str) -> str:
    env = {k: v for k, v in os.environ.items() if k not in {"CI", "READTHEDOCS"}}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    return run("make", "-C", project, *args, env=env)


def leaves(table: dict[str, object], prefix: str = "") -> dict[str, object]:
    found: dict[str, object] = {}
    for key, value in table.items():
        if isinstance(value, dict):
            found.update(leaves(value, f"{prefix}{key}."))
        else:
            found[f"{prefix}{key}"] = value
    return found


def test_an_existing_extension_adopts_the_template_and_updates(tmp_path: Path) -> None:
    template = git_template(tmp_path / "template")
    project = tmp_path / "flask-thing"
    project.mkdir()
    write_extension(project, EXTENSION)
    before = {path: (project / path).read_bytes() for path in OWN}
    own_pyproject = tomllib.loads(EXTENSION["pyproject.toml"])

    result = adopt(template, project)
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if line.startswith("NOTE: ")]
    assert (
        "NOTE: tox.ini: make and CI run pyproject.toml's [tool.tox]; move what you need"
        in "\n".join(notes)
    )
    assert any(
        line.startswith("NOTE: .github/workflows/ci.yml: the old workflow") for line in notes
    )
    for table in (
        "[dependency-groups] tests",
        "[dependency-groups] docs",
        "[tool.ruff]",
        "[tool.pytest]",
    ):
        assert f"NOTE: pyproject.toml: {table} is the project's own, kept;" in "\n".join(notes), (
            table
        )
    assert "Adopted flask-thing" in result.stdout
    assert "git add -A" not in result.stdout + result.stderr

    # The project's own files are as they were, and so is every value of its pyproject.toml.
    assert {path: (project / path).read_bytes() for path in OWN} == before
    adopted = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    assert leaves(own_pyproject).items() <= leaves(adopted).items()
    assert {"dev", "typing", "pre-commit"} <= adopted["dependency-groups"].keys()
    assert {"tox", "uv", "mypy", "pyright"} <= adopted["tool"].keys()
    # None of the skeleton: no second package, no skeleton tests, docs pages or README.
    status = git(project, "status", "--porcelain", "--untracked-files=all")
    written = sorted(line[3:] for line in status.splitlines())
    assert not [
        path
        for path in written
        if path.startswith(("src/", "tests/", "docs/", "README", "LICENSE", "CHANGES", "examples/"))
    ]
    assert {"Makefile", "uv.lock", ".copier-answers.yml", ".pre-commit-config.yaml"} <= set(written)
    assert len(git(project, "log", "--format=%H").split()) == 2  # nothing committed

    # The maintainer follows the notes and commits the adoption; the gates pass.
    git(project, "rm", "--quiet", "tox.ini")
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "Adopt flask-ext-template")
    assert " passed" in make(project, "test")
    make(project, "lint")
    assert "tests-min: OK" in make(project, "test-min")
    make(project, "docs")
    assert (project / "docs/_build/dirhtml/index.html").is_file()
    make(project, "clean")

    # A broad change of the template: a Python version (tox's envs and CI's rows), a tool's
    # floor, a Makefile target.
    defaults = json.loads((template / "cookiecutter.json").read_text("utf-8"))
    defaults["_python_versions"].append("3.16")
    (template / "cookiecutter.json").write_text(json.dumps(defaults, indent=2) + "\n", "utf-8")
    source = template / "{{cookiecutter.package_name}}"
    edit(source / "pyproject.toml", {'"ruff>=0.17 ;': '"ruff>=0.17.6 ;'})
    edit(source / "Makefile", {"docs/_build .*_cache": "docs/_build .*_cache .coverage"})
    run("git", "commit", "--quiet", "--all", "--message", "Template 1.1", cwd=template)
    run("git", "tag", "1.1.0", cwd=template)

    updated = copier("update", "--trust", "--defaults", "--conflict", "inline", cwd=project)
    assert updated.returncode == 0, updated.stderr
    assert "conflicts to resolve" not in updated.stderr
    changed = git(project, "status", "--porcelain", "--untracked-files=all")
    for line in changed.splitlines():
        text = (project / line[3:]).read_text("utf-8") if (project / line[3:]).is_file() else ""
        assert "<<<<<<<" not in text and not line.endswith(".rej"), line
    assert '"py3.16"' in (project / "pyproject.toml").read_text("utf-8")
    assert '"ruff>=0.17.6 ;' in (project / "pyproject.toml").read_text("utf-8")
    assert ".coverage" in (project / "Makefile").read_text("utf-8")
    assert "3.16" in (project / ".github/workflows/tests.yaml").read_text("utf-8")
    assert {path: (project / path).read_bytes() for path in OWN} == before
    git(project, "add", "--all")
    git(project, "commit", "--quiet", "--message", "Update from flask-ext-template 1.1")
    assert " passed" in make(project, "test")
    make(project, "lint")

    # copier recopy, from the stored answers, never brings the skeleton back.
    make(project, "clean")
    recopied = copier("recopy", "--trust", "--defaults", "--overwrite", cwd=project)
    assert recopied.returncode == 0, recopied.stderr
    assert {path: (project / path).read_bytes() for path in OWN} == before
    status = git(project, "status", "--porcelain", "--untracked-files=all")
    assert not [line for line in status.splitlines() if line[3:].startswith(("src/", "tests/"))]
    assert tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]


def test_a_flat_layout_is_refused_with_one_line_and_nothing_written(tmp_path: Path) -> None:
    template = git_template(tmp_path / "template")
    project = tmp_path / "flask-thing"
    project.mkdir()
    flat = {path.replace("src/", ""): text for path, text in EXTENSION.items()}
    write_extension(project, flat)
    result = adopt(template, project)
    assert result.returncode != 0
    assert "git mv flask_thing src/flask_thing && git commit, then adopt" in result.stderr
    assert git(project, "status", "--porcelain", "--untracked-files=all") == ""
