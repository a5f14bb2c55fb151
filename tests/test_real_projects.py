"""A bake that a real extension has been poured into, and the generated toolchain on it.

The default bake is edited as an author porting an extension would: dependencies with
extras, markers, ``~=`` and ``>``; a test dependency that itself depends on Flask; a nested
dependency group; ``requires-python`` with an upper bound; an entry point; several modules; a
``tests/app.py``; no ``examples/``. Then its real ``make`` targets and tox run on it. These
install from PyPI (through uv's cache), so they are slower than the other gates: the project is
built once, on one worker, and its targets share it.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import Bake
from conftest import BIN
from conftest import DEFAULTS
from conftest import edit
from conftest import mypy_cache
from conftest import run

pytestmark = [pytest.mark.xdist_group("real-project"), pytest.mark.slow]


@pytest.fixture(autouse=True)
def _bytecode_as_users_have_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Users' Pythons cache bytecode; without it, every run here would compile Flask, pytest
    and Sphinx again. The projects here are this module's own copies."""
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)


PYPROJECT_EDITS = {
    '"flask>=3.0"]': (
        '"flask[dotenv]>=3.0", "six>=1.16; python_version >= \'3.11\'"]\n'
        "\n"
        "[project.entry-points.'flask_example.backends']\n"
        'memory = "flask_example.backends:MemoryBackend"'
    ),
    'test = ["pytest>=8.0"]': (
        'test = ["pytest>=8.0", "flask[async]>=3.0", "flask-cors>=4.0.1",'
        ' { include-group = "parsing" }]\n'
        'parsing = ["packaging>23.0", "iniconfig~=2.0"]'
    ),
    'requires-python = ">=3.11"': 'requires-python = ">=3.11,<4"',
}
# The lowest version of every direct dependency above, which every lowest-versions run must
# install exactly (six too: its marker holds on every supported Python).
FLOORS = {
    "flask": "3.0.0",
    "six": "1.16.0",
    "python-dotenv": None,  # from flask's extra: present, at whatever version
    "pytest": "8.0.0",
    "flask-cors": "4.0.1",
    "packaging": "23.1",
    "iniconfig": "2.0.0",
}
BACKENDS = '''"""Storage backends, found through the package's entry points."""

from __future__ import annotations


class MemoryBackend:
    """Keeps values in a dict."""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
'''
APP = """from __future__ import annotations

from flask import Flask

from flask_example import Example


def create_app() -> Flask:
    app = Flask(__name__)
    Example(app)
    return app
"""
EXAMPLE_CONFTEST = """from __future__ import annotations

import pytest


@pytest.fixture
def visits() -> int:
    return 0
"""
TEST_PORT = """from __future__ import annotations

import json
from importlib.metadata import entry_points
from importlib.metadata import version

from flask_cors import CORS

from flask_example.backends import MemoryBackend

from .app import create_app


def test_installed_as_users_install_it() -> None:
    assert version("Flask-Example") == "0.1.0"
    (backend,) = entry_points(group="flask_example.backends")
    assert backend.load() is MemoryBackend


def test_app_from_tests_app() -> None:
    app = create_app()
    CORS(app)
    assert "example" in app.extensions


def test_report_versions() -> None:
    names = ["flask", "six", "python-dotenv", "pytest", "flask-cors", "packaging"]
    names.append("iniconfig")
    print("VERSIONS", json.dumps({name: version(name) for name in names}))
"""


def pour_extension(project: Path) -> None:
    """Edit a default bake as an author porting a real extension would."""
    edit(project / "pyproject.toml", PYPROJECT_EDITS)
    (project / "src/flask_example/backends.py").write_text(BACKENDS, "utf-8")
    (project / "tests/__init__.py").write_text("", "utf-8")
    (project / "tests/app.py").write_text(APP, "utf-8")
    (project / "tests/test_port.py").write_text(TEST_PORT, "utf-8")
    shutil.rmtree(project / "examples")
    (project / "tests/test_example_app.py").unlink()


@pytest.fixture(scope="module")
def ported(bake: Bake, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("ported") / "flask_example"
    shutil.copytree(bake(), project, ignore=shutil.ignore_patterns(".git"))
    pour_extension(project)
    return project


def make(project: Path, *args: str, env: dict[str, str] | None = None) -> str:
    return run("make", "-C", project, *args, env=env)


def make_fails(project: Path, *args: str) -> str:
    result = subprocess.run(["make", "-C", str(project), *args], capture_output=True, text=True)
    assert result.returncode != 0, result.stdout
    return result.stdout + result.stderr


def versions(output: str) -> list[dict[str, str]]:
    """The versions each run of the ported suite reported."""
    return [
        json.loads(line.split("VERSIONS ", 1)[1])
        for line in output.splitlines()
        if "VERSIONS {" in line
    ]


def assert_floors(seen: dict[str, str]) -> None:
    for name, floor in FLOORS.items():
        assert name in seen, name
        if floor:
            assert seen[name] == floor, (name, seen[name])


def test_make_test_tests_the_installed_project(ported: Path) -> None:
    out = make(ported, "test", "PYTEST_ARGS=-s")
    assert " passed" in out
    [seen] = versions(out)
    assert set(seen) == set(FLOORS)  # six too: its marker holds here
    assert seen["flask"] != FLOORS["flask"]  # the newest, not the lowest
    again = make(ported, "test")
    assert "install" not in again and " passed" in again


def test_make_test_min_installs_exactly_the_floors(ported: Path) -> None:
    out = make(ported, "test-min", "PYTEST_ARGS=-s")
    [seen] = versions(out)
    assert_floors(seen)
    assert "Lowest versions: " in out


def tox_pythons() -> dict[str, str]:
    """The environment for tox: with pyenv, every Python it has is visible."""
    env = os.environ.copy()
    if shutil.which("pyenv"):
        bare = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True, text=True)
        here = platform.python_version()  # first, so that python3 stays this Python
        others = [v for v in bare.stdout.split() if v != here]
        env["PYENV_VERSION"] = ":".join([here, *others])
    return env


def test_tox_min_envs_install_the_same_floors_on_every_python(ported: Path) -> None:
    """`make test-all` with tox's `min` label: every -min env, then the Pythons skipped."""
    out = make(ported, "test-all", "TOX_ARGS=-m min -- -s", env=tox_pythons())
    ran = dict(re.findall(r"^\s+py(3\.\d+)-min: (OK|SKIP)", out, re.MULTILINE))
    supported = DEFAULTS["_python_versions"]
    assert set(ran) == set(supported)
    assert ran[f"{sys.version_info.major}.{sys.version_info.minor}"] == "OK"
    reports = versions(out)
    assert len(reports) == list(ran.values()).count("OK")
    for seen in reports:
        assert_floors(seen)
    skipped = [f"py{version}" for version in supported if ran[version] == "SKIP"]
    if skipped:
        assert f"Skipped, not found on this machine: {', '.join(skipped)}." in out


def test_make_lint_and_docs_hold_for_the_port(ported: Path) -> None:
    make(ported, "lint")
    # The docs build without network and without a variable: here every inventory host is a
    # closed port on this machine, so nothing is read from the network.
    conf = ported / "docs/conf.py"
    hosts = re.findall(r'\("https://([^/"]+)/[^"]*", None\)', conf.read_text("utf-8"))
    assert len(hosts) == 3
    edit(conf, {f"https://{host}/": "https://127.0.0.1:9/" for host in hosts})
    env = {k: v for k, v in os.environ.items() if k != "DOCS_OFFLINE"}
    make(ported, "docs", env=env)
    assert (ported / "docs/_build/html/index.html").is_file()


def test_make_lint_reports_every_tool_before_failing(ported: Path) -> None:
    backends = ported / "src/flask_example/backends.py"
    source = backends.read_text("utf-8")
    # An unused import (ruff check) and a wrong type (mypy); formatting stays right.
    broken = source.replace(
        "from __future__ import annotations\n",
        'from __future__ import annotations\n\nimport os\n\nCOUNT: int = "one"\n',
    )
    backends.write_text(broken, "utf-8")
    try:
        out = make_fails(ported, "lint")
    finally:
        backends.write_text(source, "utf-8")
    assert "F401" in out and "[assignment]" in out
    assert "make lint: failed: ruff check, mypy" in out


def test_typing_holds_for_other_layouts(
    bake: Bake, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """mypy names each file by its path: a tests/app.py beside examples/app.py, a conftest.py
    in the examples' own tests, or no examples at all, need no configuration."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project, ignore=shutil.ignore_patterns(".git"))
    (project / "tests/app.py").write_text(APP, "utf-8")
    (project / "examples/tests").mkdir()
    (project / "examples/tests/conftest.py").write_text(EXAMPLE_CONFTEST, "utf-8")
    cache = mypy_cache(tmp_path_factory)
    run(BIN / "mypy", "--cache-dir", cache, cwd=project)
    shutil.rmtree(project / "examples")
    (project / "tests/test_example_app.py").unlink()
    run(BIN / "mypy", "--cache-dir", cache, cwd=project)


@pytest.mark.parametrize(
    ("edits", "message"),
    [
        (
            {'"flask-cors>=4.0.1"': '"flask-cors"'},
            "ERROR: pyproject.toml: flask-cors has no lower bound, so it has no lowest version"
            " to test; write flask-cors>=<the oldest version you support>",
        ),
        (
            {
                '"flask[dotenv]>=3.0"': '"flask[dotenv]>=2.0", "flask-sqlalchemy>=3.1"',
                '"flask[async]>=3.0"': '"flask[async]>=2.0"',
            },
            "ERROR: pyproject.toml: flask[dotenv]>=2.0: flask 2.0.0 cannot be installed with the"
            " other lower bounds; write flask>=2.2.5, the lowest that can",
        ),
    ],
    ids=["no-lower-bound", "floors-conflict"],
)
def test_lowest_versions_refuse_with_one_line(
    ported: Path, tmp_path: Path, edits: dict[str, str], message: str
) -> None:
    project = tmp_path / "project"
    shutil.copytree(ported, project, ignore=shutil.ignore_patterns(".venv*", ".tox", "docs"))
    edit(project / "pyproject.toml", edits)
    out = make_fails(project, "test-min")
    assert message in out.splitlines()


def test_the_usual_commands_work(ported: Path, tmp_path: Path) -> None:
    """What people type first, as in Pallets' repos: uv run, and pip with dependency groups.
    The port's own tests check that each sees the installed metadata and entry points."""
    project = tmp_path / "project"
    shutil.copytree(ported, project, ignore=shutil.ignore_patterns(".venv*", ".tox", "_build"))
    uv = shutil.which("uv")
    if uv:
        env = {**os.environ, "UV_PYTHON": sys.executable}
        assert " passed" in run(uv, "run", "pytest", cwd=project, env=env)
        # tox and its uv plugin come with the dev group (the -min envs run above).
        assert "tox-uv" in run(uv, "run", "tox", "--version", cwd=project, env=env)
        shutil.rmtree(project / ".venv")
        # uv makes a venv with pip in it faster than ensurepip; the commands after are the
        # README's.
        run(uv, "venv", "--quiet", "--seed", "--python", sys.executable, ".venv", cwd=project)
    else:
        run(sys.executable, "-m", "venv", ".venv", cwd=project)
    # With pip only: the README's pip upgrade, then the dev group.
    pip = [project / ".venv/bin/python", "-m", "pip", "--quiet", "--disable-pip-version-check"]
    run(*pip, "install", "--upgrade", "pip", cwd=project)
    run(*pip, "install", "-e", ".", "--group", "dev", cwd=project)
    assert " passed" in run(project / ".venv/bin/pytest", cwd=project)


def test_make_dist_refuses_placeholders_then_builds_a_wheel_that_works(
    ported: Path, tmp_path: Path
) -> None:
    refused = make_fails(ported, "dist")
    problems = [line for line in refused.splitlines() if line.startswith("ERROR: ")]
    files = {line.removeprefix("ERROR: ").split(":")[0].split(",")[0] for line in problems}
    assert files == {"pyproject.toml", "README.rst", "LICENSE.txt"}
    assert (
        "ERROR: pyproject.toml: project.authors[0].name still holds the placeholder"
        " 'Your Name'; write the real value" in problems
    )
    assert not (ported / "dist").exists()
    real = {
        "Your Name": "Jane Doe",
        "you@example.com": "jane@example.org",
        "your-github-name": "jane-doe",
        "Example support for Flask applications.": "Example storage for Flask.",
    }
    for path in ("pyproject.toml", "README.rst", "LICENSE.txt"):
        text = (ported / path).read_text("utf-8")  # each holds some of the placeholders
        edit(ported / path, {old: new for old, new in real.items() if old in text})
    assert "PASSED" in make(ported, "dist")
    wheel = next((ported / "dist").glob("*.whl"))
    venv = tmp_path / "clean"
    run(sys.executable, "-m", "venv", "--without-pip", venv)
    uv = shutil.which("uv")
    if uv:
        run(uv, "pip", "install", "--quiet", "--python", venv / "bin/python", wheel)
    else:
        run(
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--python",
            venv / "bin/python",
            wheel,
        )
    smoke = (
        "from flask import Flask; from flask_example import Example; app = Flask('a');"
        " ext = Example(app); ctx = app.app_context(); ctx.push();"
        " print(ext.connection.execute('SELECT 6 * 7').fetchone()[0]); ctx.pop()"
    )
    assert run(venv / "bin/python", "-c", smoke).strip() == "42"


def test_make_clean_leaves_the_project_as_it_was(ported: Path, bake: Bake) -> None:
    """Last: every target above has run in this project."""
    make(ported, "clean")
    made = {p.name for p in ported.iterdir()} - {p.name for p in bake().iterdir()}
    assert made == set()  # examples/ was removed by the port, nothing else differs
