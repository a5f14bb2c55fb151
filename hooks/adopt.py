"""copier's task when a project adopts the template (``--data adopt=true``).

copier has written the toolchain over the project's committed files: ``pyproject.toml`` holds
the template's tool tables alone and ``.gitignore`` the template's lines. This puts the
project's own back, from git's HEAD, and merges the template's in with tomlkit: every table
and dependency group the project has stays as it was, each clash is one line saying which
won, and what the new toolchain replaces is named. Nothing is committed or deleted.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import tomlkit

# What the adopted toolchain replaces, and what to do with each.
LEFTOVERS = {
    "tox.ini": "make and CI run pyproject.toml's [tool.tox]; move what you need there,"
    " then git rm tox.ini",
    "requirements*.txt": "uv.lock holds the exact versions now; git rm it once nothing reads it",
    "Pipfile.lock": "uv.lock is the project's lock now; git rm it",
    "poetry.lock": "uv.lock is the project's lock now; git rm it",
    "pdm.lock": "uv.lock is the project's lock now; git rm it",
}
# setup.cfg sections that tools of the old toolchain read and the new one does not.
OLD_SECTIONS = ("tox:tox", "tool:pytest", "flake8", "mypy", "isort", "coverage:")
OURS = {"tests.yaml", "publish.yaml"}


def committed(path: str) -> str | None:
    """The file as HEAD has it, or None if it is not in HEAD."""
    shown = subprocess.run(["git", "show", f"HEAD:{path}"], capture_output=True, text=True)
    return shown.stdout if shown.returncode == 0 else None


def merge_pyproject(own: str, template: str) -> tuple[str, list[str]]:
    """The project's pyproject.toml with the template's tables and groups it lacks."""
    project, toolchain = tomlkit.parse(own), tomlkit.parse(template)
    kept = []
    for key, value in toolchain.items():
        if key in ("dependency-groups", "tool") and key in project:
            for name, item in value.items():
                if name in project[key]:
                    kept.append(f"[{key}] {name}" if key != "tool" else f"[tool.{name}]")
                else:
                    project[key][name] = item
        elif key in project:
            kept.append(f"[{key}]")
        else:
            project[key] = value
    notes = [
        f"pyproject.toml: {name} is the project's own, kept; the template's is left out"
        for name in kept
    ]
    return tomlkit.dumps(project), notes


def merge_lines(own: str, template: str) -> str:
    """The project's lines, then the template's it does not have."""
    lines = own.splitlines()
    new = [line for line in template.splitlines() if line not in lines or not line.strip()]
    return "\n".join([*lines, "", *new]).strip("\n") + "\n" if new else own


def leftovers() -> list[str]:
    notes = [
        f"{path}: {advice}"
        for pattern, advice in LEFTOVERS.items()
        for path in sorted(map(str, Path().glob(pattern)))
    ]
    if Path("setup.cfg").is_file():
        sections = [
            line.strip()
            for line in Path("setup.cfg").read_text("utf-8").splitlines()
            if line.startswith("[") and line.strip("[] \n").startswith(OLD_SECTIONS)
        ]
        if sections:
            notes.append(
                f"setup.cfg: {', '.join(sections)} are read by the old toolchain only;"
                " move what you need into pyproject.toml"
            )
    for workflow in sorted(Path(".github/workflows").glob("*.y*ml")):
        if workflow.name not in OURS:
            notes.append(
                f"{workflow.as_posix()}: the old workflow runs beside tests.yaml; git rm it"
                " once tests.yaml passes"
            )
    return notes


def main() -> int:
    notes = []
    own = committed("pyproject.toml")
    if own is not None:
        template = Path("pyproject.toml").read_text("utf-8")
        merged, notes = merge_pyproject(own, template)
        Path("pyproject.toml").write_text(merged, "utf-8")
    own_ignore = committed(".gitignore")
    if own_ignore is not None:
        template = Path(".gitignore").read_text("utf-8")
        Path(".gitignore").write_text(merge_lines(own_ignore, template), "utf-8")
    for note in [*notes, *leftovers()]:
        print(f"NOTE: {note}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
