"""Gates on generated projects, for a covering set of option combinations.

Every combination is baked once per run and its gates run on the worker that baked it
(``--dist loadgroup``). The gates share this test environment, so they install nothing: the
baked suite runs from ``src/``, the docs build from the unpacked wheel with DOCS_OFFLINE=1, so
no test reads an inventory from the network (test_real_projects.py builds without it).
"""

from __future__ import annotations

import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tarfile
import tomllib
import zipfile
from importlib.metadata import metadata
from importlib.metadata import version
from pathlib import Path

import pytest
import yaml
from packaging.specifiers import SpecifierSet
from packaging.version import Version
from twine.commands.check import check as twine_check
from validate_pyproject import api as validate_pyproject

from conftest import ALONE
from conftest import Bake
from conftest import BIN
from conftest import BY_SHAPE
from conftest import chosen
from conftest import COMBINATIONS
from conftest import DEFAULTS
from conftest import edit
from conftest import gate
from conftest import mypy_cache
from conftest import OPTIONS
from conftest import REAL_ANSWERS
from conftest import run
from conftest import run_baked_tests
from conftest import TEMPLATE

# The only answers that src/, tests/, examples/ and docs/ use, besides the names (the same in
# every combination) and the license's SPDX id in one sentence of the docs. The baked suite
# and the docs run in this one environment, so the other answers cannot change their outcome.
CODE_OPTIONS = ("shape", "with_views", "with_cli")
# The docs' Contributing page also says how the CI chosen releases: the docs build for each set
# of CODE_OPTIONS values, and those builds hold every CI between them (a test checks).
DOCS_OPTIONS = (*CODE_OPTIONS, "ci")
# A member of each shape's class that its API page documents.
API_MEMBERS = {"context_resource": "connection", "app_client": "client", "request_hooks": "exempt"}


_built: dict[Path, Path] = {}


def distributions(project: Path) -> Path:
    """Build the sdist and wheel of a baked project once; the directory that holds them."""
    if project not in _built:
        out = project.parent / f"{project.name}-dist"
        # From a copy: setuptools writes its egg-info into the tree it builds.
        source = project.parent / f"{project.name}-source"
        shutil.copytree(project, source, ignore=shutil.ignore_patterns(".git"))
        # Without build isolation: the backends are in this environment, and nothing is fetched.
        uv = shutil.which("uv")
        if uv:  # the same build as below, in half the time
            run(
                *(uv, "build", "--quiet", "--no-build-isolation", "--python", sys.executable),
                *("--out-dir", out, "."),
                cwd=source,
            )
        else:
            run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ".", cwd=source)
        with zipfile.ZipFile(next(out.glob("*.whl"))) as wheel:
            wheel.extractall(out / "site")
        _built[project] = out
    return _built[project]


@gate(varying=CODE_OPTIONS)
def test_baked_suite(bake: Bake, combo: dict[str, object]) -> None:
    result = run_baked_tests(bake(**combo))
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout and " failed" not in result.stdout


@gate(varying=CODE_OPTIONS)
def test_docs_build_offline(bake: Bake, combo: dict[str, object]) -> None:
    project = bake(**combo)
    site = distributions(project) / "site"
    env = {**os.environ, "PYTHONPATH": str(site), "DOCS_OFFLINE": "1"}
    html = project.parent / f"{project.name}-html"
    run(
        sys.executable,
        "-m",
        "sphinx",
        "-W",
        "--keep-going",
        "-q",
        "-b",
        "html",
        "docs",
        html,
        cwd=project,
        env=env,
    )
    index = (html / "index.html").read_text(encoding="utf-8")
    assert "_static/flask.css" in index  # the Pallets Flask theme
    for page in ("api", "config", "changes", "license"):
        assert (html / f"{page}.html").is_file()
    api = (html / "api.html").read_text(encoding="utf-8")
    assert "init_app" in api and API_MEMBERS[str(combo["shape"])] in api


# Which files the sdist and wheel hold depends on the backend and the optional modules
# together; every value of the other options reaches the metadata the same way whatever the
# backend (from pyproject.toml's [project] table).
@gate(varying=("build_backend", "with_views", "with_cli"), each_value=True)
def test_distributions(bake: Bake, combo: dict[str, object]) -> None:
    project = bake(**combo)
    out = distributions(project)
    sdists, wheels = sorted(out.glob("*.tar.gz")), sorted(out.glob("*.whl"))
    assert len(sdists) == len(wheels) == 1
    assert not twine_check([str(sdists[0]), str(wheels[0])], strict=True)  # True: failed

    with tarfile.open(sdists[0]) as sdist:
        names = {name.split("/", 1)[1] for name in sdist.getnames() if "/" in name}
    package = project.name
    assert {"CHANGES.rst", "LICENSE.txt", "README.rst", "pyproject.toml"} <= names
    assert {"tests/conftest.py", "docs/conf.py", "examples/app.py", "scripts/floors.py"} <= names
    assert f"src/{package}/py.typed" in names
    assert ("setup.py" in names) == (combo["build_backend"] == "setuptools")

    with zipfile.ZipFile(wheels[0]) as wheel:
        wheel_names = set(wheel.namelist())
        metadata = next(n for n in wheel_names if n.endswith(".dist-info/METADATA"))
        meta = wheel.read(metadata).decode()
    assert f"{package}/py.typed" in wheel_names
    assert any(n.endswith(".dist-info/licenses/LICENSE.txt") for n in wheel_names)
    assert f"License-Expression: {combo['license']}" in meta
    assert f"Requires-Python: >={combo['python_min']}" in meta
    assert f"Requires-Dist: flask>={combo['flask_min']}" in meta
    views = {
        f"{package}/_views.py",
        f"{package}/templates/example/index.html",
        f"{package}/static/example.css",
    }
    assert (views <= wheel_names) == combo["with_views"]
    assert (f"{package}/_cli.py" in wheel_names) == combo["with_cli"]


# Loading the schemas takes a tenth of a second; one validator checks every combination.
pyproject_validator = functools.cache(validate_pyproject.Validator)


@gate
def test_pyproject_is_valid(bake: Bake, combo: dict[str, object]) -> None:
    text = (bake(**combo) / "pyproject.toml").read_text(encoding="utf-8")
    pyproject_validator()(tomllib.loads(text))
    # Configuration for what was chosen only: no cruft table in a bake cruft did not make,
    # GitLab's files ignored only where they exist, no templates or static folders named
    # (the views' are HTML and CSS; typing skips package data by itself).
    tool = tomllib.loads(text)["tool"]
    assert "cruft" not in tool
    gitlab = {".gitlab-ci.yml"} & set(tool["check-manifest"]["ignore"])
    assert bool(gitlab) is (combo["ci"] == "gitlab")
    assert "templates" not in text and "static" not in text


# The skeleton's own code meets more than the project's config asks of a port: mypy's
# strict mode (which `make typing` adds for a typed package) and the checks beyond it that
# Pallets do not run.
SKELETON_MYPY = (
    "--strict",
    "--warn-unreachable",
    *("--enable-error-code", "ignore-without-code"),
    *("--enable-error-code", "redundant-expr"),
    *("--enable-error-code", "truthy-bool"),
)


@gate
def test_lint_and_types(bake: Bake, combo: dict[str, object], tmp_path_factory) -> None:  # type: ignore[no-untyped-def]
    project = bake(**combo)
    run(BIN / "ruff", "check", "--no-cache", cwd=project)
    run(BIN / "ruff", "format", "--check", "--no-cache", cwd=project)
    run(BIN / "mypy", "--cache-dir", mypy_cache(tmp_path_factory), *SKELETON_MYPY, cwd=project)


DOCS_EXAMPLES = Path(__file__).with_name("docs_examples.py")


def run_docs_examples(project: Path) -> subprocess.CompletedProcess[str]:
    """The skeleton's illustrative blocks, run from the bake with its pytest config only."""
    return run_baked_tests(project, "-c", "pyproject.toml", "--noconftest", str(DOCS_EXAMPLES))


@gate(varying=CODE_OPTIONS)
def test_the_skeletons_illustrations_work(bake: Bake, combo: dict[str, object]) -> None:
    result = run_docs_examples(bake(**combo))
    assert result.returncode == 0, result.stdout + result.stderr
    assert " passed" in result.stdout


def test_broken_docs_examples_fail(bake: Bake, tmp_path: Path) -> None:
    """A broken illustration fails the template's check; a broken session example (>>>)
    fails the bake's own suite, naming the page."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project, ignore=shutil.ignore_patterns(".git"))
    edit(project / "README.rst", {"FROM visits": "FROM items"})
    result = run_docs_examples(project)
    assert result.returncode == 1
    assert "README.rst: GET /visits" in result.stdout
    edit(project / "docs/index.rst", {"(42,)": "(41,)"})
    result = run_baked_tests(project)
    assert result.returncode == 1
    assert "FAILED docs/index.rst::index.rst" in result.stdout


def test_illustrations_do_not_run_and_readme_md_doctests_do(bake: Bake, tmp_path: Path) -> None:
    """An author's illustrative snippet (names it never defines) is left alone; a README.md
    session example runs."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project, ignore=shutil.ignore_patterns(".git"))
    (project / "README.rst").unlink()
    readme = (
        "# Flask-Example\n\n```python\nif user_has_membership(user):\n    grant()\n```\n\n"
        # doctest reads a session's output up to a blank line: one before the closing fence.
        "```pycon\n>>> from flask_example import Example\n>>> Example().timeout\n5.0\n\n```\n"
    )
    (project / "README.md").write_text(readme, "utf-8")
    edit(
        project / "docs/index.rst",
        {".. code-block:: python\n": ".. code-block:: python\n\n    import placeholder\n"},
    )
    result = run_baked_tests(project, "-v")
    assert result.returncode == 0, result.stdout
    assert "README.md::README.md PASSED" in result.stdout
    (project / "README.md").write_text(readme.replace("5.0", "6.0"), "utf-8")
    assert "FAILED README.md::README.md" in run_baked_tests(project).stdout


def test_code_options_are_the_only_options_the_code_uses() -> None:
    """What lets the baked suite and the docs gate run once per CODE_OPTIONS values: the code
    and the docs' Python use no other answer, and the docs' prose only the CI and licence."""
    project = TEMPLATE / "{{cookiecutter.package_name}}"

    def used(*patterns: str) -> set[str]:
        return {
            name
            for pattern in patterns
            for path in project.glob(pattern)
            if path.is_file()
            for name in re.findall(r"cookiecutter\.(\w+)", path.read_text("utf-8"))
        } & set(OPTIONS)

    assert used("src/**/*", "tests/**/*", "examples/**/*") == set(CODE_OPTIONS)
    assert used("docs/**/*") == set(DOCS_OPTIONS) | {"license"}
    # The CI is named only in prose: no Python block of the docs depends on it.
    for path in project.glob("docs/*.rst"):
        text = path.read_text("utf-8")
        assert "cookiecutter.ci" not in text or ".. code-block:: python" not in text, path


def test_every_pair_of_option_values_is_covered() -> None:
    from itertools import combinations

    from conftest import OPTIONS

    for a, b in combinations(OPTIONS, 2):
        seen = {(combo[a], combo[b]) for combo in COMBINATIONS}
        if a in ALONE or b in ALONE:  # every value of each
            assert {x for x, _ in seen} == set(OPTIONS[a]), a
            assert {y for _, y in seen} == set(OPTIONS[b]), b
        else:
            assert seen == {(va, vb) for va in OPTIONS[a] for vb in OPTIONS[b]}, (a, b)
    # The fewer runs of some gates still reach what they claim: the docs build every CI's
    # contributing page, and the engines meet every value of every option.
    assert {combo["ci"] for combo, _ in chosen(CODE_OPTIONS)} == set(OPTIONS["ci"])
    each = [combo for combo, _ in chosen(each_value=True)]
    assert all({combo[name] for combo in each} == set(values) for name, values in OPTIONS.items())


def test_the_options_alone_meet_no_other_option() -> None:
    """What lets the covering set leave out the pairs of an option in ALONE: no line of the
    project template that uses it uses another option, and no file belongs to it."""
    project = TEMPLATE / "{{cookiecutter.package_name}}"
    others = set(OPTIONS) - set(ALONE)
    for path in project.rglob("*"):
        if not path.is_file():
            continue
        for line in path.read_text("utf-8").splitlines():
            names = set(re.findall(r"cookiecutter\.(\w+)", line))
            if names & set(ALONE):
                assert not names & others, (path.name, line)
    for wanted in DEFAULTS["_files_by_option"].values():
        assert not set(wanted) & set(ALONE), wanted


def test_baked_suite_header_shows_versions(bake: Bake) -> None:
    result = run_baked_tests(bake(), "--collect-only")
    expected = f"Flask {version('flask')}, Werkzeug {version('werkzeug')}"
    assert expected in result.stdout.splitlines()


@pytest.mark.parametrize(
    "answers",
    [
        {"extension_name": "Flask-SimpleXML"},
        {"extension_name": "Foo-Bar-Flask"},
        pytest.param(
            {
                "extension_name": "Flask-Abcdefghijklmnopqrstuvwxyz",
                "with_views": True,  # the longest
                "with_cli": True,
            },
            marks=BY_SHAPE,  # test_lines_stay_within_the_limit_with_the_longest_names's too
        ),
        # Names of Flask's own commands: refused with the CLI (its group would be hidden),
        # good names without it.
        {"extension_name": "Flask-Run"},
        {"extension_name": "Flask-Shell", "shape": "app_client"},
        {"extension_name": "flask-routes", "shape": "request_hooks", "with_views": True},
        # No longer a clash: the example's view names no client of its own.
        {"extension_name": "Flask-Client", "shape": "app_client", "with_cli": True},
    ],
    ids=["simplexml", "name-flask", "long-name", "run", "shell", "routes", "client"],
)
def test_other_names_pass_their_suite_and_lint(
    bake: Bake,
    answers: dict[str, object],
    tmp_path_factory,  # type: ignore[no-untyped-def]
) -> None:
    project = bake(**answers)
    result = run_baked_tests(project)
    assert result.returncode == 0, result.stdout + result.stderr
    run(BIN / "ruff", "check", "--no-cache", cwd=project)
    run(BIN / "ruff", "format", "--check", "--no-cache", cwd=project)
    run(BIN / "mypy", "--cache-dir", mypy_cache(tmp_path_factory), *SKELETON_MYPY, cwd=project)


def without_uv() -> dict[str, str]:
    """This environment with no uv on PATH, as on a machine with only python3 and make."""
    path = [p for p in os.environ["PATH"].split(os.pathsep) if not (Path(p) / "uv").exists()]
    return {**os.environ, "PATH": os.pathsep.join(path)}


@pytest.mark.slow
@pytest.mark.without_uv
def test_make_test_from_scratch_with_pip_only_in_the_unpacked_sdist(
    bake: Bake, tmp_path: Path
) -> None:
    """A contributor (or a distribution's packager) with only python3 and make can run the
    tests from the sdist alone (both backends ship the same files, as above). Without uv on
    PATH, pip installs it into .venv-uv, then uv syncs .venv from the sdist's uv.lock (the
    uv path is test_real_projects.py's)."""
    env = without_uv()
    with tarfile.open(next(distributions(bake()).glob("*.tar.gz"))) as sdist:
        # Python 3.11.2 (Debian 12's) predates extraction filters.
        safe = {"filter": "data"} if hasattr(tarfile, "data_filter") else {}
        sdist.extractall(tmp_path, **safe)  # type: ignore[arg-type]
    (project,) = tmp_path.iterdir()
    unpacked = {p.name for p in project.iterdir()}

    first = run("make", "test", cwd=project, env=env)
    assert " passed" in first
    assert "-m pip install --quiet --disable-pip-version-check" in first
    assert ".venv-uv/bin/uv run --no-default-groups --group tests pytest" in first

    again = run("make", "test", cwd=project, env=env)
    assert "Installed" not in again and " passed" in again

    run("make", "clean", cwd=project, env=env)
    assert {p.name for p in project.iterdir()} == unpacked


def wheel_metadata(wheel: Path) -> dict[str, list[str]]:
    import email

    with zipfile.ZipFile(wheel) as archive:
        name = next(n for n in archive.namelist() if n.endswith(".dist-info/METADATA"))
        message = email.message_from_bytes(archive.read(name))
    fields: dict[str, list[str]] = {}
    for key, value in message.items():
        fields.setdefault(key, []).append(value)
    fields["Description"] = [message.get_payload().strip()]  # type: ignore[union-attr]
    # What differs by backend and is not a project answer: the metadata version, setuptools
    # marking the licence file "Dynamic", flit_core adding the import name (PEP 794).
    for generated in ("Metadata-Version", "Dynamic", "Import-Name"):
        fields.pop(generated, None)
    return {key: sorted(values) for key, values in fields.items()}


def sdist_files(project: Path) -> set[str]:
    with tarfile.open(next(distributions(project).glob("*.tar.gz"))) as sdist:
        return {m.name.split("/", 1)[1] for m in sdist.getmembers() if m.isfile()}


def test_both_backends_ship_the_same_sdist(bake: Bake) -> None:
    """What a contributor needs to run the tests; only the backends' own files differ."""
    setuptools = sdist_files(bake(build_backend="setuptools"))
    flit_core = sdist_files(bake(build_backend="flit_core"))
    own = {"setup.py", "setup.cfg", "MANIFEST.in"}
    assert {name for name in setuptools - flit_core if ".egg-info" not in name} == own
    assert flit_core - setuptools == set()
    assert {
        "Makefile",
        "pyproject.toml",
        "uv.lock",
        "scripts/floors.py",
        "tests/conftest.py",
    } <= flit_core


@pytest.mark.parametrize("backend", DEFAULTS["build_backend"])
def test_pyroma_rates_ten_and_check_manifest_passes(
    bake: Bake, backend: str, tmp_path: Path
) -> None:
    sdist = next(distributions(bake(build_backend=backend)).glob("*.tar.gz"))
    out = run(BIN / "pyroma", "--file", sdist)
    assert re.findall(r"Final rating: (\d+)/10", out) == ["10"], out
    # The sdist holds every file in git but those [tool.check-manifest] leaves out. Its build
    # writes into the tree, and its backend is in this environment: nothing is fetched.
    project = tmp_path / "project"
    shutil.copytree(bake(build_backend=backend), project)
    run(BIN / "check-manifest", "--no-build-isolation", cwd=project)


# The repo-review checks where Pallets' projects and the Scientific Python guide agree:
# pytest's strict settings, a spell checker among the hooks. (mypy's extra strictness is
# not Pallets': the template's own tests hold the skeleton to it, see SKELETON_MYPY.)
REPO_REVIEW = ["PP305", "PP306", "PP307", "PC160"]


@pytest.mark.parametrize("backend", DEFAULTS["build_backend"])
def test_repo_review_passes_pallets_checks(bake: Bake, backend: str) -> None:
    review = [BIN / "sp-repo-review", "--format", "json", bake(build_backend=backend)]
    # It exits non-zero for any failed check, and there are others (a markdown formatter).
    out = subprocess.run(review, capture_output=True, text=True).stdout
    checks = json.loads(out)["checks"]
    assert {code: checks[code]["result"] for code in REPO_REVIEW} == dict.fromkeys(
        REPO_REVIEW, True
    )


@pytest.mark.without_uv  # distributions() builds with build, not uv
def test_build_backends_give_the_same_metadata(bake: Bake) -> None:
    answers = {"with_views": True, "with_cli": True, "ci": "none"}
    by_backend = {
        backend: wheel_metadata(
            next(distributions(bake(build_backend=backend, **answers)).glob("*.whl"))
        )
        for backend in ("setuptools", "flit_core")
    }
    assert by_backend["setuptools"] == by_backend["flit_core"]
    assert "License-Expression" in by_backend["flit_core"]


@gate(varying=("python_min",))
def test_readthedocs_builds_on_a_python_the_docs_support(
    bake: Bake, combo: dict[str, object]
) -> None:
    """Read the Docs installs the project and the docs group on its Python: every one of them
    must accept it (the template's environment has the versions the docs group pins)."""
    project = bake(**combo)
    config = project / ".readthedocs.yaml"
    run(BIN / "check-jsonschema", "--builtin-schema", "vendor.readthedocs", config)
    jobs = yaml.safe_load(config.read_text("utf-8"))["build"]["jobs"]
    (python,) = re.findall(r"uv venv --python (\S+) ", " ".join(jobs["create_environment"]))
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    floors = {
        "the project": pyproject["project"]["requires-python"],
        **{name: metadata(name)["Requires-Python"] for name in ("sphinx", "pallets-sphinx-themes")},
    }
    for name, floor in floors.items():
        assert Version(python) in SpecifierSet(floor), f"{name} needs {floor}, RTD has {python}"


def read_the_docs(project: Path, python: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    """`.readthedocs.yaml`'s jobs in Read the Docs' order, then its sphinx-build (offline),
    on a machine whose only Python is ``python`` and whose uv is on PATH, as the install step
    leaves it; the first step that fails, or the build."""
    config = yaml.safe_load((project / ".readthedocs.yaml").read_text("utf-8"))
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir(parents=True)
    (bin_dir / "uv").symlink_to(shutil.which("uv") or BIN / "uv")
    (bin_dir / Path(python).name).symlink_to(python)
    venv, output = tmp_path / "rtd-venv", tmp_path / "rtd-output"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("PYENV", "VIRTUAL_ENV"))},
        "PATH": str(bin_dir),
        "READTHEDOCS": "True",
        "READTHEDOCS_VIRTUALENV_PATH": str(venv),
        "READTHEDOCS_OUTPUT": str(output),
        "DOCS_OFFLINE": "1",
    }
    jobs = config["build"]["jobs"]
    sphinx = config["sphinx"]
    build = (
        f"{venv}/bin/python -m sphinx -T -W --keep-going -b {sphinx['builder']} -d _build/doctrees"
        f" -D language=en . {output}/html"
    )
    for step in (*jobs["create_environment"], *jobs["install"], f"cd docs && {build}"):
        result = subprocess.run(
            ["/bin/sh", "-c", step], cwd=project, env=env, capture_output=True, text=True
        )
        if result.returncode != 0:
            break
    return result


@pytest.mark.slow
def test_read_the_docs_gets_the_projects_python_whatever_the_images(
    bake: Bake, tmp_path: Path
) -> None:
    """Where the image's only Python is the project's, the docs build; where it is another,
    uv is allowed to download the project's, and the one thing that fails here is that
    download (this machine reaches no Python downloads), never a setting that forbids it."""
    python = os.path.realpath(sys.executable)  # this Python, outside the template's venv
    ours = f"{sys.version_info.major}.{sys.version_info.minor}"
    other = next(v for v in DEFAULTS["python_min"] if v != ours)
    project = tmp_path / "project"  # the build writes docs/_build: not into a shared bake
    shutil.copytree(bake(python_min=ours), project)
    built = read_the_docs(project, python, tmp_path / "ours")
    assert built.returncode == 0, built.stdout + built.stderr
    assert (tmp_path / "ours/rtd-output/html/index.html").is_file()
    shutil.copytree(bake(python_min=other), tmp_path / "project-other")
    elsewhere = read_the_docs(tmp_path / "project-other", python, tmp_path / "other")
    assert elsewhere.returncode != 0, "this machine downloaded a Python"
    said = " ".join(elsewhere.stderr.split())  # uv wraps its lines at the terminal's width
    assert "downloads are set to" not in said
    assert "Failed to download `https://" in said, elsewhere.stderr
    assert f"cpython-{other}." in said


def test_make_bake(tmp_path: Path) -> None:
    """The README's first command, asking the questions: bake into out/, then the result's
    own `make test`. (Without PROMPT=1 the recipe is the same, with --no-input.)"""
    from conftest import TEMPLATE

    copy = tmp_path / "template"
    shutil.copytree(
        TEMPLATE, copy, ignore=shutil.ignore_patterns(".git", ".venv", "out", "__pycache__")
    )
    # A stand-in for the template's .venv with this environment's cookiecutter, and no install
    # (SYNC, `make venv`, is what every target runs first; `make test` here proves it):
    # `make bake` cannot touch the environment running these tests.
    venv = tmp_path / "venv"
    (venv / "bin").mkdir(parents=True)
    (venv / "bin" / "cookiecutter").symlink_to(BIN / "cookiecutter")
    result = subprocess.run(
        ["make", "-C", str(copy), "bake", f"VENV={venv}", "SYNC=:", "PROMPT=1"],
        capture_output=True,
        text=True,
        input="Flask-SimpleXML\n" + "\n" * 20,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert (copy / "out/flask_simplexml/pyproject.toml").is_file()
    assert " passed" in result.stdout


def test_make_test_refuses_a_python_older_than_the_project(bake: Bake, tmp_path: Path) -> None:
    """uv says which requirement the Python misses, and nothing is left that breaks the next
    run."""
    newer = [v for v in DEFAULTS["python_min"] if tuple(map(int, v.split("."))) > sys.version_info]
    if not newer:
        pytest.skip("no supported Python newer than this one")
    project = tmp_path / "project"
    shutil.copytree(bake(python_min=newer[0]), project, ignore=shutil.ignore_patterns(".git"))
    # Any PEP 440 specifier, an upper bound too.
    edit(
        project / "pyproject.toml",
        {f'requires-python = ">={newer[0]}"': f'requires-python = ">={newer[0]},<4"'},
    )
    result = subprocess.run(
        ["make", "test", f"PYTHON={sys.executable}"], cwd=project, capture_output=True, text=True
    )
    assert result.returncode != 0
    assert f"incompatible with the project's Python requirement: `>={newer[0]}, <4`" in (
        result.stderr
    )
    assert not (project / ".venv").exists()


@pytest.mark.parametrize(
    ("ci", "links"),
    [
        ("github", ["jane-doe/flask-example/issues/12", "jane-doe/flask-example/pull/34"]),
        (
            "gitlab",
            ["jane-doe/flask-example/-/issues/12", "jane-doe/flask-example/-/merge_requests/34"],
        ),
    ],
)
def test_the_changelog_links_issues_and_pull_requests(
    bake: Bake, tmp_path: Path, ci: str, links: list[str]
) -> None:
    """:issue: and :pr:, as Pallets' changelogs write them, link to the project's repository."""
    project = tmp_path / "project"
    baked = bake(ci=ci, **REAL_ANSWERS)
    shutil.copytree(baked, project, ignore=shutil.ignore_patterns(".git"))
    changes = project / "CHANGES.rst"
    edit(changes, {"Initial release.": "Initial release. :issue:`12` :pr:`34`"})
    env = {**os.environ, "PYTHONPATH": str(distributions(baked) / "site"), "DOCS_OFFLINE": "1"}
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "docs", tmp_path / "h"]
    built = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    html = (tmp_path / "h/changes.html").read_text("utf-8")
    assert all(
        f'href="https://{"gitlab" if ci == "gitlab" else "github"}.com/{link}"' in html
        for link in links
    )


def test_docs_offline_still_fail_on_a_broken_reference(bake: Bake, tmp_path: Path) -> None:
    """Unreachable inventories are left out, and the build says so: references of every role
    into them are text. A reference to nothing is still an error."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project, ignore=shutil.ignore_patterns(".git"))
    index = project / "docs/index.rst"
    into_flask = (
        "\nSee :ref:`app factories <flask:app-factories>`, :doc:`flask:patterns/index` and"
        " :class:`flask.Flask`.\n"
    )
    index.write_text(index.read_text("utf-8") + into_flask, "utf-8")
    env = {**os.environ, "PYTHONPATH": str(distributions(bake()) / "site"), "DOCS_OFFLINE": "1"}
    command = [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "docs", tmp_path / "a"]
    built = subprocess.run(command, cwd=project, env=env, capture_output=True, text=True)
    assert built.returncode == 0, built.stderr
    assert "docs: without the inventories of python, flask, werkzeug: links into them are text" in (
        built.stdout
    )
    index.write_text(index.read_text("utf-8") + "\nSee :ref:`no-such-section`.\n", "utf-8")
    env = {**os.environ, "PYTHONPATH": str(distributions(bake()) / "site"), "DOCS_OFFLINE": "1"}
    result = subprocess.run(
        [sys.executable, "-m", "sphinx", "-W", "-q", "-b", "html", "docs", tmp_path / "html"],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert result.returncode != 0
    assert "undefined label: 'no-such-section'" in result.stderr


def lines_over_the_limit(project: Path) -> list[str]:
    """The lines of the files the bake wrote over its .editorconfig's max_line_length, but
    for what cannot wrap: a URL, or an action pinned to its commit."""
    limit = int(re.search(r"max_line_length = (\d+)", (project / ".editorconfig").read_text())[1])
    unbreakable = re.compile(r"://|\b[0-9a-f]{40}\b")
    files = [
        path
        for path in sorted(project.rglob("*"))
        if path.is_file()
        and path.name != "uv.lock"  # uv writes it
        # .git and what tools make (.venv, .tox, caches), but CI's files
        and not any(
            d.startswith(".") and d != ".github" for d in path.parent.relative_to(project).parts
        )
    ]
    names = {path.relative_to(project).as_posix() for path in files}
    assert {"Makefile", "README.rst", "docs/index.rst", "pyproject.toml"} <= names
    return [
        f"{path.relative_to(project)}:{number}: {line}"
        for path in files
        for number, line in enumerate(path.read_text("utf-8").splitlines(), 1)
        if len(line.expandtabs(4)) > limit and not unbreakable.search(line)
    ]


@gate
def test_lines_stay_within_the_projects_limit(bake: Bake, combo: dict[str, object]) -> None:
    """Every file a bake writes keeps to the max_line_length of its .editorconfig: ruff
    format leaves comments and docstrings as written, and nothing wraps RST, TOML, YAML or
    a Makefile."""
    assert lines_over_the_limit(bake(**combo)) == []


@BY_SHAPE
@pytest.mark.parametrize("shape", DEFAULTS["shape"])
def test_lines_stay_within_the_limit_with_the_longest_names(bake: Bake, shape: str) -> None:
    """So do they where the derived names (package, class, key, config prefix) are long."""
    project = bake(
        extension_name="Flask-Abcdefghijklmnopqrstuvwxyz",
        shape=shape,
        with_views=True,
        with_cli=True,
    )
    assert lines_over_the_limit(project) == []


def pythons_here() -> dict[str, str]:
    """A contributor's environment (no CI variables) with every Python of this machine on
    PATH: pyenv's, if it is here (PYENV_VERSION), else PATH as it is."""
    laptop = {k: v for k, v in os.environ.items() if k not in {"CI", "READTHEDOCS"}}
    pyenv = shutil.which("pyenv")
    if pyenv is None:
        return laptop
    versions = run(pyenv, "versions", "--bare", "--skip-aliases").split()
    return {**laptop, "PYENV_VERSION": ":".join(versions)}


@pytest.mark.slow
def test_tox_typed_bare_runs_what_is_here_and_skips_the_rest(bake: Bake, tmp_path: Path) -> None:
    """`tox`, as a Pallets contributor types it, from a venv holding tox and tox-uv: every env
    whose Python is here runs, every other is skipped with one line, and tox exits 0."""
    tox = tmp_path / "tox"
    uv = shutil.which("uv") or BIN / "uv"
    run(uv, "venv", "--quiet", "--python", sys.executable, tox)
    tools = (f"tox=={version('tox')}", f"tox-uv=={version('tox-uv')}")
    run(uv, "pip", "install", "--quiet", "--python", tox / "bin/python", *tools)
    project = tmp_path / "project"
    shutil.copytree(bake(), project)
    env = pythons_here()
    result = subprocess.run([tox / "bin/tox"], cwd=project, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    summary = dict(re.findall(r"^  (\S+): (OK|SKIP|FAIL)", result.stdout, flags=re.MULTILINE))
    env_list = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["tool"]["tox"]
    assert list(summary) == env_list["env_list"]
    for name, outcome in summary.items():
        python = re.fullmatch(r"py(py)?(\d\.\d+t?)", name)
        command = f"{'pypy' if python and python[1] else 'python'}{python[2]}" if python else ""
        path = shutil.which(command, path=env["PATH"]) if command else sys.executable
        here = path is not None and subprocess.run([path, "-V"], env=env).returncode == 0
        assert outcome == ("OK" if here else "SKIP"), (name, result.stdout)
        skips = re.findall(rf"^{re.escape(name)}: skipped because .*", result.stdout, re.M)
        assert len(skips) == (outcome == "SKIP"), result.stdout
    assert "OK" in summary.values() and "SKIP" in summary.values()


@pytest.mark.slow
def test_tox_installed_alone_installs_tox_uv_and_runs_the_tests(bake: Bake, tmp_path: Path) -> None:
    """tox from pipx or a venv, without tox-uv: tox's own `requires` brings it, where tox
    would otherwise skip every env it cannot make and report success."""
    tox = tmp_path / "tox"
    uv = shutil.which("uv") or BIN / "uv"  # the same venv as pip's, made in a tenth the time
    run(uv, "venv", "--quiet", "--python", sys.executable, tox)
    run(uv, "pip", "install", "--quiet", "--python", tox / "bin/python", "tox")
    project = tmp_path / "project"
    shutil.copytree(bake(), project)
    python = f"py{sys.version_info[0]}.{sys.version_info[1]}"
    result = subprocess.run(
        [tox / "bin/tox", "-e", python], cwd=project, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert re.search(r"\d+ passed", result.stdout), result.stdout
    assert (project / ".tox/.tox").is_dir()  # where tox put tox-uv


def test_docs_config_opens_no_socket_on_read_the_docs_or_in_ci(bake: Bake) -> None:
    """There every inventory is read, and one that cannot be fails the build: nothing is
    probed and dropped first."""
    probe = (
        "import runpy, sys\n"
        "def refuse(event, args):\n"
        "    if event == 'socket.connect':\n"
        "        raise SystemExit(f'connected to {args[1]}')\n"
        "sys.addaudithook(refuse)\n"
        "conf = runpy.run_path('docs/conf.py')\n"
        "print(sorted(conf['intersphinx_mapping']))\n"
    )
    site = str(distributions(bake()) / "site")
    base = {k: v for k, v in os.environ.items() if k not in {"CI", "READTHEDOCS", "DOCS_OFFLINE"}}
    for variable in ("READTHEDOCS", "CI"):
        env = {**base, "PYTHONPATH": site, variable: "True"}
        out = run(sys.executable, "-c", probe, cwd=bake(), env=env)
        assert out.strip() == "['flask', 'python', 'werkzeug']"
