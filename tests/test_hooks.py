"""The hooks: every bad answer gets one clear line and leaves nothing behind; the post hook."""

from __future__ import annotations

import os
import re
import shlex
import sys
from pathlib import Path

import pytest
from cookiecutter.exceptions import FailedHookException
from cookiecutter.exceptions import OutputDirExistsException
from cookiecutter.main import cookiecutter

from conftest import cookiecutter_cli
from conftest import default_answers
from conftest import error_lines
from conftest import REAL_ANSWERS
from conftest import run
from conftest import TEMPLATE

BAD_ANSWERS = [
    *(
        ({"extension_name": name}, "extension_name: use the form Flask-Name or Name-Flask;")
        for name in (
            "Foo",
            "flsk-foo",
            "Flask-",
            "Flask-Foo Bar",
            "Flask-Föö",
            "Flask--Foo",
            "Flask-Foo-",
            "Flask-1Foo",
        )
    ),
    (
        {"extension_name": "Flask-" + "X" * 27},
        "extension_name: use at most 32 characters; 'Flask-XXXXXXXXXXXXXXXXXXXXXXXXXXX' has 33",
    ),
    *(
        ({"package_name": name}, "package_name: use a lowercase identifier starting with flask_")
        for name in ("Flask_foo", "foo", "flask-foo", "flask__foo", "flask_")
    ),
    (
        {"package_name": "flask_class"},
        "package_name: use another name; 'flask_class' makes 'class' the name of the extension"
        " object in the examples, a Python keyword",
    ),
    (
        {"package_name": "flask_config"},
        "package_name: use another name; 'flask_config' makes 'config' the name of the"
        " extension object in the examples, a name the generated code already uses",
    ),
    # Names whose class, or extension object, would clash with what the generated code uses.
    *(
        (
            {"extension_name": f"Flask-{part}"},
            f"extension_name: use Flask-{part}Ext or another name; 'Flask-{part}' makes the"
            f" class {part}, {why}",
        )
        for part, why in [
            ("None", "a Python keyword"),
            ("True", "a Python keyword"),
            ("False", "a Python keyword"),
            ("Exception", "a Python builtin"),
            *[
                (part, "a name the generated code already uses")
                for part in ("App", "Any", "Path", "Response", "View")
            ],
        ]
    ),
    (
        {"extension_name": "Flask-Flask"},
        "extension_name: use FlaskExt-Flask or another name; 'Flask-Flask' makes the class"
        " Flask, a name the generated code",
    ),
    *(
        (
            {"extension_name": name},
            f"extension_name: use {name}Ext or another name; {name!r} makes {key!r} the name of"
            " the extension object in the examples, a name the generated code already uses",
        )
        for name, key in [
            ("Flask-Config", "config"),
            ("Flask-Create-App", "create_app"),
            ("Flask-Count", "count"),
        ]
    ),
    (
        {"extension_name": "Flask-List"},
        "extension_name: use Flask-ListExt or another name; 'Flask-List' makes 'list' the name"
        " of the extension object in the examples, a Python builtin",
    ),
    *(
        (
            {"extension_name": f"Flask-{command}", "with_cli": True},
            "with_cli: answer no, or choose another extension_name or package_name; the"
            f" command group would be `flask {command.lower()}`, which Flask's own"
            f" `flask {command.lower()}` hides",
        )
        for command in ("Run", "Shell", "Routes")
    ),
    ({"author_email": "nobody"}, "author_email: 'nobody' has no @; give one such as"),
    ({"author_email": "a@b"}, "author_email: its domain 'b' has no dot; give one such as"),
    ({"author_email": "a b@example.com"}, "author_email: its part before the @, 'a b', is not"),
    ({"author_email": '"x"@example.com'}, "author_email: its part before the @, '\"x\"', is"),
    ({"author_email": "a..b@example.com"}, "author_email: its part before the @, 'a..b', is"),
    ({"author_email": ".a@example.com"}, "author_email: its part before the @, '.a', is not"),
    ({"author_email": "a@-x.example.com"}, "author_email: its domain '-x.example.com' is not"),
    (
        {"version": "1.0+local.7"},
        "version: use 1.0; PyPI refuses a local part (+...), as in '1.0+local.7'",
    ),
    ({"short_description": ""}, "short_description: say in one sentence what the extension"),
    (
        {"short_description": "x" * 513},
        "short_description: keep it to one short sentence; it has 513 characters, more than"
        " PyPI's 512",
    ),
    # A yes/no answer that is not a boolean, as a YAML config file can give it.
    ({"with_views": 0}, "with_views: answer yes or no (or true or false); not 0"),
    *(
        (
            {"version": version},
            f"version: use a PEP 440 version, such as 0.1.0 or 1.0.0rc1; not {version!r}",
        )
        for version in ("one", "v1.0", "1.0 beta")
    ),
    *(
        ({"github_owner": owner}, "github_owner: use a GitHub user or organization name; letters,")
        for owner in ("-bad", "a" * 40, "has space")
    ),
    ({"author_name": ""}, "author_name: give the name of the author and maintainer; it is empty"),
    *(
        (
            {field: value},
            f"{field}: write it on one line without control characters; it contains {what}",
        )
        for field, value, what in [
            ("author_name", "Jane\nDoe", "a control character (U+000A)"),
            ("author_name", "Jane\tDoe", "a control character (U+0009)"),
            ("author_name", "Jane\x7f", "a control character (U+007F)"),
            ("short_description", "a\u2028b", "a line break (U+2028)"),
            ("short_description", "a\u2029b", "a paragraph break"),
        ]
    ),
    ({"short_description": " padded"}, "short_description: remove the white space;"),
    ({"author_name": "{{ 7 * 7 }}"}, "author_name: remove the braces; it contains template syntax"),
    ({"short_description": "{% if 1 %}x{% endif %}"}, "short_description: remove the braces;"),
]


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS, ids=[str(a) for a, _ in BAD_ANSWERS])
def test_bad_answer_is_refused_with_one_line(
    cookies, capfd: pytest.CaptureFixture[str], answers: dict[str, str], message: str
) -> None:  # type: ignore[no-untyped-def]
    result = cookies.bake(extra_context=answers)
    assert result.exception is not None
    lines = error_lines(capfd.readouterr().err)
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"ERROR: {message}"), lines[0]
    assert "; " in lines[0]  # what is wrong; how to fix it
    output_dir = Path(result.context["_output_dir"]) if "_output_dir" in result.context else None
    assert output_dir is None or not any(output_dir.iterdir())


@pytest.mark.parametrize(
    ("field", "value"),
    [("python_min", "3.9"), ("flask_min", "2.3"), ("license", "GPL-3.0"), ("ci", "jenkins")],
)
def test_unsupported_choice_is_refused(tmp_path: Path, field: str, value: str) -> None:
    result = cookiecutter_cli(
        "--no-input", "--output-dir", tmp_path, answers_given=(f"{field}={value}",)
    )
    assert result.returncode != 0
    assert f"{value} provided for choice variable {field}, but the choices are" in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_hook_checks_choices_from_any_source(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """A replayed or stored context skips cookiecutter's prompt checks; the hook does not."""
    from cookiecutter.generate import generate_files

    context = {"cookiecutter": {**default_answers(), "python_min": "3.9"}}
    with pytest.raises(FailedHookException):
        generate_files(repo_dir=str(TEMPLATE), context=context, output_dir=str(tmp_path))
    assert error_lines(capfd.readouterr().err) == [
        "ERROR: python_min: choose one of 3.11, 3.12, 3.13, 3.14, 3.15; '3.9' is not supported"
    ]
    assert list(tmp_path.iterdir()) == []


def test_nothing_is_left_behind(tmp_path: Path, capfd: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(TEMPLATE),
            no_input=True,
            output_dir=str(tmp_path),
            extra_context={"version": "nope"},
        )
    assert list(tmp_path.iterdir()) == []


def test_several_problems_give_one_line_each(cookies, capfd: pytest.CaptureFixture[str]) -> None:  # type: ignore[no-untyped-def]
    cookies.bake(extra_context={"version": "x", "author_email": "y", "github_owner": "-"})
    fields = [line.split(":")[1].strip() for line in error_lines(capfd.readouterr().err)]
    assert fields == ["author_email", "github_owner", "version"]


def test_existing_directory_is_never_touched(tmp_path: Path) -> None:
    existing = tmp_path / "flask_example"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputDirExistsException):
        cookiecutter(str(TEMPLATE), no_input=True, output_dir=str(tmp_path))
    assert [p.name for p in existing.iterdir()] == ["keep.txt"]


def test_existing_directory_is_refused_even_with_overwrite(
    tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    existing = tmp_path / "flask_example"
    existing.mkdir()
    (existing / "keep.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(FailedHookException):
        cookiecutter(
            str(TEMPLATE), no_input=True, output_dir=str(tmp_path), overwrite_if_exists=True
        )
    assert [p.name for p in existing.iterdir()] == ["keep.txt"]
    lines = error_lines(capfd.readouterr().err)
    assert lines == [
        f"ERROR: package_name: the directory {existing} already exists and is not empty;"
        " choose another package_name, or another place with --output-dir (to adopt the"
        " project there, use copier: see the template's README, Adopting an existing extension)"
    ]


def test_cli_prints_one_error_line_and_fails(tmp_path: Path) -> None:
    result = cookiecutter_cli(
        "--no-input", "--output-dir", tmp_path, answers_given=("version=not-a-version",)
    )
    assert result.returncode != 0
    assert (
        "ERROR: version: use a PEP 440 version, such as 0.1.0 or 1.0.0rc1; not 'not-a-version'"
    ) in error_lines(result.stderr)
    assert list(tmp_path.iterdir()) == []
    # What the template's README says the user sees besides: cookiecutter's own report.
    readme = " ".join((TEMPLATE / "README.rst").read_text("utf-8").split())
    report = re.search(r"adds its own report that the hook stopped the bake, ``(.+?)``", readme)
    assert report and report[1] in " ".join(result.stdout.split())
    assert "Traceback" in result.stdout


def test_post_hook_makes_the_first_commit_and_says_what_next(tmp_path: Path) -> None:
    result = cookiecutter_cli("--no-input", cwd=tmp_path, env={**os.environ, "PWD": str(tmp_path)})
    assert result.returncode == 0, result.stderr
    assert "Next: cd flask_example && make test\nThen, once:\n1. Write your own" in result.stdout
    examples = "Your Name, you@example.com, your-github-name, Example support for Flask"
    assert f"prompts' examples ({examples} applications.)" in result.stdout
    assert "\n2. Replace the" in result.stdout
    project = tmp_path / "flask_example"
    assert run("git", "log", "--format=%s", cwd=project) == (
        "Start the project from flask-ext-template\n"
    )
    assert run("git", "status", "--porcelain", cwd=project) == ""


def test_post_hook_without_git_identity_still_succeeds(tmp_path: Path) -> None:
    home = tmp_path / "home"
    home.mkdir()
    env = {
        **os.environ,
        "HOME": str(home),
        "GIT_CONFIG_NOSYSTEM": "1",
        "GIT_CONFIG_GLOBAL": str(home / "none"),
        "EMAIL": "",
    }
    env = {
        k: v
        for k, v in env.items()
        if not k.startswith("GIT_AUTHOR") and not k.startswith("GIT_COMMITTER")
    }
    result = cookiecutter_cli("--no-input", "--output-dir", tmp_path, env=env)
    assert result.returncode == 0, result.stderr
    assert "NOTE: git has no identity configured" in result.stderr
    assert (tmp_path / "flask_example" / "pyproject.toml").is_file()


def test_init_git_no_leaves_no_repository(bake) -> None:  # type: ignore[no-untyped-def]
    assert not (bake(init_git=False) / ".git").exists()


def test_one_pass_lists_every_problem_and_a_command_to_bake_again(tmp_path: Path) -> None:
    """Three mistakes typed at the prompts: all three lines at once, each naming its field,
    and a command with every answer given, so that correcting them means editing values."""
    # The name, the default package and shape, the description, the default author, the email.
    answers = ["Flask-App", "", "", "x" * 513, "", "nobody", "", "", "", "", "", "", "yes"]
    env = {**os.environ, "PWD": str(tmp_path)}
    result = cookiecutter_cli("--output-dir", "out", cwd=tmp_path, answers=answers, env=env)
    assert result.returncode != 0
    fields = [line.split(":")[1].strip() for line in error_lines(result.stderr)]
    assert fields == ["extension_name", "short_description", "author_email"]
    lines = result.stderr.splitlines()
    command = shlex.split(
        lines[lines.index("To correct the answers, edit them in this command and run it:") + 1]
    )
    assert command[:5] == ["cookiecutter", str(TEMPLATE), "--no-input", "--output-dir", "out"]
    given = dict(argument.split("=", 1) for argument in command[5:])
    assert given == {
        "extension_name": "Flask-App",
        "short_description": "x" * 513,
        "author_email": "nobody",
        "with_views": "yes",
    }
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []

    fixed = {
        "extension_name": "Flask-AppExt",
        "short_description": "Apps.",
        "author_email": "jane@example.org",
    }
    arguments = [f"{key}={fixed.get(key, value)}" for key, value in given.items()]
    result = cookiecutter_cli(*command[2:5], answers_given=tuple(arguments), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "out/flask_appext/src/flask_appext/_views.py").is_file()


def test_a_name_is_checked_before_what_is_derived_from_it(
    cookies, capfd: pytest.CaptureFixture[str]
) -> None:  # type: ignore[no-untyped-def]
    """A bad name's derived answers (package, description) are not reported twice; a
    package name chosen by hand is checked on its own."""
    cookies.bake(extra_context={"extension_name": "Flask-None"})
    assert [line.split(":")[1] for line in error_lines(capfd.readouterr().err)] == [
        " extension_name"
    ]
    cookies.bake(extra_context={"extension_name": "Flask-None", "package_name": "flask_x y"})
    fields = [line.split(":")[1].strip() for line in error_lines(capfd.readouterr().err)]
    assert fields == ["extension_name", "package_name"]


def readme_text() -> str:
    return " ".join((TEMPLATE / "README.rst").read_text("utf-8").split())


@pytest.mark.parametrize(
    ("given", "quoted"),
    [
        ("license=GPL", "GPL provided for choice variable license"),
        ("with_views=maybe", "maybe provided for variable with_views"),
        ("version={{ x }}", "Unable to render variable"),
        ("version={{", "TemplateSyntaxError"),
    ],
)
def test_what_cookiecutter_refuses_itself_is_as_the_readme_says(
    tmp_path: Path, given: str, quoted: str
) -> None:
    assert f"``{quoted}``" in readme_text()
    result = cookiecutter_cli("--no-input", "--output-dir", tmp_path, answers_given=(given,))
    assert result.returncode != 0
    assert quoted in result.stdout + result.stderr
    assert list(tmp_path.iterdir()) == []


def test_the_yes_no_spellings_are_the_readmes() -> None:
    from hooks.extension import NO
    from hooks.extension import YES

    listed = re.search(r"Yes/no questions take (.+?) \(what cookiecutter reads\)", readme_text())
    assert listed
    assert set(re.findall(r"``(\w+)``", listed[1])) == set(YES + NO)
    from cookiecutter.prompt import YesNoPrompt

    assert set(YesNoPrompt.yes_choices) | set(YesNoPrompt.no_choices) == set(YES + NO)


def adoption_context(destination: Path) -> dict[str, object]:
    """What copier's validators of an adoption read: the answers and copier's settings."""
    conf = {"dst_path": str(destination), "answers_file": ".copier-answers.yml"}
    return {"adopt": True, "package_name": "flask_thing", "_copier_conf": conf}


def test_an_adoption_needs_a_committed_project_and_tomlkit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each need is one line, before copier writes anything: the adoption is a diff to
    review, and tomlkit merges pyproject.toml."""
    from hooks.extension import _adoption_validator

    project = tmp_path / "flask-thing"
    project.mkdir()
    (project / "pyproject.toml").write_text('[project]\nname = "Flask-Thing"\n', "utf-8")
    context = adoption_context(project)
    uncommitted = _adoption_validator(context)
    assert uncommitted.startswith(f"commit the project first: {project} is not a git repository")
    run("git", "init", "--quiet", cwd=project)
    run("git", "add", "--all", cwd=project)
    run("git", "-c", "user.name=A", "-c", "user.email=a@b.c", "commit", "-qm", "x", cwd=project)
    assert _adoption_validator(context) == ""
    (project / "README.md").write_text("# Flask-Thing\n", "utf-8")
    assert _adoption_validator(context) == uncommitted
    monkeypatch.setitem(sys.modules, "tomlkit", None)  # as if copier were installed without it
    assert _adoption_validator(context) == (
        "tomlkit, which merges the toolchain into pyproject.toml, is not beside copier:"
        " uvx --with copier-template-extensions --with tomlkit copier copy ..."
    )
    # Not adopting, or no project here (copier update's empty directories): nothing to check.
    assert _adoption_validator({**context, "adopt": False}) == ""
    assert _adoption_validator(adoption_context(tmp_path / "empty")) == ""


def test_an_adoption_finds_the_package_under_src(tmp_path: Path) -> None:
    from hooks.extension import _adoption_problem

    context = adoption_context(tmp_path)
    assert _adoption_problem(context) == (
        f"package_name: {tmp_path} has no package src/flask_thing/; give the name the project"
        " imports"
    )
    (tmp_path / "flask_thing").mkdir()
    (tmp_path / "flask_thing/__init__.py").write_text("", "utf-8")
    assert _adoption_problem(context) == (
        "package_name: the gates read the package from src/; move it there first:"
        " git mv flask_thing src/flask_thing && git commit, then adopt"
    )
    (tmp_path / "src").mkdir()
    (tmp_path / "flask_thing").rename(tmp_path / "src/flask_thing")
    assert _adoption_problem(context) is None


def test_placeholders_are_the_examples_a_bake_kept() -> None:
    """What make dist refuses: each example answer kept, and none in a bake with real ones."""
    from hooks.extension import placeholders

    answers = default_answers()
    assert placeholders(answers) == [
        "Your Name",
        "you@example.com",
        "your-github-name",
        "Example support for Flask applications.",
    ]
    assert placeholders({**answers, **REAL_ANSWERS}) == []
    partly = {**answers, **REAL_ANSWERS, "github_owner": answers["github_owner"]}
    assert placeholders(partly) == ["your-github-name"]
