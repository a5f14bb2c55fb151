"""The default bake: its tree, its key contents, and the template tree that produces it."""

from __future__ import annotations

import ast
import os
import re
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import Bake
from conftest import BIN
from conftest import BY_SHAPE
from conftest import default_answers
from conftest import DEFAULTS
from conftest import run
from conftest import TEMPLATE

EXPECTED_FILES = {
    ".editorconfig",
    ".github/workflows/publish.yaml",
    ".github/workflows/tests.yaml",
    ".gitignore",
    ".pre-commit-config.yaml",
    ".readthedocs.yaml",
    "docs/api.rst",
    "docs/changes.rst",
    "docs/conf.py",
    "docs/config.rst",
    "docs/contributing.rst",
    "docs/index.rst",
    "docs/license.rst",
    "examples/app.py",
    "CHANGES.rst",
    "LICENSE.txt",
    "MANIFEST.in",
    "Makefile",
    "README.rst",
    "pyproject.toml",
    "scripts/floors.py",
    "scripts/typecheck.py",
    "setup.py",
    "src/flask_example/__init__.py",
    "src/flask_example/_resource.py",
    "src/flask_example/py.typed",
    "tests/conftest.py",
    "tests/test_example_app.py",
    "tests/test_guidelines.py",
    "tests/test_resource.py",
    "tests/test_skeleton.py",
    "uv.lock",
}
FREE_TEXT = ("short_description", "author_name")


def files(project: Path) -> set[str]:
    return {
        path.relative_to(project).as_posix()
        for path in project.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(project).parts
    }


def test_default_tree(bake: Bake) -> None:
    project = bake()
    assert project.name == "flask_example"
    assert files(project) == EXPECTED_FILES


def test_no_template_syntax_left(bake: Bake) -> None:
    project = bake()
    leftover = re.compile(r"\{\{ *cookiecutter|\{%|cookiecutter")
    for name in files(project):
        assert not leftover.search(name), name
        assert not leftover.search((project / name).read_text(encoding="utf-8")), name


def test_python_files_parse(bake: Bake) -> None:
    project = bake()
    for path in project.rglob("*.py"):
        ast.parse(path.read_text(encoding="utf-8"), filename=str(path))


def test_pyproject_metadata(bake: Bake) -> None:
    pyproject = tomllib.loads((bake() / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    assert project["name"] == "Flask-Example"
    assert project["version"] == "0.1.0"
    assert project["license"] == "BSD-3-Clause"
    assert project["license-files"] == ["LICENSE.txt"]
    assert project["requires-python"] == ">=3.11"
    assert project["dependencies"] == ["flask>=3.0"]
    assert "Framework :: Flask" in project["classifiers"]
    assert "Typing :: Typed" in project["classifiers"]
    assert set(project["urls"]) == {"Documentation", "Changes", "Source", "Issue Tracker"}
    # Every requirement states a lower bound and nothing else: the exact versions live in
    # uv.lock. The tools say which Python they need, so any requires-python resolves.
    groups = pyproject["dependency-groups"]
    requirements = project["dependencies"] + [
        req for group in groups.values() for req in group if isinstance(req, str)
    ]
    assert all(re.fullmatch(r"[\w-]+(\[\w+\])?>=[\d.]+( ; python_version >= '3\.\d+')?", r)
               for r in requirements), requirements  # fmt: skip
    assert groups["dev"][0] == {"include-group": "tests"}
    assert pyproject["tool"]["uv"]["default-groups"] == ["dev", "pre-commit", "typing"]


def test_template_env_runs_the_pinned_tools(bake: Bake) -> None:
    """The gates lint and build bakes with versions a bake allows."""
    from importlib.metadata import version

    from packaging.requirements import Requirement

    groups = tomllib.loads((bake() / "pyproject.toml").read_text("utf-8"))["dependency-groups"]
    tools = [req for group in groups.values() for req in group if isinstance(req, str)]
    for tool in map(Requirement, tools):
        if tool.marker is None or tool.marker.evaluate():
            assert tool.specifier.contains(version(tool.name)), tool
    # pre-commit's hooks (fetched in the user's CI, never here) run the same tools, at the
    # same versions, and pre-commit accepts the configuration. ruff's and zizmor's hooks are
    # their pins' one source (test_updates.py checks they are what this environment runs);
    # uv's hook is the one source of the uv the template's lock holds (make update moves both).
    config = bake() / ".pre-commit-config.yaml"
    run(BIN / "pre-commit", "validate-config", config)
    hooks = yaml.safe_load(config.read_text("utf-8"))["repos"]
    revs = {hook["repo"].rsplit("/", 1)[1]: hook["rev"].removeprefix("v") for hook in hooks}
    assert revs["uv-pre-commit"] == locked()["uv"]


def locked() -> dict[str, str]:
    """The template's committed resolution for this Python and platform: requirements-dev.txt,
    which pip installs (its markers evaluated here)."""
    from packaging.requirements import Requirement

    text = (TEMPLATE / "requirements-dev.txt").read_text("utf-8")
    lines = [line for line in text.splitlines() if line and not line.startswith((" ", "#"))]
    pins = [Requirement(line.removesuffix("\\").strip()) for line in lines]
    return {
        pin.name: str(pin.specifier).removeprefix("==")
        for pin in pins
        if pin.marker is None or pin.marker.evaluate()
    }


@pytest.mark.without_uv
def test_template_env_is_the_committed_resolution() -> None:
    """make test installs exactly the lock, with uv or with pip alone: every distribution in
    this environment, at the locked version (pip, the installer, aside)."""
    from importlib.metadata import distributions

    from packaging.utils import canonicalize_name

    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    installed.pop("pip", None)
    assert installed == locked()


def test_pip_installs_the_same_lock_as_uv() -> None:
    """requirements-dev.txt is uv's export of uv.lock, read from the lock alone (whatever PyPI
    has released since). make's `uv sync --locked` refuses a lock behind pyproject.toml."""
    from hooks.update import EXPORT

    header, command, *pins = (TEMPLATE / "requirements-dev.txt").read_text("utf-8").split("\n")
    assert command.split() == ["#", "uv", *EXPORT]
    assert "\n".join(pins) == run(BIN / "uv", *EXPORT[:-2], "--no-header", "--quiet", cwd=TEMPLATE)


def test_setup_py_is_a_zip_unsafe_shim(bake: Bake) -> None:
    tree = ast.parse((bake() / "setup.py").read_text(encoding="utf-8"))
    calls = [node for node in ast.walk(tree) if isinstance(node, ast.Call)]
    assert len(calls) == 1
    assert [(kw.arg, ast.literal_eval(kw.value)) for kw in calls[0].keywords] == [
        ("zip_safe", False)
    ]


# What each shape's init_app hooks into the app (a test checks every shape has its entry).
REGISTERS = {
    "context_resource": "app.teardown_appcontext(_close_connection)",
    "app_client": "weakref.finalize(app, client.close)",
    "request_hooks": "app.after_request(self._finish_response)",
}


@BY_SHAPE
@pytest.mark.parametrize("shape", DEFAULTS["shape"])
def test_extension_follows_the_guidelines(bake: Bake, shape: str) -> None:
    registers = REGISTERS[shape]
    package = bake(shape=shape) / "src/flask_example"
    # The shape's own module: the one that is not shared.
    modules = {path.stem for path in package.glob("_*.py")}
    [module] = modules - {"__init__", "_views", "_cli"}
    source = (package / f"{module}.py").read_text(encoding="utf-8")
    assert re.search(r"def __init__\(self, app: App \| None = None, \*, \w+: ", source)
    assert "def init_app(self, app: App) -> None:" in source
    assert "from flask.sansio.app import App" in source
    assert "self.init_app(app)" in source
    # Config keys as literals, so that a search for one finds the code that reads it.
    assert 'app.config.setdefault("EXAMPLE_' in source and "PREFIX" not in source
    # The state lives in app.extensions, put there once per app by init_app, and read
    # back, typed, by one private method that checks the instance asking: no cast.
    assert 'KEY = "example"\n' in source
    assert "        if KEY in app.extensions:\n" in source
    assert "        app.extensions[KEY] = _State(" in source
    assert "    def _state(self, app: App) -> _State:\n" in source
    assert "if state.extension is not self:" in source
    assert "self._state(current_app)" in source
    assert "cast(" not in source
    assert registers in source
    assert "self.app" not in source
    for obsolete in ("_app_ctx_stack", "_request_ctx_stack", "flask.ext", "before_first_request"):
        assert obsolete not in source


def test_changes_in_pallets_format(bake: Bake) -> None:
    lines = (bake() / "CHANGES.rst").read_text(encoding="utf-8").splitlines()
    assert lines[:4] == ["Version 0.1.0", "-------------", "", "Unreleased"]


def test_readme_shows_both_init_styles_and_the_maintainer(bake: Bake) -> None:
    readme = (bake() / "README.rst").read_text(encoding="utf-8")
    assert "example = Example(app)" in readme
    assert "example.init_app(app)" in readme
    assert "pip install Flask-Example" in readme
    assert "maintained by Your Name" in readme


# Every CI choice and shape, with and without views and CLI.
README_CASES = [
    {
        "shape": DEFAULTS["shape"][i % len(DEFAULTS["shape"])],
        "with_views": i % 2 == 0,
        "with_cli": i % 2 == 1,
        "ci": DEFAULTS["ci"][i % len(DEFAULTS["ci"])],
    }
    for i in range(max(len(DEFAULTS["shape"]), len(DEFAULTS["ci"])))
]


def flat(path: Path) -> str:
    return " ".join(path.read_text(encoding="utf-8").split())


@pytest.mark.parametrize("answers", README_CASES, ids=lambda a: "-".join(map(str, a.values())))
def test_docs_cover_the_options_chosen(bake: Bake, answers: dict[str, object]) -> None:
    """The README is short: what the extension does, install, usage, links. The details are
    in the docs, once; nothing in them speaks to the owner."""
    project = bake(**answers)
    readme = (project / "README.rst").read_text(encoding="utf-8")
    sections = re.findall(r"^(.+)\n-+\n", readme, re.MULTILINE)
    assert sections == ["Install", "Usage", "Links", "Maintainer"]
    front, config = flat(project / "docs/index.rst"), flat(project / "docs/config.rst")
    contributing = flat(project / "docs/contributing.rst")
    # Every config key the extension reads, as its source sets the defaults.
    source = "\n".join(p.read_text("utf-8") for p in (project / "src").rglob("*.py"))
    keys = re.findall(r'setdefault\("EXAMPLE_(\w+)"', source)
    assert keys and all(f"EXAMPLE_{key}" in config for key in keys), keys
    assert ("Status page" in front and "``/example/``" in front) is answers["with_views"]
    assert ("$ flask --app app.py example settings" in front) is answers["with_cli"]
    assert "run it with ``flask --app examples/app.py run``" in front
    # Every target make help lists is explained, and every explained target exists.
    listed = set(re.findall(r"^make (\S+)", run("make", "-s", "-C", project, "help"), re.M))
    explained = set(re.findall(r"``make ([a-z-]+)``", contributing))
    assert listed - {"help"} == explained - {"help"}
    assert {"test", "lint", "docs", "dist"} <= listed
    # A bake with CI publishes from CI alone, past its review; without CI, make does.
    assert ("publish" in listed) is (answers["ci"] == "none")
    assert "``make help`` lists the targets" in contributing
    release = contributing[contributing.index("Releasing") :]
    where = {
        "github": ".github/workflows/publish.yaml",
        "gitlab": ".gitlab-ci.yml",
        "travis": ".travis.yml",
        "none": "make publish",
    }
    assert where[str(answers["ci"])] in release
    assert "https://flask-example.readthedocs.io/page/contributing/" in readme


def test_contributing_says_how_lowest_versions_are_chosen(bake: Bake) -> None:
    contributing = flat(bake() / "docs/contributing.rst")
    assert (
        "Every dependency, in ``[project] dependencies`` and in the ``tests`` dependency group,"
        " needs a lower bound" in contributing
    )
    assert "``uv pip compile --resolution lowest-direct``" in contributing
    assert "CI runs it on the oldest and the newest supported Python" in contributing
    assert "python -m pip install -e . --group dev" in contributing


def test_free_text_reaches_files_only_through_the_text_filter() -> None:
    """Every use of a free-text answer in the project template is escaped for its format."""
    use = re.compile(r"cookiecutter\.(" + "|".join(FREE_TEXT) + r")\b([^}]*)\}\}")
    template = TEMPLATE / "{{cookiecutter.package_name}}"
    uses = 0
    for path in template.rglob("*"):
        if not path.is_file():
            continue
        for match in use.finditer(path.read_text(encoding="utf-8")):
            uses += 1
            assert re.match(r"\s*\|\s*text\b", match.group(2)), (path, match.group(0))
    assert uses


def test_extension_templates_are_copied_verbatim(bake: Bake) -> None:
    """The extension's own Jinja templates reach the project unrendered (both engines render
    every file; {% raw %} keeps them as they are)."""
    page = bake(with_views=True) / "src/flask_example/templates/example/index.html"
    text = page.read_text(encoding="utf-8")
    assert "{{ request.blueprint }}" in text
    assert "url_for('.static'" in text


@pytest.mark.xdist_group("one-worker")
def test_groups_reach_pytest_xdist(request: pytest.FixtureRequest) -> None:
    """The tests of a group share one worker (the gates of a bake, the port's targets in
    order) only where pytest-xdist can write the group into the test's id, which it reads."""
    if not request.config.getoption("loadgroup", False):
        pytest.skip("not run with pytest-xdist's --dist loadgroup")
    assert request.node.nodeid.endswith("@one-worker"), (
        "pytest-xdist ignores xdist_group on this pytest (pytest-dev/pytest-xdist#1386):"
        " install what pyproject.toml's dev group allows (make clean test)"
    )


def test_bakes_lock_from_the_cache_one_online_lock_per_python_floor() -> None:
    """The README's account of how the tests' bakes lock."""
    from conftest import lock_from_cache
    from conftest import WARMED

    before = os.environ.get("UV_OFFLINE")
    with lock_from_cache({"python_min": DEFAULTS["python_min"][0]}):
        assert os.environ["UV_OFFLINE"] == "1"
    assert DEFAULTS["python_min"][0] in WARMED
    assert os.environ.get("UV_OFFLINE") == before


def test_make_test_runs_one_worker_per_core_and_one_more(request: pytest.FixtureRequest) -> None:
    """The README's account of `make test`'s workers: what `-n auto` asks pytest-xdist for."""
    workers = request.config.hook.pytest_xdist_auto_num_workers(config=request.config)
    assert workers == (os.cpu_count() or 1) + 1
    makefile = (TEMPLATE / "Makefile").read_text("utf-8")
    assert "JOBS ?= auto\n" in makefile and "pytest -n $(JOBS)" in makefile


def test_template_code_passes_its_linters() -> None:
    from conftest import BIN
    from conftest import run

    run(BIN / "ruff", "check", "--no-cache", "hooks", "tests", cwd=TEMPLATE)
    run(BIN / "ruff", "format", "--check", "--no-cache", "hooks", "tests", cwd=TEMPLATE)


def test_python_choices_are_the_supported_versions() -> None:
    """cookiecutter keeps only the chosen value of a choice, so templates read the supported
    versions from _python_versions; the two lists must stay the same."""
    from conftest import DEFAULTS

    assert DEFAULTS["python_min"] == DEFAULTS["_python_versions"]


# British spellings that Flask's (US English) docs spell otherwise.
BRITISH = re.compile(
    r"\b\w*(initialis|licence|organis|behaviour|colour|favour|analys(e|ing)\b|recognis"
    r"|serialis|normalis|customis|cancell|centre|whilst)",
    re.IGNORECASE,
)


@BY_SHAPE
@pytest.mark.parametrize("shape", DEFAULTS["shape"])
def test_generated_text_is_in_us_english(bake: Bake, shape: str) -> None:
    project = bake(shape=shape, with_views=True, with_cli=True)
    found = [
        f"{path.relative_to(project)}: {match[0]}"
        for path in project.rglob("*")
        if path.is_file() and ".git" not in path.parts
        for match in BRITISH.finditer(path.read_text("utf-8", errors="replace"))
    ]
    assert found == []


def test_first_steps_reach_the_owner_and_are_not_published(bake: Bake) -> None:
    """Which files hold the example (the README's own usage text too), how to connect Read the
    Docs and PyPI for the CI chosen, and how to hand the project over: the bake's last lines,
    for its owner, once; nothing the project publishes says them."""
    from hooks import post_gen_project

    publishing = {
        "github": ".github/workflows/publish.yaml as a trusted publisher",
        "gitlab": ".gitlab-ci.yml as a trusted publisher",
        "travis": "UV_PUBLISH_TOKEN",
        "none": "make publish",
    }
    for ci, where in publishing.items():
        context = {**default_answers(), "ci": ci, "__module": "_resource"}
        steps = " ".join(post_gen_project.first_steps(context, []))
        for example in ("src/flask_example/_resource.py", "tests/test_resource.py", "Usage"):
            assert example in steps
        assert "Read the Docs" in steps and "https://flask-example.readthedocs.io/" in steps
        assert where in steps and "Pallets-Eco" in steps
    # A bake that kept the prompts' examples says where to write the real values, first.
    kept = post_gen_project.first_steps(context, ["Your Name", "you@example.com"])
    assert (
        kept[0].startswith("1. Write your own values") and "(Your Name, you@example.com)" in kept[0]
    )
    assert kept[1].startswith("2. Replace the worked example")
    project = bake()
    pages = [project / "README.rst", *sorted((project / "docs").glob("*.rst"))]
    published = " ".join(" ".join(page.read_text("utf-8").split()) for page in pages)
    for owners in ("First steps", "first release", "hand it over", "After ``make test``"):
        assert owners not in published
