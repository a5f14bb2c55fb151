"""copier serves the same template as cookiecutter: same questions, files, refusals; updates.

copier runs in-process through its API (copier and copier-template-extensions from PyPI), on a
copy of the template without its git history, except where updates need one.
"""

from __future__ import annotations

import filecmp
import os
import shutil
import sys
from pathlib import Path

import pytest
import yaml
from copier import run_copy
from copier import run_update
from test_hooks import BAD_ANSWERS

from conftest import Bake
from conftest import copier_data
from conftest import DEFAULTS
from conftest import edit
from conftest import gate
from conftest import lock_from_cache
from conftest import run
from conftest import TEMPLATE
from hooks import copier_config

ANSWERS_FILE = ".copier-answers.yml"
# What a template copy leaves out: history, environments, scratch space and its own tests.
NOT_TEMPLATE = {".git", ".venv", "out", ".ruff_cache", ".hypothesis", "tests", "__pycache__"}


@pytest.fixture(scope="session")
def template_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    copy = tmp_path_factory.mktemp("template") / "flask-ext-template"
    shutil.copytree(
        TEMPLATE,
        copy,
        ignore=lambda folder, names: NOT_TEMPLATE & set(names) if folder == str(TEMPLATE) else (),
    )
    return copy


def copier_copy(template: Path, destination: Path, **answers: object) -> Path:
    with lock_from_cache(answers):
        data = copier_data(answers)
        run_copy(str(template), destination, data=data, defaults=True, unsafe=True, quiet=True)
    return destination


def tree(root: Path) -> set[str]:
    return {
        str(path.relative_to(root))
        for path in root.rglob("*")
        if path.is_file() and ".git" not in path.relative_to(root).parts
    }


def test_copier_yml_is_generated_from_cookiecutter_json() -> None:
    """One statement of the questions: copier.yml is what `make copier.yml` writes."""
    written = run(sys.executable, TEMPLATE / "hooks/copier_config.py")
    assert written == (TEMPLATE / "copier.yml").read_text("utf-8")
    config = yaml.safe_load((TEMPLATE / "copier.yml").read_text("utf-8"))
    questions = [name for name in DEFAULTS if not name.startswith("_")]
    # copier's own first question, asked where a project exists: whether to adopt it.
    assert config["adopt"] == copier_config.ADOPT
    assert [name for name in config if not name.startswith("_")] == ["adopt", *questions]
    for name in questions:
        prompt = DEFAULTS["__prompts__"][name]
        if isinstance(prompt, dict):  # a choice question with labelled choices
            assert config[name]["help"] == prompt["__prompt__"]
            assert config[name]["choices"] == {prompt[value]: value for value in DEFAULTS[name]}
        else:
            assert config[name]["help"] == prompt
    assert config["_min_copier_version"] == copier_config.MIN_COPIER_VERSION
    major_minor = ".".join(copier_config.MIN_COPIER_VERSION.split(".")[:2])
    readme = (TEMPLATE / "README.rst").read_text("utf-8")
    assert f"**copier** ({major_minor} or newer)" in readme


def test_every_prompt_fits_an_80_column_terminal() -> None:
    """copier shows a question's help on one line after "🎤 ", and a choice after " » ", and
    cuts both at the terminal's width. A choice question labels each choice with its value
    and what it is for; cookiecutter shows the same labels."""
    for name, prompt in DEFAULTS["__prompts__"].items():
        texts = list(prompt.values()) if isinstance(prompt, dict) else [prompt]
        assert all(len(text) <= 76 for text in texts), name
        if isinstance(prompt, dict):
            assert set(prompt) == {"__prompt__", *DEFAULTS[name]}
            for value in DEFAULTS[name]:
                assert prompt[value].startswith(f"{value}: ")


# Each branch of the template is one option's (cookiecutter.json's file table, the Jinja in the
# files), and both engines render the same files: every value of every option meets copier.
@gate(each_value=True)
def test_copier_makes_the_same_files_as_cookiecutter(
    bake: Bake, template_copy: Path, tmp_path: Path, combo: dict[str, object]
) -> None:
    ours = bake(**combo)
    theirs = copier_copy(template_copy, tmp_path / "project", **combo)
    assert tree(theirs) - tree(ours) == {ANSWERS_FILE}
    assert tree(ours) == tree(theirs) - {ANSWERS_FILE}
    _, mismatch, errors = filecmp.cmpfiles(ours, theirs, sorted(tree(ours)), shallow=False)
    assert (mismatch, errors) == ([], [])
    answers = yaml.safe_load((theirs / ANSWERS_FILE).read_text("utf-8"))
    assert {name: answers[name] for name in combo} == combo
    # The first commit (or none), as cookiecutter's hook makes it.
    assert (theirs / ".git").is_dir() is combo["init_git"]
    # Both locks (where this machine has the Python to lock for) read the run's one cut-off.
    if (ours / "uv.lock").exists():
        cut_off = f'exclude-newer = "{os.environ["UV_EXCLUDE_NEWER"]}"'
        assert cut_off in (ours / "uv.lock").read_text("utf-8")


@pytest.mark.parametrize(("answers", "message"), BAD_ANSWERS, ids=[str(a) for a, _ in BAD_ANSWERS])
def test_copier_refuses_a_bad_answer_with_the_same_line(
    template_copy: Path, tmp_path: Path, answers: dict[str, str], message: str
) -> None:
    with pytest.raises(ValueError) as refused:
        copier_copy(template_copy, tmp_path / "project", **answers)
    # copier: "Validation error for question '<field>': " and the line cookiecutter prints,
    # without the field it already names.
    field, reason = message.split(": ", 1)
    prefix = f"Validation error for question '{field}': "
    assert str(refused.value).startswith(prefix + reason)
    assert "; " in str(refused.value)
    assert not (tmp_path / "project").exists()


def test_copier_refuses_a_choice_the_template_does_not_offer(
    template_copy: Path, tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="python_min"):
        copier_copy(template_copy, tmp_path / "project", python_min="3.9")
    assert not (tmp_path / "project").exists()


def test_copier_older_than_the_template_needs_is_refused(
    template_copy: Path, tmp_path: Path
) -> None:
    from copier.errors import UnsupportedVersionError

    template = tmp_path / "template"
    shutil.copytree(template_copy, template)
    required = f"_min_copier_version: {copier_config.MIN_COPIER_VERSION}"
    edit(template / "copier.yml", {required: '_min_copier_version: "99.0.0"'})
    with pytest.raises(UnsupportedVersionError, match="99.0.0"):
        copier_copy(template, tmp_path / "project")


def git(*args: object, cwd: Path) -> str:
    return run("git", *args, cwd=cwd)


def commit_all(repo: Path, message: str, tag: str | None = None) -> None:
    git("add", "--all", cwd=repo)
    git("commit", "--quiet", "--message", message, cwd=repo)
    if tag:
        git("tag", tag, cwd=repo)


def test_copier_update_brings_template_changes_and_keeps_the_users(
    template_copy: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    template = tmp_path / "template"
    shutil.copytree(template_copy, template)
    git("init", "--quiet", "--initial-branch", "main", cwd=template)
    commit_all(template, "Template 1.0", tag="1.0.0")
    project = tmp_path / "project"
    run_copy(str(template), project, data=copier_data({}), defaults=True, unsafe=True, quiet=True)
    assert yaml.safe_load((project / ANSWERS_FILE).read_text("utf-8"))["_commit"] == "1.0.0"

    # Nothing changed in the template: an update changes nothing.
    before = git("rev-parse", "HEAD", cwd=project)
    run_update(project, defaults=True, unsafe=True, quiet=True, overwrite=True)
    assert git("status", "--porcelain", cwd=project) == ""
    assert "NOTE" not in capfd.readouterr().err
    assert git("rev-parse", "HEAD", cwd=project) == before

    # The user edits two files; the template changes one of the same lines and another file.
    source = template / "{{cookiecutter.package_name}}"
    edit(project / "CHANGES.rst", {"Unreleased": "Released 2027-01-04"})
    edit(project / ".editorconfig", {"root = true": "root = true\n# mine"})
    commit_all(project, "The user's changes")
    edit(source / "CHANGES.rst", {"Unreleased": "Not released yet"})
    edit(source / ".gitignore", {".venv*/\n": ".venv*/\n# from the template\n"})
    commit_all(template, "Template 1.1", tag="1.1.0")

    run_update(project, defaults=True, unsafe=True, quiet=True, overwrite=True, conflict="inline")
    notes = [line for line in capfd.readouterr().err.splitlines() if line.startswith("NOTE")]
    assert notes == ["NOTE: the update left conflicts to resolve in CHANGES.rst"]
    assert "# from the template" in (project / ".gitignore").read_text("utf-8")
    assert "# mine" in (project / ".editorconfig").read_text("utf-8")
    changes = (project / "CHANGES.rst").read_text("utf-8")
    assert (
        "<<<<<<<" in changes and "Released 2027-01-04" in changes and "Not released yet" in changes
    )
    assert yaml.safe_load((project / ANSWERS_FILE).read_text("utf-8"))["_commit"] == "1.1.0"
    # The first commit and the user's: the hook's task does not run again on update.
    assert len(git("log", "--format=%H", cwd=project).split()) == 2


@pytest.mark.parametrize("value", ["maybe", "2", "none"])
def test_copier_refuses_a_yes_no_answer_cookiecutter_would_not_read(
    template_copy: Path, tmp_path: Path, value: str
) -> None:
    """copier would read "maybe" as yes; cookiecutter refuses it: both refuse it."""
    with pytest.raises(ValueError) as refused:
        copier_copy(template_copy, tmp_path / "project", with_views=value)
    assert str(refused.value) == (
        f"Validation error for question 'with_views': answer yes or no (or true or false);"
        f" not {value!r}"
    )
    assert not (tmp_path / "project").exists()


def test_copier_lists_every_problem_of_the_given_answers_at_once(
    template_copy: Path, tmp_path: Path
) -> None:
    with pytest.raises(ValueError) as refused:
        copier_copy(
            template_copy,
            tmp_path / "project",
            version="1.0+local",
            author_email="a..b@c.org",
            with_cli="maybe",
        )
    lines = str(refused.value).splitlines()
    assert lines[0].startswith("Validation error for question 'author_email': its part before")
    assert [line.split(":")[0] for line in lines[1:]] == ["version", "with_cli"]
    assert not (tmp_path / "project").exists()


def test_copier_into_a_directory_with_files_commits_only_the_templates(
    template_copy: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / ".env").write_text("SECRET=1\n", "utf-8")
    copier_copy(template_copy, project)
    assert git("status", "--porcelain", cwd=project) == "?? .env\n"
    committed = set(git("ls-files", cwd=project).split())
    assert committed == tree(project) - {".env"}


def test_copier_into_a_git_repository_says_it_made_no_commit(
    template_copy: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """The user's repository, the user's commits: the hook says so instead of committing."""
    project = tmp_path / "project"
    project.mkdir()
    git("init", "--quiet", cwd=project)
    capfd.readouterr()
    copier_copy(template_copy, project)
    assert "NOTE: the directory is a git repository already, so the new files are not" in (
        capfd.readouterr().err
    )
    assert git("log", "--oneline", "--all", cwd=project) == ""


def test_copier_into_a_directory_holding_the_projects_files_writes_nothing(
    template_copy: Path, tmp_path: Path
) -> None:
    project = tmp_path / "project"
    project.mkdir()
    (project / "README.rst").write_text("Mine.\n", "utf-8")
    with pytest.raises(ValueError) as refused:
        copier_copy(template_copy, project)
    assert str(refused.value) == (
        "Validation error for question 'package_name': copy into a new or empty directory, or"
        f" give --overwrite to replace them; {project} already holds files the project would"
        " have (README.rst)"
    )
    assert [path.name for path in project.iterdir()] == ["README.rst"]
    # With --overwrite, the user asks for it.
    data = copier_data({})
    run_copy(
        str(template_copy),
        project,
        data=data,
        defaults=True,
        unsafe=True,
        quiet=True,
        overwrite=True,
    )
    assert (project / "README.rst").read_text("utf-8") != "Mine.\n"


def test_copier_echoes_its_task_on_a_short_line(
    template_copy: Path, tmp_path: Path, capfd: pytest.CaptureFixture[str]
) -> None:
    """copier prints its task's command: the hook, and the answers file it reads."""
    with lock_from_cache({}):
        run_copy(
            str(template_copy),
            tmp_path / "project",
            data=copier_data({}),
            defaults=True,
            unsafe=True,
        )
    [line] = [line for line in capfd.readouterr().err.splitlines() if "Running task" in line]
    assert line.endswith("post_gen_project.py', '.copier-answers.yml']")
    assert len(line) <= 100 + len(str(template_copy)) + len(sys.executable)


def test_the_readme_opens_with_the_commands_and_no_failure_detail() -> None:
    """The README's first screen: what the template is, the two commands, and copier's; what
    goes wrong comes after the happy path, and the whole stays short."""
    lines = (TEMPLATE / "README.rst").read_text("utf-8").splitlines()
    assert len(lines) <= 200
    commands = [
        line.split("$ ", 1)[1].split("#")[0].split()
        for line in lines[:25]
        if line.strip().startswith("$ ")
    ]
    assert commands == [
        ["uvx", "cookiecutter", "gh:org/flask-ext-template"],
        ["cd", "flask_something", "&&", "make", "test"],
        [
            *("uvx", "--with", "copier-template-extensions", "copier", "copy", "--trust"),
            *("gh:org/flask-ext-template", "flask_something"),
        ],
    ]
    first = "\n".join(lines[:25])
    for detail in ("Ctrl-C", "UV_HTTP", "kill", "ERROR", "traceback", "timeout"):
        assert detail not in first
    # copier loads the template's Jinja extension through the package the command adds.
    config = yaml.safe_load((TEMPLATE / "copier.yml").read_text("utf-8"))
    assert config["_jinja_extensions"][0] == "copier_template_extensions.TemplateExtensionLoader"
