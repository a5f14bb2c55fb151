"""Shared fixtures: bake each combination of answers once per test session."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections import Counter
from collections.abc import Callable
from collections.abc import Iterator
from collections.abc import Mapping
from datetime import datetime
from datetime import timedelta
from datetime import UTC
from pathlib import Path

import pytest

TEMPLATE = Path(__file__).resolve().parent.parent
# pytest-cookies renders cookiecutter.json outside cookiecutter's own sys.path patch, so the
# template's Jinja extension (hooks/extension.py) must be importable from here.
sys.path.insert(0, str(TEMPLATE))

# One index cut-off for the whole run, so that every bake locks the same releases however many
# PyPI publishes meanwhile (two engines' uv.lock files are compared byte for byte). An hour back:
# uv may answer from index pages it cached up to ten minutes ago. It is set here, at import,
# because the xdist workers inherit it, and copier copies os.environ for its tasks when it is
# imported. A bake's own commands inherit it too, so its uv.lock (which records it) stays current.
os.environ.setdefault(
    "UV_EXCLUDE_NEWER",
    (datetime.now(UTC) - timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:00Z"),
)

DEFAULTS = json.loads((TEMPLATE / "cookiecutter.json").read_text(encoding="utf-8"))

Bake = Callable[..., Path]
# The tools of this environment (ruff, mypy, cruft, zizmor, ...).
BIN = Path(sys.executable).parent
# Answers a user types instead of the prompts' placeholders: a release check refuses nothing.
REAL_ANSWERS = {
    "author_name": "Jane Doe",
    "author_email": "jane@example.org",
    "github_owner": "jane-doe",
    "short_description": "Example storage for Flask.",
}
# What this test process did, for `make bench` (tests/benchmark.py sets TEMPLATE_STATS_DIR).
STATS: Counter[str] = Counter()

# The options (every choice and yes/no question of cookiecutter.json) whose every value, and
# every pair of values across options, the gates cover.
OPTIONS = {
    name: value if isinstance(value, list) else [value, not value]
    for name, value in DEFAULTS.items()
    if not name.startswith("_") and isinstance(value, list | bool)
}
# The options that meet no other: their value reaches only lines (and files) that no other
# option's does (a test checks). The gates cover each of their values, not their pairs.
ALONE = ("license",)


def covering_set(options: dict[str, list[object]]) -> list[dict[str, object]]:
    """A small list of answer sets in which every pair of values of two options appears.

    Greedy and deterministic: each new row starts from the first pair not yet covered and
    gives every other option the value that covers the most uncovered pairs.
    """
    names = list(options)
    uncovered = {
        (a, va, b, vb)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
        for va in options[a]
        for vb in options[b]
    }

    def pairs(row: dict[str, object]) -> set[tuple[str, object, str, object]]:
        keys = [name for name in names if name in row]
        return {(a, row[a], b, row[b]) for i, a in enumerate(keys) for b in keys[i + 1 :]}

    rows = []
    while uncovered:
        a, va, b, vb = min(
            uncovered,
            key=lambda p: (
                names.index(p[0]),
                names.index(p[2]),
                options[p[0]].index(p[1]),
                options[p[2]].index(p[3]),
            ),
        )
        row: dict[str, object] = {a: va, b: vb}
        for name in names:
            if name not in row:
                row[name] = max(
                    options[name],
                    key=lambda value: len(pairs({**row, name: value}) & uncovered),
                )
        rows.append({name: row[name] for name in names})
        uncovered -= pairs(row)
    return rows


def with_alone(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """The rows of the paired options, with each value of the options in ALONE in turn."""
    return [
        {
            name: OPTIONS[name][i % len(OPTIONS[name])] if name in ALONE else row[name]
            for name in OPTIONS
        }
        for i, row in enumerate(rows)
    ]


COMBINATIONS = with_alone(covering_set({k: v for k, v in OPTIONS.items() if k not in ALONE}))
IDS = ["-".join(str(value) for value in combo.values()) for combo in COMBINATIONS]


def chosen(
    varying: tuple[str, ...] | None = None,
    each_value: bool = False,
    where: Mapping[str, tuple[object, ...]] | None = None,
) -> list[tuple[dict[str, object], str]]:
    """The combinations (and their ids) a gate runs for: all of them; with ``varying``, the
    names of the only options the test's input depends on, the first of each distinct set of
    their values; with ``each_value``, the first ones that hold every value of every option
    between them, for a claim about each branch of the template on its own; with both, the
    rows either picks. ``where`` keeps only the rows whose options have the values given:
    the covering set holds every pair of values, so `varying` one option `where` another has
    one value still meets each of its values."""
    values_seen: set[tuple[str, str]] = set()
    keys_seen: set[object] = set()
    rows = []
    for combo, name in zip(COMBINATIONS, IDS, strict=True):
        if where and any(combo[option] not in values for option, values in where.items()):
            continue
        new_values = {(option, str(value)) for option, value in combo.items()} - values_seen
        values_seen |= new_values
        key = tuple(combo[option] for option in varying) if varying else name
        new_key = key not in keys_seen
        keys_seen.add(key)
        if (each_value and new_values) or ((varying or not each_value) and new_key):
            rows.append((combo, name))
    for option in varying if where else ():
        wanted = {str(value) for value in where.get(option, OPTIONS[option])}  # type: ignore[union-attr]
        missing = wanted - {str(combo[option]) for combo, _ in rows}
        assert not missing, f"no combination has {option} = {sorted(missing)} where {where}"
    return rows


def gate(test=None, *, varying=None, each_value=False, where=None):  # type: ignore[no-untyped-def]
    """Run ``test`` for the combinations ``chosen`` picks, grouped so each is baked once, on
    one worker. Combinations share a group by Python version: mypy analyses Flask and Werkzeug
    once per ``python_version``, so each version's cold analysis happens on one worker only.
    """
    if test is None:
        return lambda test: gate(test, varying=varying, each_value=each_value, where=where)
    params = [
        pytest.param(combo, id=name, marks=pytest.mark.xdist_group(f"py{combo['python_min']}"))
        for combo, name in chosen(varying, each_value, where)
    ]
    return pytest.mark.parametrize("combo", params)(test)


@pytest.fixture(scope="session", autouse=True)
def _isolate_child_processes(tmp_path_factory: pytest.TempPathFactory) -> None:
    """What this run's own tools set must not reach the baked projects' tools.

    Their pytest runs get a temp root of their own: sharing this one, each would clean up the
    other's directories. Their `make` runs must not inherit the variables given to the `make`
    that started this run (`make test PYTHON=python3.13` would pass PYTHON on). Their git
    commits need an identity.
    """
    os.environ["PYTEST_DEBUG_TEMPROOT"] = str(tmp_path_factory.mktemp("nested-pytest"))
    # make exports the variables given on its command line, in MAKEFLAGS and as environment
    # variables; a baked Makefile reads PYTHON and the *_ARGS from the environment
    # (`make test PYTEST_ARGS=-q` here would take the header its tests read from theirs).
    for variable in ("MAKEFLAGS", "MFLAGS", "MAKELEVEL", "PYTHON", "PYTEST_ARGS", "TOX_ARGS"):
        os.environ.pop(variable, None)
    # Bakes make a first commit, whatever git identity this machine has (or lacks).
    for role in ("AUTHOR", "COMMITTER"):
        os.environ.setdefault(f"GIT_{role}_NAME", "Template Tests")
        os.environ.setdefault(f"GIT_{role}_EMAIL", "tests@example.com")


# The tests that bake each shape with and without its optional modules run on one worker, so
# that each of those bakes is made once.
BY_SHAPE = pytest.mark.xdist_group("shapes")


# The answers that give a bake every dependency it can have: click (with_cli), Werkzeug
# (request_hooks) and gha-update (github).
EVERY_DEPENDENCY = {"with_cli": True, "shape": "request_hooks", "ci": "github"}
WARMED: set[str] = set()


@contextlib.contextmanager
def lock_from_cache(answers: Mapping[str, object]) -> Iterator[None]:
    """Bakes lock offline, from the uv cache. Before the first bake in this process of each
    Python floor, a bake with every dependency locks online, under the run's one cut-off:
    it fills the cache with every index page and wheel's metadata the other bakes of that
    floor read (wheels' metadata differs per Python), each of which would otherwise ask the
    index for every page again."""
    python = str(answers.get("python_min", DEFAULTS["python_min"][0]))
    if python not in WARMED and python in DEFAULTS["python_min"]:  # a choice offered
        WARMED.add(python)
        from cookiecutter.main import cookiecutter

        with tempfile.TemporaryDirectory() as out:
            config = Path(out, "config.yaml")  # its replay file stays in there
            config.write_text(f"replay_dir: {json.dumps(out)}\n", encoding="utf-8")
            every = {**EVERY_DEPENDENCY, "python_min": python, "init_git": False}
            cookiecutter(
                str(TEMPLATE),
                no_input=True,
                output_dir=out,
                config_file=str(config),
                extra_context=every,
            )
    from plumbum import local  # copier's tasks take their environment from plumbum's

    before = os.environ.get("UV_OFFLINE")
    os.environ["UV_OFFLINE"] = "1"
    try:
        with local.env(UV_OFFLINE="1"):
            yield
    finally:
        if before is None:
            del os.environ["UV_OFFLINE"]
        else:
            os.environ["UV_OFFLINE"] = before


@pytest.fixture(scope="session")
def bake(cookies_session) -> Bake:  # type: ignore[no-untyped-def]
    """Bake with the given answers (defaults for the rest); the same answers bake once, also
    when one test names a default that another leaves out."""
    baked: dict[str, Path] = {}
    default = {k: v[0] if isinstance(v, list) else v for k, v in DEFAULTS.items()}

    def _bake(**answers: object) -> Path:
        given = {k: v for k, v in answers.items() if k not in default or v != default[k]}
        key = json.dumps(given, sort_keys=True)
        if key not in baked:
            STATS["bakes"] += 1
            with lock_from_cache(answers):
                result = cookies_session.bake(extra_context=answers)
            if result.exception is not None:
                raise AssertionError(f"bake {answers} failed: {result.exception!r}")
            baked[key] = result.project_path
        return baked[key]

    return _bake


def mypy_cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One mypy cache for all workers: Flask and Werkzeug are analysed once per Python version
    (mypy writes each cache file atomically)."""
    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / "mypy-cache"


def copier_data(answers: dict[str, object]) -> dict[str, object]:
    """What `copier copy --defaults` is given to bake what cookiecutter bakes from the same
    answers: copier has no default for the user's own values (copier_config.OWN), so those not
    in ``answers`` are given as cookiecutter renders its defaults for them."""
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import prompt_for_config

    from hooks.copier_config import OWN

    given = {name: value for name, value in answers.items() if name in OWN}
    context = generate_context(str(TEMPLATE / "cookiecutter.json"), extra_context=given)
    try:
        rendered = prompt_for_config(context, no_input=True)
    except Exception:  # a name the hooks refuse, which no filter can render: copier refuses it
        rendered = prompt_for_config(generate_context(str(TEMPLATE / "cookiecutter.json")), True)
    return {**{name: rendered[name] for name in OWN}, **answers}


def default_answers() -> dict[str, object]:
    """The answers of a default bake, rendered as cookiecutter hands them to the hooks."""
    from cookiecutter.generate import generate_context
    from cookiecutter.prompt import prompt_for_config

    context = generate_context(str(TEMPLATE / "cookiecutter.json"))
    return dict(prompt_for_config(context, no_input=True))


def run(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None) -> str:
    """Run a command that must succeed; its output (stdout, then stderr)."""
    result = subprocess.run(
        [str(arg) for arg in args], cwd=cwd, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, f"{args}:\n{result.stdout}\n{result.stderr}"
    return result.stdout + result.stderr


def git_template(path: Path) -> Path:
    """A git copy of the template at ``path``, as a user's local clone would be: one
    commit, tagged 1.0.0 (copier updates to the newest tag)."""
    ignore = shutil.ignore_patterns(".git", ".venv*", "out", "__pycache__", ".*_cache")
    shutil.copytree(TEMPLATE, path, ignore=ignore)
    run("git", "init", "--quiet", "--initial-branch", "main", cwd=path)
    run("git", "add", "--all", cwd=path)
    run("git", "commit", "--quiet", "--message", "Template 1.0", cwd=path)
    run("git", "tag", "1.0.0", cwd=path)
    return path


def cookiecutter_cli(
    *options: object,
    answers_given: tuple[str, ...] = (),
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
    answers: list[str] | None = None,
    command: tuple[object, ...] = (sys.executable, "-m", "cookiecutter"),
) -> subprocess.CompletedProcess[str]:
    """Run cookiecutter on the template as a user does: prompted with `answers` (then every
    default), or with options and `key=value` answers given on the command line. Success is not
    asserted. A bake locks from the uv cache (lock_from_cache), as the in-process bakes do."""
    prompted = answers is not None
    given = dict(answer.split("=", 1) for answer in answers_given)
    with lock_from_cache(given):
        return subprocess.run(
            [str(arg) for arg in (*command, *options, TEMPLATE, *answers_given)],
            input="\n".join(answers) + "\n" * 20 if prompted else None,
            cwd=cwd,
            env=None if env is None else {**env, "UV_OFFLINE": "1"},
            capture_output=True,
            text=True,
        )


def edit(path: Path, edits: dict[str, str]) -> None:
    """Replace each key of ``edits`` with its value, everywhere in the file; each must be there."""
    text = path.read_text("utf-8")
    for old, new in edits.items():
        assert old in text, f"{path.name}: {old!r}"
        text = text.replace(old, new)
    path.write_text(text, "utf-8")


def error_lines(output: str) -> list[str]:
    return [line for line in output.splitlines() if line.startswith("ERROR: ")]


def run_baked_tests(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run a baked project's own test suite in this (shared) environment, without the
    plugins this environment has for the template's own tests."""
    STATS["baked suites run"] += 1
    env = {
        **os.environ,
        "PYTHONPATH": str(project / "src"),
        "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1",
        # Bakes are shared between tests: leave no __pycache__ in them.
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", *args],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )


def pytest_xdist_auto_num_workers(config: pytest.Config) -> int:
    """`-n auto` (make test's): one worker per core, and one more. A seventh of the suite's
    time is spent waiting (on the index, on prompts, on the timeouts a test proves), which the
    extra worker fills; the CPU time the suite takes stays the same."""
    return (os.cpu_count() or 1) + 1


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests marked slow (long, and not divisible between workers) start first, so the
    many short ones fill in around them instead of waiting behind them at the end."""
    items.sort(key=lambda item: item.get_closest_marker("slow") is None)


def pytest_sessionfinish(session: pytest.Session) -> None:
    stats_dir = os.environ.get("TEMPLATE_STATS_DIR")
    if stats_dir:
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        (Path(stats_dir) / f"{worker}.json").write_text(json.dumps(STATS), encoding="utf-8")
