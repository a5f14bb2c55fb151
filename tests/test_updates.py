"""Keeping a project in step with the template (cruft), hooks that are safe to re-run, and
the template kept current (`make update`)."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml
from cookiecutter.hooks import run_script_with_context
from cookiecutter.main import cookiecutter

from conftest import Bake
from conftest import BIN
from conftest import cookiecutter_cli
from conftest import default_answers
from conftest import DEFAULTS
from conftest import edit
from conftest import error_lines
from conftest import git_template
from conftest import run
from conftest import TEMPLATE


@pytest.fixture
def template_repo(tmp_path: Path) -> Path:
    return git_template(tmp_path / "template")


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
    assert 'skip = [".git", "uv.lock"]' in (project / "pyproject.toml").read_text("utf-8")

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


@pytest.mark.without_uv
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


def test_make_update_rewrites_every_pin_and_the_template_still_bakes(
    template_repo: Path, tmp_path: Path
) -> None:
    """The file-rewriting part of `make update`, with versions given here (no network): every
    file that holds a pin changes, the bake carries the new pins, and a second run changes
    nothing."""
    from hooks import update

    template = template_repo
    hooks = template / update.PROJECT / ".pre-commit-config.yaml"
    # What `pre-commit autoupdate --freeze` writes; ruff's and zizmor's pins follow it.
    edit(
        hooks,
        {
            "rev: v0.17.6": f"rev: {'1' * 40}  # frozen: v0.99.1",
            "rev: v1.33.1": f"rev: {'2' * 40}  # frozen: v9.1.0",
        },
    )
    releases = {name: "99.1.0" for name in {*update.TEMPLATE_PINS, *update.BAKE_BOUNDS}}
    releases |= {"pyright": "1.1.999", "flask": "3.9.2"}
    actions = {
        key: f"{line.split('@')[0]}@{'a' * 40} # v99.0.0"
        for key, line in DEFAULTS["_actions"].items()
    }
    readthedocs = {"os": "ubuntu-98.04", "python": "3.98"}
    changed = update.rewrite(template, releases, actions, "3.99", readthedocs)
    assert set(changed) == set(update.pin_files(template)) - {hooks}
    assert update.rewrite(template, releases, actions, "3.99", readthedocs) == []

    own = (template / "pyproject.toml").read_text("utf-8")
    assert '"ruff==0.99.1"' in own and '"zizmor==9.1.0"' in own and '"mypy==99.1.0"' in own
    config = json.loads((template / "cookiecutter.json").read_text("utf-8"))
    assert config["_actions"] == actions
    assert config["python_min"][-1] == config["_python_versions"][-1] == "3.99"
    assert config["flask_min"][-1] == "3.9"
    from hooks.copier_config import render

    assert (template / "copier.yml").read_text("utf-8") == render(template)

    out = tmp_path / "out"
    # From outside this checkout, so that the copy's hooks are the ones imported; the lock of
    # bounds no release meets fails fast offline.
    env = {**os.environ, "UV_OFFLINE": "1"}
    run(sys.executable, "-m", "cookiecutter", "--no-input", "--output-dir", out, template,
        "init_git=no", "python_min=3.99", cwd=tmp_path, env=env)  # fmt: skip
    project = out / "flask_example"
    baked = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
    tools = [
        r for group in baked["dependency-groups"].values() for r in group if isinstance(r, str)
    ]
    for name in update.BAKE_BOUNDS:
        bound = "1.1.999" if name == "pyright" else "0.99" if name == "ruff" else "99.1"
        assert any(re.match(rf"{name}(\[\w+\])?>={bound} ", r) for r in tools), (name, tools)
    assert baked["project"]["requires-python"] == ">=3.99"
    uses = {
        line
        for path in (project / ".github/workflows").glob("*.yaml")
        for line in re.findall(r"uses: (.*)", path.read_text("utf-8"))
    }
    assert uses and uses <= set(actions.values())
    rtd = yaml.safe_load((project / ".readthedocs.yaml").read_text("utf-8"))["build"]
    assert rtd["os"] == "ubuntu-98.04" and rtd["tools"]["python"] == "3.98"
    assert (
        f"rev: {'1' * 40}  # frozen: v0.99.1" in (project / ".pre-commit-config.yaml").read_text()
    )


def test_every_pin_has_one_source_and_the_template_runs_it(bake: Bake) -> None:
    """A pin cannot go stale in one file alone: the bake's lower bounds are the template's
    pins, codespell's, ruff's and zizmor's are their hooks' revisions, the template's own
    workflows use the bake's actions, and the template's environment runs what it pins."""
    from importlib.metadata import version

    from hooks import update

    own = tomllib.loads((TEMPLATE / "pyproject.toml").read_text("utf-8"))
    pins = dict(
        re.fullmatch(r"([\w-]+)(?:\[\w+\])?==([\w.]+)", req).groups()  # type: ignore[union-attr]
        for req in own["dependency-groups"]["dev"]
        if "==" in req
    )
    assert set(pins) == set(update.TEMPLATE_PINS)
    for name, pinned in pins.items():
        assert version(name) == pinned, name
    hooks = update.hook_versions((bake() / ".pre-commit-config.yaml").read_text("utf-8"))
    assert hooks == {
        **{name: pins[name] for name in ("codespell", "ruff", "zizmor")},
        "uv": version("uv"),
    }
    groups = tomllib.loads((bake() / "pyproject.toml").read_text("utf-8"))["dependency-groups"]
    bounds = dict(
        re.match(r"([\w-]+)(?:\[\w+\])?>=([\d.]+)", req).groups()  # type: ignore[union-attr]
        for group in groups.values()
        for req in group
        if isinstance(req, str)
    )
    for name in set(update.BAKE_BOUNDS) & set(pins):
        expected = pins[name] if name == "pyright" else update.minor(pins[name])
        assert bounds[name] == expected, name
    # The actions at least at the majors Pallets' newest repositories pin (pallets/click).
    majors = {"checkout": 7, "setup-uv": 9, "setup-python": 7}
    for key, major in majors.items():
        tag = DEFAULTS["_actions"][key].rsplit("# v", 1)[1]
        assert int(tag.split(".")[0]) >= major, key


def test_a_source_that_does_not_answer_is_named_by_its_cause() -> None:
    """`make update: skipped ...` quotes the line of the tool's output that says why."""
    from hooks.update import last_line

    uv = "error: Request failed after 3 retries\n  Caused by: x\n  cause: dns error: no host\n"
    assert last_line(uv) == "cause: dns error: no host"
    git = (
        "An unexpected error has occurred: CalledProcessError: command: ('git', 'fetch')\n"
        "stderr:\n    fatal: unable to access 'https://github.com/x/y/': Could not resolve host\n"
        "Check the log at /root/.cache/pre-commit/pre-commit.log\n"
    )
    assert (
        last_line(git)
        == "fatal: unable to access 'https://github.com/x/y/': Could not resolve host"
    )
    assert last_line("") == "no output"


def test_the_template_updates_itself_every_month() -> None:
    """The README's schedule: `make update` on the 8th, its change proposed as a pull request
    with no more permissions than that needs."""
    workflow = yaml.safe_load((TEMPLATE / ".github/workflows/update.yaml").read_text("utf-8"))
    assert workflow[True]["schedule"] == [{"cron": "0 6 8 * *"}]  # YAML 1.1 reads `on` as True
    [job] = workflow["jobs"].values()
    assert job["permissions"] == {"contents": "write", "pull-requests": "write"}
    runs = [step.get("run", "") for step in job["steps"]]
    assert "make update" in runs
    assert "gh pr create" in runs[-1]
