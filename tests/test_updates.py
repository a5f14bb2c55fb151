"""Keeping a project in step with the template (cruft), and hooks that are safe to re-run."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from cookiecutter.hooks import run_script_with_context
from cookiecutter.main import cookiecutter

from conftest import BIN
from conftest import cookiecutter_cli
from conftest import default_answers
from conftest import error_lines
from conftest import run
from conftest import TEMPLATE


@pytest.fixture
def template_repo(tmp_path: Path) -> Path:
    """A git copy of the template, as a user's local clone would be."""
    repo = tmp_path / "template"
    shutil.copytree(
        TEMPLATE,
        repo,
        ignore=shutil.ignore_patterns(".git", ".venv", "out", "__pycache__", ".pytest_cache"),
    )
    run("git", "init", "--quiet", cwd=repo)
    run("git", "add", "--all", cwd=repo)
    run("git", "commit", "--quiet", "--message", "template", cwd=repo)
    return repo


def test_cruft_create_check_and_update(template_repo: Path, tmp_path: Path) -> None:
    projects = tmp_path / "projects"
    projects.mkdir()
    env = {**os.environ, "PWD": str(projects)}
    created = run(BIN / "cruft", "create", "--no-input", template_repo, cwd=projects, env=env)
    assert "Next: cd flask_example && make test" in created
    project = projects / "flask_example"
    assert "up to date" in run(BIN / "cruft", "check", cwd=project)
    # The first commit holds .cruft.json: the project is clean, ready for `cruft update`.
    assert run("git", "status", "--porcelain", cwd=project) == ""
    assert ".cruft.json" in run("git", "ls-files", cwd=project).split()

    # A later change to the template reaches the project with `cruft update`.
    changes = template_repo / "{{cookiecutter.package_name}}" / "CHANGES.rst"
    changes.write_text(changes.read_text("utf-8") + "-   A change from the template.\n", "utf-8")
    run("git", "commit", "--quiet", "--all", "--message", "Change the template", cwd=template_repo)
    check = subprocess.run([BIN / "cruft", "check"], cwd=project, capture_output=True, text=True)
    assert check.returncode != 0 and "out of date" in check.stdout
    env = {**os.environ, "PWD": str(project)}
    updated = run(BIN / "cruft", "update", "--skip-apply-ask", cwd=project, env=env)
    assert "-   A change from the template.\n" in (project / "CHANGES.rst").read_text("utf-8")
    # The bakes cruft compares are in temporary directories: the hook says nothing of them.
    assert "Next:" not in updated and "NOTE:" not in updated
    assert "up to date" in run(BIN / "cruft", "check", cwd=project)


def test_post_hook_twice_changes_nothing(tmp_path: Path) -> None:
    project = Path(
        cookiecutter(
            str(TEMPLATE), no_input=True, output_dir=str(tmp_path), extra_context={"ci": "none"}
        )
    )

    def snapshot() -> dict[str, bytes]:
        return {
            str(p.relative_to(project)): p.read_bytes()
            for p in project.rglob("*")
            if p.is_file() and ".git" not in p.parts
        }

    before = snapshot()
    commits = run("git", "rev-list", "--all", cwd=project)
    context = {"cookiecutter": {**default_answers(), "ci": "none"}}
    run_script_with_context(TEMPLATE / "hooks/post_gen_project.py", project, context)
    assert snapshot() == before
    assert run("git", "rev-list", "--all", cwd=project) == commits


def test_bake_without_git_says_what_to_run(tmp_path: Path) -> None:
    empty = tmp_path / "bin"  # a PATH on which there is no git
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty)}
    result = cookiecutter_cli("--no-input", "--output-dir", tmp_path / "out", env=env)
    assert result.returncode == 0, result.stderr
    out = result.stdout + result.stderr
    assert "NOTE: git was not found" in out
    assert "git init -b main && git add -A && git commit" in out
    assert (tmp_path / "out/flask_example/pyproject.toml").is_file()
    assert not (tmp_path / "out/flask_example/.git").exists()


def test_old_cookiecutter_is_told_the_version_it_needs(tmp_path: Path) -> None:
    venv = tmp_path / "old"
    uv = shutil.which("uv")
    if uv:
        run(uv, "venv", "--quiet", venv, cwd=tmp_path)
        install = (uv, "pip", "install", "--quiet", "--python", venv / "bin/python")
    else:  # the README's machine without uv
        run(sys.executable, "-m", "venv", venv, cwd=tmp_path)
        install = (venv / "bin/python", "-m", "pip", "install", "--quiet")
    run(*install, "cookiecutter==2.6.0", cwd=tmp_path)
    result = cookiecutter_cli(
        "--no-input", "--output-dir", tmp_path / "out", command=(venv / "bin/cookiecutter",)
    )
    assert result.returncode != 0
    assert error_lines(result.stderr) == [
        "ERROR: cookiecutter: version 2.6.0 is too old; this template needs cookiecutter 2.7"
        " or newer: pip install -U 'cookiecutter>=2.7'"
    ]
    assert not (tmp_path / "out").exists() or list((tmp_path / "out").iterdir()) == []
