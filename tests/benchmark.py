"""`make bench`: time-to-green and the template's own suite, each against its floor.

This machine's speed drifts over a day, so every target is a ratio to a floor measured in the
same run. Prints a table and writes the same figures to out/bench.json. Medians of several runs,
caches warm, PYTHONDONTWRITEBYTECODE unset (a user's normal setting).
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import tomllib
from collections.abc import Callable
from pathlib import Path

TEMPLATE = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
# cookiecutter-pypackage's hook would otherwise offer to create a GitHub repository.
ENV["COOKIECUTTER_PYPACKAGE_GITHUB"] = "skip"
TARGETS = {  # figure: the most it may be, as a ratio to its floor (or seconds, for the suite)
    "bake vs pypackage": 1.25,
    "time to green vs pypackage (uv)": 0.9,
    "fresh make test (uv)": 1.25,
    # Makefile, scripts/, setup.py and .github/ of a default GitHub bake: 1.5x
    # flask-sqlalchemy-lite's 153.
    "lines of tooling outside pyproject.toml": 230,
    "make test again": 1.15,
    "request, resource unused (context_resource)": 1.03,
    "request, resource unused (app_client)": 1.03,
    "template make test (s)": 150.0,
    "template make test-fast (s)": 60.0,
}


def sh(*args: object, cwd: Path | None = None, env: dict[str, str] | None = None) -> None:
    result = subprocess.run(
        [str(a) for a in args], cwd=cwd, env=env or ENV, capture_output=True, text=True
    )
    if result.returncode != 0:
        raise SystemExit(f"failed: {args}\n{result.stdout}\n{result.stderr}")


def timed(action: Callable[[], None]) -> float:
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def median_of(runs: int, prepare: Callable[[], object], action: Callable[[object], None]) -> float:
    """Median wall time of `action(prepare())`; prepare is not timed."""
    times = []
    for _ in range(runs):
        state = prepare()
        start = time.perf_counter()
        action(state)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def without_uv() -> dict[str, str]:
    path = [p for p in ENV["PATH"].split(os.pathsep) if not (Path(p) / "uv").exists()]
    return {**ENV, "PATH": os.pathsep.join(path)}


class Bench:
    def __init__(self, runs: int, work: Path) -> None:
        self.runs = runs
        self.work = work
        self.rows: list[dict[str, object]] = []
        self.baked = self.bake_into(work / "reference")

    def bake_into(self, out: Path, *answers: str) -> Path:
        sh(BIN / "cookiecutter", "--no-input", "--output-dir", out, TEMPLATE, *answers)
        return out / "flask_example"

    def fresh_copy(self) -> Path:
        copy = Path(tempfile.mkdtemp(dir=self.work)) / "flask_example"
        shutil.copytree(self.baked, copy, ignore=shutil.ignore_patterns(".git"))
        return copy

    def record(self, name: str, value: float, floor: float | None, **extra: object) -> None:
        ratio = value / floor if floor else None
        target = TARGETS.get(name)
        measured = ratio if ratio is not None else value
        row = {
            "figure": name,
            "seconds": float(f"{value:.4g}"),
            "floor_seconds": float(f"{floor:.4g}") if floor else None,
            "ratio": round(ratio, 3) if ratio is not None else None,
            "target": target,
            "met": None if target is None else measured <= target,
            **extra,
        }
        self.rows.append(row)

    def bake(self, pypackage: str) -> None:
        """A default bake against cookiecutter-pypackage's; then what each of our hooks costs,
        as the time a bake from a copy of the template without that hook saves."""

        def baking(template: Path | str, *answers: str) -> float:
            return median_of(
                self.runs,
                lambda: Path(tempfile.mkdtemp(dir=self.work)),
                lambda out: sh(BIN / "cookiecutter", "--no-input", "-o", out, template, *answers),
            )

        ours = baking(TEMPLATE)
        try:
            theirs = baking(pypackage)
        except SystemExit as failed:
            print(f"bake vs pypackage: skipped, {pypackage} failed: {failed}")
        else:
            self.record("bake vs pypackage", ours, theirs)
        # Each cost as a share of the bake (the ratio column).
        for hook in ("pre_gen_project", "post_gen_project"):
            copy = self.work / f"template-without-{hook}"
            shutil.copytree(TEMPLATE, copy, ignore=shutil.ignore_patterns(".*", "out", "tests"))
            (copy / "hooks" / f"{hook}.py").unlink()
            self.record(f"bake: the {hook} hook", ours - baking(copy), ours)
        self.record(
            "bake: of which git's first commit", ours - baking(TEMPLATE, "init_git=no"), ours
        )

    def fresh_make_test(self, installer: str) -> None:
        env = ENV if installer == "uv" else without_uv()

        def floor(project: object) -> None:
            assert isinstance(project, Path)
            if installer == "uv":  # the same uv command, typed by hand
                sh("uv", "run", "pytest", "-q", cwd=project, env=env)
            else:  # the least pip can do: no build, src/ on the path
                sh("python3", "-m", "venv", ".venv", cwd=project, env=env)
                # What the tests need (pytest, flask[async]), at their newest.
                tests = tomllib.loads((project / "pyproject.toml").read_text("utf-8"))
                needed = [re.split(r"[<>=~!; ]", r)[0] for r in tests["dependency-groups"]["tests"]]
                sh(
                    *(".venv/bin/python", "-m", "pip", "install", "--quiet"),
                    *("--disable-pip-version-check", *needed),
                    cwd=project,
                    env=env,
                )
                sh(
                    *(".venv/bin/python", "-m", "pytest", "-q"),
                    cwd=project,
                    env={**env, "PYTHONPATH": "src"},
                )

        floor_time = median_of(self.runs, self.fresh_copy, floor)
        make_time = median_of(
            self.runs, self.fresh_copy, lambda p: sh("make", "test", cwd=p, env=env)
        )  # type: ignore[arg-type]
        self.record(f"fresh make test ({installer})", make_time, floor_time)

    def first_make_test_size(self) -> None:
        """What a fresh `make test` downloads (the wheels uv.lock lists for what it installs)
        and the size of the .venv it leaves."""
        project = self.fresh_copy()
        sh("make", "test", cwd=project)
        lock = tomllib.loads((project / "uv.lock").read_text("utf-8"))
        sizes = {
            wheel["url"].rsplit("/", 1)[1].lower(): wheel["size"]
            for package in lock["package"]
            for wheel in package.get("wheels", [])
        }
        downloaded = 0
        for wheel_file in (project / ".venv").glob("lib/python*/site-packages/*.dist-info/WHEEL"):
            name, version = wheel_file.parent.name.lower().removesuffix(".dist-info").split("-")
            tags = [
                line[5:]
                for line in wheel_file.read_text("utf-8").splitlines()
                if line[:5] == "Tag: "
            ]
            downloaded += next(
                (
                    size
                    for filename, size in sizes.items()
                    if filename.startswith(f"{name}-{version}-")
                    and any(filename.endswith(f"-{tag}.whl") for tag in tags)
                ),
                0,
            )
        venv = sum(f.stat().st_size for f in (project / ".venv").rglob("*") if f.is_file())
        mib = 1024 * 1024
        self.record("first make test: download", downloaded / mib, None, unit="MiB")
        self.record("first make test: .venv", venv / mib, None, unit="MiB")

    def tooling_lines(self) -> None:
        """What a default GitHub bake with its owner's answers writes for its own toolchain
        besides pyproject.toml (a bake that kept the prompts' examples adds make dist's
        refusal of them)."""
        answers = ("author_name=Jane Doe", "author_email=jane@example.org", "github_owner=jane")
        project = self.bake_into(self.work / "owned", *answers, "short_description=Things.")
        paths = [project / "Makefile", project / "setup.py"]
        paths += sorted(p for d in ("scripts", ".github") for p in (project / d).rglob("*"))
        lines = sum(len(p.read_text("utf-8").splitlines()) for p in paths if p.is_file())
        self.record("lines of tooling outside pyproject.toml", lines, None, unit="lines")

    def time_to_green(self, pypackage: str) -> None:
        """Bake and first `make test` (uv on PATH), against cookiecutter-pypackage's bake and
        first `uv run pytest`, on the same Python (pypackage needs 3.12 or newer)."""
        found = subprocess.run(
            ["uv", "python", "find", "--python-preference", "only-system", ">=3.12"],
            capture_output=True,
            text=True,
            env=ENV,
        )
        if found.returncode:
            print("time to green vs pypackage: skipped, no Python 3.12 or newer found")
            return
        python = found.stdout.strip()
        env = {**ENV, "UV_PYTHON": python}

        def green(template: str, command: list[str], *answers: str) -> Callable[[object], None]:
            def action(out: object) -> None:
                assert isinstance(out, Path)
                bake = [BIN / "cookiecutter", "--no-input", "--output-dir", out, template]
                sh(*bake, *answers, env=env)
                (project,) = out.iterdir()
                sh(*command, cwd=project, env=env)

            return action

        def new_dir() -> Path:
            return Path(tempfile.mkdtemp(dir=self.work))

        try:
            theirs = median_of(self.runs, new_dir, green(pypackage, ["uv", "run", "pytest"]))
        except SystemExit as failed:
            print(f"time to green vs pypackage: skipped, {pypackage} failed: {failed}")
            return
        make_test = ["make", "test", f"PYTHON={python}"]
        ours = median_of(self.runs, new_dir, green(str(TEMPLATE), make_test))
        self.record("time to green vs pypackage (uv)", ours, theirs)
        # For reference: how much of it is the default backend's editable build (setuptools,
        # in an isolated environment) rather than flit_core's.
        flit = green(str(TEMPLATE), make_test, "build_backend=flit_core")
        self.record(
            "time to green vs pypackage (uv, flit_core)",
            median_of(self.runs, new_dir, flit),
            theirs,
        )

    def make_test_again(self) -> None:
        project = self.fresh_copy()
        sh("make", "test", cwd=project)
        direct = median_of(
            self.runs, lambda: None, lambda _: sh(".venv/bin/python", "-m", "pytest", cwd=project)
        )
        again = median_of(self.runs, lambda: None, lambda _: sh("make", "test", cwd=project))
        self.record("make test again", again, direct)

    def request_cost(self) -> None:
        """Per-request cost of the extension, in-process with the baked package of each shape."""
        for shape in ("context_resource", "app_client", "request_hooks"):
            project = self.bake_into(self.work / f"shape-{shape}", f"shape={shape}")
            out = subprocess.run(
                [sys.executable, "-c", REQUEST_BENCH, str(max(self.runs, 5)), shape],
                cwd=project,
                capture_output=True,
                text=True,
                env={**ENV, "PYTHONPATH": str(project / "src")},
                check=True,
            ).stdout
            figures = json.loads(out)
            # request_hooks has no resource to leave unused: its hooks are the work, so it has
            # no target; Flask's own cost of a no-op hook pair is its floor, for reference.
            name = "hooks run" if shape == "request_hooks" else "resource unused"
            self.record(f"request, {name} ({shape})", figures["with"], figures["without"])
            if shape == "context_resource":  # Flask's own cost of any teardown function
                self.record("request, no-op teardown", figures["noop_teardown"], figures["without"])
            if shape == "request_hooks":
                self.record("request, no-op hook pair", figures["noop_hooks"], figures["without"])
            if "first_use" in figures:
                self.record(f"first use in a context ({shape})", figures["first_use"], None)
                self.record(f"later use in a context ({shape})", figures["later_use"], None)

    def template_suite(self) -> None:
        stats = self.work / "suite-stats"
        stats.mkdir()
        env = {**ENV, "TEMPLATE_STATS_DIR": str(stats)}
        wall = timed(lambda: sh("make", "test", cwd=TEMPLATE, env=env))
        counts: dict[str, int] = {}
        for path in stats.glob("*.json"):
            for key, value in json.loads(path.read_text()).items():
                counts[key] = counts.get(key, 0) + value
        self.record("template make test (s)", wall, None, **counts)
        fast = timed(lambda: sh("make", "test-fast", cwd=TEMPLATE, env=ENV))
        self.record("template make test-fast (s)", fast, None)


REQUEST_BENCH = r"""
import json, statistics, sys, time
from flask import Flask
from werkzeug.test import EnvironBuilder
from flask_example import Example

RUNS, SHAPE = int(sys.argv[1]), sys.argv[2]
# What a view uses, for the shapes that have something to use.
USE = {"context_resource": "connection", "app_client": "client"}.get(SHAPE)

def make(with_ext, noop_teardown=False, noop_hooks=False):
    app = Flask("bench")
    ext = Example(app) if with_ext else None
    if noop_teardown:
        app.teardown_appcontext(lambda exc: None)
    if noop_hooks:
        app.before_request(lambda: None)
        app.after_request(lambda response: response)
    @app.get("/")
    def index():
        return "ok"
    return app, ext

def per_request(app, n):
    environ = EnvironBuilder(path="/").get_environ()
    def start_response(status, headers):
        pass
    wsgi = app.wsgi_app
    start = time.perf_counter()
    for _ in range(n):
        for chunk in wsgi(dict(environ), start_response):
            pass
    return (time.perf_counter() - start) / n

with_app, ext = make(True)
without_app, _ = make(False)
noop_app, _ = make(False, noop_teardown=True)
hooks_app, _ = make(False, noop_hooks=True)
per_request(with_app, 500); per_request(without_app, 500)  # warm up
# Small batches, alternating which app goes first, paired: the machine's drift cancels out.
pairs = []
for i in range(RUNS * 40):
    if i % 2:
        pairs.append((per_request(with_app, 300), per_request(without_app, 300)))
    else:
        without = per_request(without_app, 300)
        pairs.append((per_request(with_app, 300), without))
ratio = statistics.median(w / wo for w, wo in pairs)
# Flask's own cost of any teardown function, and of a pair of request hooks, for reference.
def paired(app):
    runs = [(per_request(app, 300), per_request(without_app, 300)) for _ in range(RUNS * 10)]
    return statistics.median(n / wo for n, wo in runs)
without = statistics.median(p[1] for p in pairs)
figures = {
    "with": without * ratio,
    "without": without,
    "noop_teardown": without * paired(noop_app),
    "noop_hooks": without * paired(hooks_app),
}
if USE:
    first, later = [], []
    for _ in range(2000):
        with with_app.app_context():
            t0 = time.perf_counter(); getattr(ext, USE); t1 = time.perf_counter(); getattr(ext, USE)
            t2 = time.perf_counter()
        first.append(t1 - t0); later.append(t2 - t1)
    figures.update(first_use=statistics.median(first), later_use=statistics.median(later))
print(json.dumps(figures))
"""


MET = {True: "yes", False: "NO", None: "-"}


def duration(seconds: object, unit: object = "s") -> str:
    if unit == "lines" and isinstance(seconds, float | int):
        return f"{seconds:.0f}"
    if unit == "MiB" and isinstance(seconds, float | int):
        return f"{seconds:.1f} MiB"
    if not isinstance(seconds, float | int):
        return "-"
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 1e-3:
        return f"{seconds * 1e3:.1f} ms"
    return f"{seconds * 1e6:.2f} us"


def number(value: object) -> str:
    return f"{value:.3f}" if isinstance(value, float | int) else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5, help="runs per figure (median)")
    parser.add_argument(
        "--skip-suite", action="store_true", help="leave out the template's own make test"
    )
    parser.add_argument(
        "--pypackage",
        default=os.environ.get("PYPACKAGE_TEMPLATE", "gh:audreyfeldroy/cookiecutter-pypackage"),
        help="cookiecutter-pypackage, the time-to-green reference (a path, or cookiecutter's gh:)",
    )
    args = parser.parse_args()
    out = TEMPLATE / "out"
    out.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory(dir=out) as work:
        bench = Bench(args.runs, Path(work))
        bench.tooling_lines()
        bench.bake(args.pypackage)
        if shutil.which("uv"):
            bench.time_to_green(args.pypackage)
            bench.fresh_make_test("uv")
            bench.first_make_test_size()
        bench.fresh_make_test("pip")
        bench.make_test_again()
        bench.request_cost()
        if not args.skip_suite:
            bench.template_suite()
    print(f"{'figure':44} {'measured':>10} {'floor':>10} {'ratio':>7} {'target':>7}  met")
    for row in bench.rows:
        extra = {
            k: v
            for k, v in row.items()
            if k not in {"figure", "seconds", "floor_seconds", "ratio", "target", "met"}
        }
        print(
            f"{row['figure']:44} {duration(row['seconds'], row.get('unit')):>10} "
            f"{duration(row['floor_seconds']):>10} {number(row['ratio']):>7} "
            f"{number(row['target']):>7}  {MET[row['met']]} {extra or ''}"
        )
    (out / "bench.json").write_text(json.dumps(bench.rows, indent=2) + "\n")
    print(f"wrote {out / 'bench.json'}")


if __name__ == "__main__":
    main()
