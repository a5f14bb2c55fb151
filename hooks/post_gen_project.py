"""Finish the project: drop the files of options not chosen, lock, make the first commit, say
what next.

Self-contained: the standard library and, if present, uv (which reads the index) and git.
Running it again on the same project changes nothing, so tools that re-run hooks (cruft) are
safe.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import subprocess
import sys
from glob import glob

COMMIT_MESSAGE = "Start the project from flask-ext-template"
# The branch the generated CI configurations run on, whatever git's init.defaultBranch says.
BRANCH = "main"


def unselected_paths(context: dict[str, object]) -> list[str]:
    """Paths from ``_files_by_option`` in cookiecutter.json whose option has another value."""
    table: dict[str, dict[str, object]] = context["_files_by_option"]  # type: ignore[assignment]
    return sorted(
        path
        for pattern, wanted in table.items()
        if any(context[option] != value for option, value in wanted.items())
        for path in glob(pattern)
    )


def remove(path: str) -> None:
    if os.path.isdir(path) and not os.path.islink(path):
        shutil.rmtree(path)
    else:
        os.remove(path)


def lock() -> str:
    """Make uv.lock; return what the user still has to do ("" if nothing)."""
    later = "the first make target makes it; commit it then"
    if os.path.exists("uv.lock"):
        return ""
    # The uv on PATH, or one installed beside cookiecutter (or copier) itself.
    uv = shutil.which("uv") or shutil.which("uv", path=os.path.dirname(sys.executable))
    if uv is None:
        return f"uv is not on PATH, so uv.lock is not made yet: {later}"
    # A bake reads the index but never downloads a Python: without one that the project
    # supports, there is nothing to lock for yet.
    command = [uv, "lock", "--quiet", "--no-python-downloads"]
    locked = subprocess.run(command, capture_output=True, text=True)
    if locked.returncode:
        reason = (locked.stderr.strip().splitlines() or ["uv lock failed"])[0]
        return f"uv.lock is not made yet ({reason.removeprefix('error: ')}): {later}"
    return ""


def git_first_commit(files: list[str] | None) -> str:
    """Make the first commit; return what the user still has to do ("" if nothing)."""
    by_hand = f"git init -b {BRANCH} && git add -A && git commit -m {COMMIT_MESSAGE!r}"
    if os.path.exists(".git"):
        return ""

    def git(*args: str) -> int:
        return subprocess.run(["git", *args], capture_output=True).returncode

    try:
        initialized = git("init", "--quiet", "--initial-branch", BRANCH) == 0
    except FileNotFoundError:
        return f"git was not found, so the project is not under version control yet: {by_hand}"
    if not initialized:
        return f"git init failed; to put the project under version control: {by_hand}"
    # cookiecutter writes into a new directory; copier may write into one that holds the
    # user's files, and names the template's (and uv.lock is the hook's).
    git("add", "--all") if files is None else git("add", "--", *files, *glob("uv.lock"))
    if git("commit", "--quiet", "--message", COMMIT_MESSAGE) != 0:
        return (
            "git has no identity configured, so the first commit was not made: set"
            " git config --global user.name/user.email, then run"
            f" git add -A && git commit -m {COMMIT_MESSAGE!r}"
        )
    return ""


def answers() -> dict[str, object]:
    """cookiecutter renders this file with the answers in it, as JSON in a raw string (see
    pre_gen_project.py). copier runs it unrendered, as a task, with the answers it needs as an
    argument: its _exclude has left out the files of options not chosen."""
    if len(sys.argv) > 1:
        return json.loads(sys.argv[1])  # type: ignore[no-any-return]
    return json.loads(r"""{{ cookiecutter | tojson }}""")  # type: ignore[no-any-return]


def write_cruft_state(context: dict[str, object]) -> None:
    """Under ``cruft create``, write the .cruft.json it writes after this hook, so that the
    first commit holds it and the project is clean for ``cruft update``. cruft alone adds
    ``_commit`` to the answers; with its --checkout or --directory, it writes other values
    and the file shows as changed."""
    state = {
        "template": context["_template"],
        "commit": context["_commit"],
        "checkout": None,
        "context": {"cookiecutter": context},
        "directory": None,
    }
    with open(".cruft.json", "w", encoding="utf-8") as file:
        file.write(json.dumps(state, ensure_ascii=False, indent=2, separators=(",", ": ")) + "\n")


def main() -> int:
    # Both engines run this hook in the new project's directory.
    context = answers()
    for path in unselected_paths(context):
        remove(path)
    # PWD is the directory the user ran cookiecutter from; cookiecutter changes only getcwd().
    user_dir = os.environ.get("PWD", "")
    if "_commit" in context and os.path.exists(os.path.join(user_dir, ".cruft.json")):
        # cruft update (or diff), in the project, bakes the template in a temporary directory
        # to compare: nothing to lock, commit or say there.
        return 0
    if "_commit" in context:
        write_cruft_state(context)

    files: list[str] | None = context.get("files")  # type: ignore[assignment]
    notes = [lock(), git_first_commit(files) if context.get("init_git") else ""]
    for note in filter(None, notes):
        print(f"NOTE: {note}", file=sys.stderr)

    project = os.getcwd()
    where = os.path.relpath(project, user_dir or os.path.dirname(project))
    print(f"Created {os.path.basename(project)}. Next: cd {shlex.quote(where)} && make test")
    return 0


if __name__ == "__main__":
    sys.exit(main())
