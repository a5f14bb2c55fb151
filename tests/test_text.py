"""Any text a user types reaches every file verbatim, or is refused with one clear line."""

from __future__ import annotations

import ast
import email.policy
import email.utils
import os
import re
import sys
import tomllib
import unicodedata
import zipfile
from pathlib import Path

import docutils.core
import docutils.nodes
import pytest
import yaml
from cookiecutter.exceptions import FailedHookException
from cookiecutter.main import cookiecutter
from hypothesis import assume
from hypothesis import given
from hypothesis import HealthCheck
from hypothesis import settings
from hypothesis import strategies as st

from conftest import cookiecutter_cli
from conftest import error_lines
from conftest import lock_from_cache
from conftest import run
from conftest import TEMPLATE
from hooks import extension

TRICKY = {
    "author_name": 'Zoë "Q" O\'Brien-Ümlaut \\ $HOME `x` %s #1 <a>&b 名前 😀',
    "short_description": (
        "Quotes \" ' \\ backslash, $PATH `cmd` 100% #tag <b>&amp; *em* _u_ |s| -- ... 🚀 ünïcødé"
    ),
}
# extra_context values are rendered by cookiecutter before any hook sees them; text like this
# is refused when typed at a prompt (test_jinja_typed_at_the_prompt_is_refused).
JINJA_OPENER = re.compile(r"\{[{%#]")
REFUSED_CATEGORIES = {"Cc", "Cs", "Zl", "Zp"}


def rst_doctree(text: str) -> docutils.nodes.document:
    """Parse RST, failing on any warning."""
    return docutils.core.publish_doctree(
        text, settings_overrides={"halt_level": 2, "report_level": 5}
    )


def check_round_trip(project: Path, author: str, description: str) -> None:
    pyproject = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["project"]
    assert pyproject["description"] == description
    assert pyproject["authors"][0]["name"] == author
    assert pyproject["maintainers"][0]["name"] == author

    conf = ast.parse((project / "docs/conf.py").read_text("utf-8"))
    assigned = {
        node.targets[0].id: node.value
        for node in conf.body
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name)
    }
    assert ast.literal_eval(assigned["author"]) == author

    for path in project.rglob("*"):
        if ".git" in path.parts or not path.is_file():
            continue
        text = path.read_text("utf-8")
        if path.suffix == ".py":
            ast.parse(text)
        elif path.suffix == ".toml":
            tomllib.loads(text)
        elif path.suffix in {".yml", ".yaml"}:
            yaml.safe_load(text)

    readme = rst_doctree((project / "README.rst").read_text("utf-8"))
    paragraphs = [p.astext() for p in readme.findall(docutils.nodes.paragraph)]
    if description:
        assert paragraphs[0] == description
    assert any(f"maintained by {author}\n" in p for p in paragraphs)
    rst_doctree((project / "CHANGES.rst").read_text("utf-8"))
    assert f" {author}\n" in (project / "LICENSE.txt").read_text("utf-8")


def test_tricky_text_is_kept_verbatim_everywhere(bake, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    project = bake(**TRICKY, with_views=True, with_cli=True)
    check_round_trip(project, TRICKY["author_name"], TRICKY["short_description"])

    # The metadata of the built distribution holds the text exactly, and PyPI renders it.
    out = tmp_path / "dist"
    run(sys.executable, "-m", "build", "--no-isolation", "--outdir", out, ".", cwd=project)
    run(sys.executable, "-m", "twine", "check", "--strict", *out.iterdir())
    with zipfile.ZipFile(next(out.glob("*.whl"))) as wheel:
        name = next(n for n in wheel.namelist() if n.endswith("METADATA"))
        metadata = email.message_from_bytes(wheel.read(name), policy=email.policy.default)
    assert metadata["Summary"] == TRICKY["short_description"]
    [(author, address)] = email.utils.getaddresses([metadata["Author-email"]])
    assert (author, address) == (TRICKY["author_name"], "you@example.com")

    # The docs build too, with the text as typed on the front page.
    site = tmp_path / "site"
    with zipfile.ZipFile(next(out.glob("*.whl"))) as wheel:
        wheel.extractall(site)
    html = tmp_path / "html"
    env = {**os.environ, "PYTHONPATH": str(site), "DOCS_OFFLINE": "1"}
    run(
        sys.executable, "-m", "sphinx", "-W", "-q", "-b", "text", "docs", html, cwd=project, env=env
    )
    front_page = " ".join((html / "index.txt").read_text("utf-8").split())  # unwrapped
    assert TRICKY["short_description"] in front_page


RST_CASES = [
    "Example support for Flask applications.",
    "Note::",
    "1. item",
    "- x",
    "wait...",
    "it's",
    "a--b",
    "* star",
    ".. comment",
    "| line",
    ":field: x",
    ">>> x",
    "word_ here",
    "`x`",
    "|sub|",
    "a\\b",
    "E. coli",
    "(a) b",
    "====",
    "•bullet",
    "snake_case",
    "名前 😀",
    "#. auto",
    "foo__ bar",
    "[1]_ x",
    "x `y <http://z>`_",
    "**bold**",
    "a :role:`x` b",
]


@pytest.mark.parametrize("value", RST_CASES)
def test_rst_text_reads_back_as_typed(value: str) -> None:
    [paragraph] = rst_doctree(extension.text(value, "rst")).findall(docutils.nodes.paragraph)
    assert paragraph.astext() == value


def test_rst_text_escapes_only_what_it_must() -> None:
    assert extension.text("Example support for Flask applications.", "rst") == (
        "Example support for Flask applications."
    )
    assert extension.text("Fast, typed; (and) tested!", "rst") == "Fast, typed; (and) tested!"


@pytest.mark.parametrize(
    "value",
    [
        "plain",
        'quote " and \\ backslash',
        "$HOME `cmd` %s #x <a>&",
        "Ünïcødé 名前 😀",
        "tab\tand\u00a0nbsp\u200b",
        "'''\"\"\"",
        "\\u0041 \\n",
    ],
)
def test_literal_text_reads_back_in_toml_python_and_yaml(value: str) -> None:
    literal = extension.text(value)
    assert tomllib.loads(f"x = {literal}")["x"] == value
    assert ast.literal_eval(literal) == value
    assert yaml.safe_load(f"x: {literal}")["x"] == value


def refused(text: str, *, required: bool) -> bool:
    if required and not text.strip():
        return True
    if text != text.strip():
        return True
    return any(unicodedata.category(char) in REFUSED_CATEGORIES for char in text)


any_text = st.text(st.characters(codec="utf-8"), max_size=30)


@settings(
    max_examples=30,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(author=any_text, description=any_text)
def test_any_text_round_trips_or_is_refused(
    tmp_path_factory: pytest.TempPathFactory,
    capfd: pytest.CaptureFixture[str],
    author: str,
    description: str,
) -> None:
    assume(not JINJA_OPENER.search(author + description))
    out = tmp_path_factory.mktemp("text")
    answers = {"author_name": author, "short_description": description, "init_git": False}
    capfd.readouterr()
    try:
        with lock_from_cache(answers):
            project = Path(
                cookiecutter(
                    str(TEMPLATE), no_input=True, output_dir=str(out), extra_context=answers
                )
            )
    except FailedHookException:
        errors = [line for line in capfd.readouterr().err.splitlines() if line.startswith("ERROR:")]
        fields = {line.split(":")[1].strip() for line in errors}
        expected = {
            field
            for field, text, required in [
                ("author_name", author, True),
                ("short_description", description, True),
            ]
            if refused(text, required=required)
        }
        assert fields == expected, errors
        assert list(out.iterdir()) == []
        return
    assert not refused(author, required=True) and not refused(description, required=True)
    check_round_trip(project, author, description)


def test_jinja_typed_at_the_prompt_is_refused(tmp_path: Path) -> None:
    # The extension name, then the defaults for the package name and the shape.
    answers = ["Flask-Example", "", "", "Deploy with ${{ secrets.TOKEN }} {% raw %}"]
    result = cookiecutter_cli(cwd=tmp_path, answers=answers)
    assert result.returncode != 0
    assert error_lines(result.stderr) == [
        "ERROR: short_description: remove the braces; it contains template syntax (a brace"
        " followed by a brace, % or #), which cookiecutter would evaluate"
    ]
    assert list(tmp_path.iterdir()) == []
