"""Finish the project: drop the files of options not chosen, make the first commit, say what next.

Self-contained and offline: the standard library and, if present, git. Running it again on the
same project changes nothing, so tools that re-run hooks (cruft) are safe.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

# See pre_gen_project.py: the answers arrive as JSON in a raw string, never as code.
CONTEXT = json.loads(r'''{{ cookiecutter | tojson }}''')
COMMIT_MESSAGE = "Start the project from flask-ext-template"


def unselected_paths(project: Path, context: dict[str, Any]) -> Iterator[Path]:
    """Paths from ``_files_by_option`` in cookiecutter.json whose option has another value."""
    for pattern, wanted in context["_files_by_option"].items():
        if any(context[option] != value for option, value in wanted.items()):
            yield from sorted(project.glob(pattern))


def remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink(missing_ok=True)


def git_first_commit(project: Path) -> str:
    """Make the first commit; return what the user still has to do ("" if nothing)."""
    by_hand = f"git init && git add -A && git commit -m {COMMIT_MESSAGE!r}"
    if (project / ".git").exists():
        return ""
    if shutil.which("git") is None:
        return f"git was not found, so the project is not under version control yet: {by_hand}"

    def git(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(["git", *args], cwd=project, capture_output=True, text=True)

    if git("init", "--quiet").returncode != 0:
        return f"git init failed; to put the project under version control: {by_hand}"
    git("add", "--all")
    if git("commit", "--quiet", "--message", COMMIT_MESSAGE).returncode != 0:
        return (
            "git has no identity configured, so the first commit was not made: set"
            " git config --global user.name/user.email, then run"
            f" git add -A && git commit -m {COMMIT_MESSAGE!r}"
        )
    return ""


def main() -> int:
    project = Path.cwd()
    for path in list(unselected_paths(project, CONTEXT)):
        remove(path)

    note = git_first_commit(project) if CONTEXT.get("init_git") else ""
    if note:
        print(f"NOTE: {note}", file=sys.stderr)

    # PWD is the directory the user ran cookiecutter from; cookiecutter changes only os.getcwd().
    where = os.path.relpath(project, os.environ.get("PWD", project.parent))
    print(f"Created {project.name}. Next: cd {shlex.quote(where)} && make test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
