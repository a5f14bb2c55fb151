"""Move every pin a bake inherits to the newest release: ``make update``.

The maintained tools find the versions: uv the newest releases on PyPI that install on the
oldest Python the template runs on, ``pre-commit autoupdate --freeze`` the hooks (it rewrites
the project template's ``.pre-commit-config.yaml`` itself), gha-update the actions (run on a
workflow written from cookiecutter.json's ``_actions`` and on the template's own workflows),
uv's list of Pythons, and check-jsonschema's schema of ``.readthedocs.yaml`` for Read the Docs'
newest image. This writes what they found into the files they cannot read: the Jinja-templated
``pyproject.toml`` and ``.readthedocs.yaml``, ``cookiecutter.json`` and ``copier.yml``.
Last, uv locks the template's own environment anew (``uv.lock``, and ``requirements-dev.txt``,
its export that pip installs), holding uv at the revision of the bake's uv-lock hook.

Each version has one source. codespell, ruff and zizmor run as pre-commit hooks too, so their
pins follow the hooks' revisions. A source that does not answer (GitHub, from a closed network)
is one line, and the rest still moves. A second run changes nothing.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from hooks.copier_config import render as render_copier_yml

TEMPLATE = Path(__file__).resolve().parent.parent
PROJECT = "{{cookiecutter.package_name}}"
# The Python the template's own environment and the bake's tools are resolved for: the oldest
# either runs on (the tools' markers in the bake say python_version >= '3.11').
TOOLS_PYTHON = "3.11"
# The tools the template pins (==) in its own dev group, each at its newest release.
TEMPLATE_PINS = [
    "codespell", "mypy", "pallets-sphinx-themes", "pre-commit", "pre-commit-uv", "pyright",
    "ruff", "sphinx", "tox", "tox-uv", "twine", "zizmor",
]  # fmt: skip
# The tools a bake lists with a lower bound in its dependency groups: the bound is the newest
# release's major.minor (pyright's releases move the third number only).
BAKE_BOUNDS = [
    "gha-update", "mypy", "pallets-sphinx-themes", "pre-commit", "pre-commit-uv", "pyright",
    "ruff", "sphinx", "tox", "tox-uv",
]  # fmt: skip
# The tools that need a newer Python than TOOLS_PYTHON (the bake's marker says so too).
PYTHONS = {"gha-update": "3.12"}
# The tools that also run as a pre-commit hook: the hook's revision is their version (uv's,
# in the template's own lock).
HOOKS = {
    "codespell": "codespell",
    "ruff": "ruff-pre-commit",
    "uv": "uv-pre-commit",
    "zizmor": "zizmor-pre-commit",
}
# The template's own environment: uv.lock, and its export that pip installs (the Makefile's).
LOCKS = ("uv.lock", "requirements-dev.txt")
EXPORT = ("export", "--frozen", "--format", "requirements-txt", "-o", "requirements-dev.txt")


def say(line: str) -> None:
    print(f"make update: {line}", flush=True)


def last_line(output: str) -> str:
    """The line of a failed tool's output that says why: uv's ``cause:``, git's ``fatal:``,
    an exception's last line, or the last line."""
    lines = [line.strip() for line in output.splitlines() if line.strip()]
    causes = [line for line in lines if line.startswith(("cause:", "fatal:", "httpx."))]
    return (causes or lines or ["no output"])[-1]


def newest_releases(names: list[str], uv: str) -> dict[str, str]:
    """The newest releases of the names on PyPI that install together on the Python they are
    used with (TOOLS_PYTHON, or the one in PYTHONS), as uv resolves them."""
    releases = {}
    for python in sorted({PYTHONS.get(name, TOOLS_PYTHON) for name in names}):
        result = subprocess.run(
            [uv, "pip", "compile", "--no-header", "--no-annotate", "--quiet",
             "--python-version", python, "-"],
            input="\n".join(n for n in names if PYTHONS.get(n, TOOLS_PYTHON) == python),
            capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(last_line(result.stderr))
        releases.update(line.split("==") for line in result.stdout.split())
    return {name: releases[name] for name in names}


def newest_actions(actions: dict[str, str], uv: str) -> dict[str, str]:
    """``actions`` (cookiecutter.json's ``_actions``) at their newest: gha-update reads them
    from a workflow written for it."""
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp, ".github/workflows")
        folder.mkdir(parents=True)
        bake = folder / "bake.yaml"
        bake.write_text("".join(f"      - uses: {line}\n" for line in actions.values()), "utf-8")
        result = subprocess.run(
            [uv, "tool", "run", "--quiet", "--python", ">=3.12", "gha-update"],
            cwd=tmp, capture_output=True, text=True,
        )  # fmt: skip
        if result.returncode != 0:
            raise RuntimeError(last_line(result.stderr + result.stdout))
        lines = re.findall(r"uses: (.*)", bake.read_text("utf-8"))
    return dict(zip(actions, lines, strict=True))


def newest_python(uv: str) -> str | None:
    """The newest CPython minor with a final release, from the list of Pythons uv knows."""
    result = subprocess.run(
        [uv, "python", "list", "--all-versions", "--output-format", "json"],
        capture_output=True, text=True,
    )  # fmt: skip
    if result.returncode != 0:
        return None
    finals = [
        (entry["version_parts"]["major"], entry["version_parts"]["minor"])
        for entry in json.loads(result.stdout)
        if entry["implementation"] == "cpython" and re.fullmatch(r"[\d.]+", entry["version"])
    ]
    return "{}.{}".format(*max(finals)) if finals else None


def readthedocs_image() -> dict[str, str]:
    """Read the Docs' newest Ubuntu image and Python, as check-jsonschema's schema lists them."""
    from check_jsonschema.builtin_schemas import get_builtin_schema

    build = get_builtin_schema("vendor.readthedocs")["properties"]["build"]["properties"]

    def newest(values: list[str], pattern: str) -> str:
        matching = [value for value in values if re.fullmatch(pattern, value)]
        return max(matching, key=lambda value: [int(n) for n in re.findall(r"\d+", value)])

    return {
        "os": newest(build["os"]["enum"], r"ubuntu-\d+\.04"),
        "python": newest(build["tools"]["properties"]["python"]["enum"], r"3\.\d+"),
    }


def pin_files(template: Path) -> list[Path]:
    """Every file that holds a pin a bake inherits, or one of the template's own."""
    project = template / PROJECT
    return [
        template / "cookiecutter.json",
        template / "copier.yml",
        template / "pyproject.toml",
        *sorted((template / ".github/workflows").glob("*.yaml")),
        project / "pyproject.toml",
        project / ".pre-commit-config.yaml",
        project / ".readthedocs.yaml",
    ]


def minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def sub(text: str, pattern: str, replacement: str) -> str:
    """``re.sub`` that must find what it replaces (a file that lost its pin fails loudly)."""
    new, count = re.subn(pattern, replacement, text, flags=re.MULTILINE)
    if not count:
        raise LookupError(f"no match for {pattern!r}")
    return new


def hook_versions(config: str) -> dict[str, str]:
    """The version each mirrored tool's hook runs: its frozen tag, or its rev."""
    versions = {}
    for tool, repo in HOOKS.items():
        match = re.search(rf"/{repo}\n\s+rev: (\S+)(?:[ \t]+# frozen: (\S+))?", config)
        if match:
            versions[tool] = (match.group(2) or match.group(1)).removeprefix("v")
    return versions


def relock(template: Path, uv: str, hooks: str) -> None:
    """The template's lock at the newest releases its dev group allows, with the uv that the
    bake's uv-lock hook runs (a bake's uv.lock is written by one and checked by the other),
    and pip's export of it."""
    steps = [("lock", "--upgrade", "--quiet"), EXPORT]
    if uv_hook := hook_versions(hooks).get("uv"):
        steps.insert(1, ("lock", "--upgrade-package", f"uv=={uv_hook}", "--quiet"))
    for step in steps:
        result = subprocess.run([uv, *step], cwd=template, capture_output=True, text=True)
        if result.returncode != 0:
            raise RuntimeError(last_line(result.stderr))


def choices(text: str, key: str, new: str) -> str:
    """cookiecutter.json's list under ``key`` with ``new`` appended, if it is newer."""
    match = re.search(rf'^(\s*"{key}": )(\[.*\])', text, flags=re.MULTILINE)
    if match is None:
        raise LookupError(f"cookiecutter.json has no {key}")
    values = json.loads(match.group(2))
    if [int(n) for n in new.split(".")] <= [int(n) for n in values[-1].split(".")]:
        return text
    listed = ", ".join(json.dumps(value) for value in [*values, new])
    return text[: match.start(2)] + f"[{listed}]" + text[match.end(2) :]


def rewrite(
    template: Path,
    releases: dict[str, str],
    actions: dict[str, str] | None = None,
    python: str | None = None,
    readthedocs: dict[str, str] | None = None,
) -> list[Path]:
    """Write the versions found into the template's files; the files that changed.

    ``releases`` maps PyPI names to their newest versions (``flask`` among them for the
    Flask choices); ``actions`` is cookiecutter.json's ``_actions`` at their newest.
    """
    project = template / PROJECT
    releases = {**releases, **hook_versions((project / ".pre-commit-config.yaml").read_text())}
    files: dict[Path, str] = {}

    def text(path: Path) -> str:
        return files.setdefault(path, path.read_text("utf-8"))

    own = template / "pyproject.toml"
    for name in TEMPLATE_PINS:
        if name in releases:
            files[own] = sub(text(own), rf'("{name}(\[\w+\])?==)[^"]+', rf"\g<1>{releases[name]}")
    baked = project / "pyproject.toml"
    for name in BAKE_BOUNDS:
        if name in releases:
            bound = releases[name] if name == "pyright" else minor(releases[name])
            files[baked] = sub(text(baked), rf'("{name}(\[\w+\])?>=)[\d.]+', rf"\g<1>{bound}")
    config = template / "cookiecutter.json"
    if actions:
        # The template's own workflows use the same pins as the bake's (a test checks).
        workflows = sorted((template / ".github/workflows").glob("*.yaml"))
        for key, line in json.loads(text(config))["_actions"].items():
            files[config] = text(config).replace(json.dumps(line), json.dumps(actions[key]))
            for path in workflows:
                files[path] = text(path).replace(f"uses: {line}\n", f"uses: {actions[key]}\n")
    if python:
        files[config] = choices(
            choices(text(config), "python_min", python), "_python_versions", python
        )
    if "flask" in releases:
        files[config] = choices(text(config), "flask_min", minor(releases["flask"]))
    if readthedocs:
        rtd = project / ".readthedocs.yaml"
        files[rtd] = sub(text(rtd), r"^(\s+os: )\S+", rf"\g<1>{readthedocs['os']}")
        files[rtd] = sub(text(rtd), r'^(\s+python: )"[\d.]+"', rf'\g<1>"{readthedocs["python"]}"')

    changed = [path for path, new in files.items() if new != path.read_text("utf-8")]
    for path in changed:
        path.write_text(files[path], "utf-8")
    copier_yml = template / "copier.yml"
    if config in changed and render_copier_yml(template) != copier_yml.read_text("utf-8"):
        copier_yml.write_text(render_copier_yml(template), "utf-8")
        changed.append(copier_yml)
    return changed


def main() -> int:
    uv = shutil.which("uv") or str(Path(sys.executable).parent / "uv")
    config = json.loads((TEMPLATE / "cookiecutter.json").read_text("utf-8"))
    hooks = TEMPLATE / PROJECT / ".pre-commit-config.yaml"
    files = [*pin_files(TEMPLATE), *(TEMPLATE / name for name in LOCKS)]
    before = {path: path.read_text("utf-8") for path in files}
    skipped = []
    releases: dict[str, str] = {}
    try:
        releases = newest_releases(sorted({*TEMPLATE_PINS, *BAKE_BOUNDS, "flask"}), uv)
    except RuntimeError as error:
        skipped.append(f"the tools and Flask, uv found no releases on PyPI ({error})")
    result = subprocess.run(
        [sys.executable, "-m", "pre_commit", "autoupdate", "--freeze", "--config", str(hooks)],
        cwd=TEMPLATE,
        capture_output=True,
        text=True,
        env={**os.environ, "GIT_TERMINAL_PROMPT": "0"},
    )
    if result.returncode != 0:
        hooks.write_text(before[hooks], "utf-8")  # as it was, whatever pre-commit wrote
        why = last_line(result.stdout + result.stderr)
        skipped.append(f"the pre-commit hooks, their repositories did not answer ({why})")
    actions = None
    try:
        actions = newest_actions(config["_actions"], uv)
    except RuntimeError as error:
        skipped.append(f"the GitHub Actions, GitHub did not answer ({error})")
    rewrite(TEMPLATE, releases, actions, newest_python(uv), readthedocs_image())
    try:
        relock(TEMPLATE, uv, hooks.read_text("utf-8"))
    except RuntimeError as error:
        skipped.append(f"the template's lock, uv could not resolve it ({error})")
    if skipped:
        say(f"skipped {'; '.join(skipped)}")
    changed = [path for path, text in before.items() if path.read_text("utf-8") != text]
    for path in changed:
        say(f"moved the pins in {path.relative_to(TEMPLATE)}")
    if not changed:
        say("every pin it could reach is at its newest")
    return 0


if __name__ == "__main__":
    sys.exit(main())
