"""Answers reach the right places: derived names, licences, version floors."""

from __future__ import annotations

import datetime
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from conftest import Bake
from conftest import BIN
from conftest import BY_SHAPE
from conftest import DEFAULTS
from conftest import edit
from conftest import gate
from conftest import run
from hooks.extension import extension_key
from hooks.extension import LICENSES


def pyproject(project: Path) -> dict:  # type: ignore[type-arg]
    return tomllib.loads((project / "pyproject.toml").read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("extension_name", "package", "class_name", "key"),
    [
        ("Flask-SimpleXML", "flask_simplexml", "SimpleXML", "simplexml"),
        ("SimpleXML-Flask", "simplexml_flask", "SimpleXML", "simplexml"),
        ("Flask-Foo-Bar", "flask_foo_bar", "FooBar", "foo_bar"),
        # A project's own PyPI spelling, lowercase, is kept in [project] name.
        ("flask-talisman", "flask_talisman", "Talisman", "talisman"),
        ("orjson-flask", "orjson_flask", "Orjson", "orjson"),
    ],
)
def test_derived_names(
    bake: Bake, extension_name: str, package: str, class_name: str, key: str
) -> None:
    project = bake(extension_name=extension_name)
    prefix = key.upper() + "_"
    assert project.name == package
    assert pyproject(project)["project"]["name"] == extension_name
    init = (project / "src" / package / "__init__.py").read_text(encoding="utf-8")
    assert f"from ._resource import {class_name}\n" in init
    source = (project / "src" / package / "_resource.py").read_text(encoding="utf-8")
    assert f"class {class_name}:" in source
    assert f'KEY = "{key}"\n' in source
    assert f'app.config.setdefault("{prefix}DATABASE", ":memory:")' in source
    tests = (project / "tests" / "test_guidelines.py").read_text(encoding="utf-8")
    assert f"from {package} import {class_name}" in tests
    assert (
        (project / "README.rst")
        .read_text(encoding="utf-8")
        .startswith(f"{extension_name}\n{'=' * len(extension_name)}\n")
    )


def test_package_name_can_be_chosen(bake: Bake) -> None:
    project = bake(package_name="flask_sxml", extension_name="Flask-SimpleXML")
    assert project.name == "flask_sxml"
    source = (project / "src/flask_sxml/_resource.py").read_text(encoding="utf-8")
    assert 'KEY = "sxml"\n' in source
    assert "class SimpleXML:" in source


def test_every_licence_is_one_file_named_by_its_spdx_id() -> None:
    """Adding a licence is adding hooks/licenses/<SPDX id>.txt and its choice: the id is one
    that packaging knows, and the text names the year and the author where its copyright line
    does."""
    from packaging.licenses import canonicalize_license_expression

    assert sorted(path.stem for path in LICENSES.glob("*.txt")) == sorted(DEFAULTS["license"])
    for licence in DEFAULTS["license"]:
        assert canonicalize_license_expression(licence) == licence
        text = (LICENSES / f"{licence}.txt").read_text("utf-8")
        assert text.count("{year} {author}") == 1, (
            f"{licence}.txt: write Copyright {{year}} {{author}}"
        )
        assert text.endswith(".\n") and not text.endswith("\n\n") and not text.startswith("\n")


@gate(varying=("license",))
def test_licence(bake: Bake, combo: dict[str, object]) -> None:
    project, licence = bake(**combo), str(combo["license"])
    assert pyproject(project)["project"]["license"] == licence
    text = (project / "LICENSE.txt").read_text(encoding="utf-8")
    expected = (LICENSES / f"{licence}.txt").read_text("utf-8")
    year = str(datetime.datetime.now(datetime.UTC).year)
    assert text == expected.replace("{year}", year).replace("{author}", "Your Name")


@gate(varying=("python_min",))
def test_python_floor(bake: Bake, combo: dict[str, object]) -> None:
    python_min = str(combo["python_min"])
    project = pyproject(bake(**combo))["project"]
    assert project["requires-python"] == f">={python_min}"
    listed = [
        c.rsplit(" ", 1)[1]
        for c in project["classifiers"]
        if c.startswith("Programming Language :: Python :: 3.")
    ]
    supported = DEFAULTS["_python_versions"]
    assert listed == supported[supported.index(python_min) :]


@pytest.mark.parametrize("flask_min", DEFAULTS["flask_min"])
def test_flask_floor(bake: Bake, flask_min: str) -> None:
    assert pyproject(bake(flask_min=flask_min))["project"]["dependencies"] == [
        f"flask>={flask_min}"
    ]


def test_every_module_the_code_imports_is_a_dependency(bake: Bake) -> None:
    project = bake(shape="request_hooks", with_cli=True, with_views=True)
    assert pyproject(project)["project"]["dependencies"] == [
        "flask>=3.0",
        "click>=8.1.3",
        "werkzeug>=3.0",
    ]
    imported = set()
    for path in (project / "src").rglob("*.py"):
        imported |= set(re.findall(r"^(?:from|import) (\w+)", path.read_text("utf-8"), re.M))
    assert imported - {"__future__", "flask_example"} - set(sys.stdlib_module_names) == {
        "click",
        "flask",
        "werkzeug",
    }


@BY_SHAPE
@pytest.mark.parametrize("shape", DEFAULTS["shape"])
def test_deptry_finds_no_dependency_issue_in_the_package(
    bake: Bake, shape: str, tmp_path: Path
) -> None:
    """What the package imports is what it declares, as deptry reads pyproject.toml."""
    project = bake(shape=shape, with_cli=True, with_views=True)
    assert "No dependency issues found" in run(BIN / "deptry", "src", cwd=project)
    # And it would see one: click left out (it still comes, with Flask).
    copy = tmp_path / "project"
    shutil.copytree(project, copy, ignore=shutil.ignore_patterns(".git"))
    edit(copy / "pyproject.toml", {'    "click>=8.1.3",\n': ""})
    found = subprocess.run(
        [BIN / "deptry", "src", "--no-ansi"], cwd=copy, capture_output=True, text=True
    )
    assert "DEP003 'click' imported but it is a transitive dependency" in found.stderr


def test_project_urls_follow_the_github_owner(bake: Bake) -> None:
    urls = pyproject(bake(github_owner="octo-org"))["project"]["urls"]
    assert urls["Source"] == "https://github.com/octo-org/flask-example/"
    assert urls["Issue Tracker"] == "https://github.com/octo-org/flask-example/issues/"
    assert urls["Documentation"] == "https://flask-example.readthedocs.io/"


def test_the_repository_host_follows_the_ci_choice(bake: Bake) -> None:
    project = bake(github_owner="octo-org", ci="gitlab")
    urls = pyproject(project)["project"]["urls"]
    assert urls["Source"] == "https://gitlab.com/octo-org/flask-example/"
    assert urls["Issue Tracker"] == "https://gitlab.com/octo-org/flask-example/issues/"
    conf = (project / "docs/conf.py").read_text("utf-8")
    assert 'repo_url = "https://gitlab.com/octo-org/flask-example/"' in conf
    assert "github.com" not in conf and "github.com" not in str(urls)


def test_first_prompt_then_defaults(tmp_path: Path) -> None:
    """A user who types Flask-SimpleXML at the first prompt and accepts every default."""
    from conftest import cookiecutter_cli

    result = cookiecutter_cli(cwd=tmp_path, answers=["Flask-SimpleXML"])
    assert result.returncode == 0, result.stderr
    source = (tmp_path / "flask_simplexml/src/flask_simplexml/_resource.py").read_text("utf-8")
    assert "class SimpleXML:" in source


def test_prompts_say_where_the_page_and_the_command_will_be(bake: Bake) -> None:
    """cookiecutter shows prompt text as written, so the views and CLI prompts name the
    derivation and a worked example; the example must be what a bake really makes."""
    prompts = DEFAULTS["__prompts__"]
    page = re.search(r"\(/(\w+)/ for (\w+)\)", prompts["with_views"])
    command = re.search(r"\(`flask (\w+)` for (\w+)\)", prompts["with_cli"])
    assert page and command
    for key, package in (page.groups(), command.groups()):
        assert extension_key(package) == key
    project = bake(package_name=page[2], with_views=True, with_cli=True)
    front = " ".join((project / "docs/index.rst").read_text("utf-8").split())
    assert f"a status page at ``/{page[1]}/``" in front
    assert f"$ flask --app app.py {command[1]} settings" in front
