"""Finish the project: drop the files of options not chosen, lock, make the first commit, say
what next.

Under cookiecutter, self-contained: the standard library and, if present, uv (which reads
the index) and git. Under copier, it also reads the template's files list (extension.py).
Running it again on the same project changes nothing, so tools that re-run hooks (cruft) are
safe.
"""

from __future__ import annotations

import json
import os
import shlex
import shutil
import signal
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


# An index that accepts connections and never answers: uv gives up after two tries of 8 s
# (instead of its 30 s, four times), unless the user set these.
UV_PATIENCE = {"UV_HTTP_TIMEOUT": "8", "UV_HTTP_RETRIES": "1"}


def uv_environment() -> dict[str, str]:
    """The environment uv locks in: the user's, with UV_PATIENCE where the user set nothing."""
    return {**UV_PATIENCE, **os.environ}


def uv_cause(stderr: str) -> str:
    """The line of uv's error output that says why: its first and last ``cause:`` (the URL
    and what went wrong with it), or its last error line."""
    lines = [line.strip() for line in stderr.splitlines() if line.strip()]
    causes = [line.removeprefix("cause: ") for line in lines if line.startswith("cause:")]
    if causes:
        return causes[0] if len(causes) == 1 else f"{causes[0]}: {causes[-1]}"
    errors = [line for line in lines if not line.startswith(("hint:", "Using "))]
    return (errors or ["uv lock failed"])[-1].removeprefix("error: ")


def lock(context: dict[str, object]) -> str:
    """Make uv.lock; return what the user still has to do ("" if nothing). Ctrl-C skips it."""
    commit = " && git add uv.lock && git commit -m 'Lock the dependencies'"
    first = context.get("init_git") and not context.get("_adopt")
    later = f"make it before the first push: make test{commit if first else ''}"
    if os.path.exists("uv.lock"):
        return ""
    # The uv that runs this engine (uvx or uv tool run set UV), the one on PATH, or one
    # installed beside the engine.
    uv = (
        os.environ.get("UV")
        or shutil.which("uv")
        or shutil.which("uv", path=os.path.dirname(sys.executable))
    )
    if uv is None:
        return f"uv is not on PATH, so uv.lock is not made yet; {later}"
    print("Locking the dependencies into uv.lock with uv (Ctrl-C skips this) ...", flush=True)
    # A bake reads the index but never downloads a Python: without one that the project
    # supports, there is nothing to lock for yet.
    command = [uv, "lock", "--quiet", "--no-python-downloads"]
    signal.signal(signal.SIGINT, signal.default_int_handler)
    try:
        locked = subprocess.run(command, capture_output=True, text=True, env=uv_environment())
    except KeyboardInterrupt:  # subprocess.run has stopped uv
        return f"Ctrl-C: uv.lock is not made yet; {later}"
    finally:
        signal.signal(signal.SIGINT, defer_interrupt)
    if locked.returncode:
        return f"uv.lock is not made yet ({uv_cause(locked.stderr)}); {later}"
    return ""


# The project's files are written; what is left (removing the files of options not chosen,
# the first commit) takes a moment and is not cut in half: a Ctrl-C meanwhile is noted and
# said at the end, and git runs in a session of its own, out of the terminal's reach.
INTERRUPTED: list[int] = []


def defer_interrupt(signum: int, frame: object) -> None:
    INTERRUPTED.append(signum)


def git_first_commit(files: list[str] | None) -> str:
    """Make the first commit; return what the user still has to do ("" if nothing)."""
    by_hand = f"git init -b {BRANCH} && git add -A && git commit -m {COMMIT_MESSAGE!r}"

    def git(*args: str) -> int:
        return subprocess.run(
            ["git", *args], capture_output=True, start_new_session=True
        ).returncode

    if os.path.exists(".git"):
        # The hook's own repository (run again), or the user's (copier into a repository).
        ours = ["git", "log", "--format=%s", "--fixed-strings", "--grep", COMMIT_MESSAGE]
        made = subprocess.run(ours, capture_output=True, text=True, start_new_session=True)
        if made.returncode == 0 and made.stdout.strip():
            return ""
        return (
            "the directory is a git repository already, so the new files are not committed:"
            " review them, then git add -A && git commit"
        )

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
    pre_gen_project.py). copier runs it unrendered, as a task, from the template, with
    copier's Python, and names its answers file: the answers are read from there, and the
    template's own files list (hooks/extension.py, beside this file) gives the files to
    commit. copier's _exclude has left out the files of options not chosen."""
    if len(sys.argv) > 1:
        import yaml  # copier's, as jinja2 is, which extension imports
        from extension import namespace
        from extension import project_files

        with open(sys.argv[1], encoding="utf-8") as file:
            names = namespace(yaml.safe_load(file))
        files = [*project_files(names), sys.argv[1]]
        return {**names, "_files_by_option": {}, "files": files}
    return json.loads(r"""{{ cookiecutter | tojson }}""")  # type: ignore[no-any-return]


# Where each shape's worked example lives, to replace.
EXAMPLES = {
    "context_resource": "the SQLite connection",
    "app_client": "KeyValueClient",
    "request_hooks": "the request ID hooks",
}
PUBLISHING = {
    "github": "on PyPI, add the repository and .github/workflows/publish.yaml as a trusted"
    " publisher, with the environment publish",
    "gitlab": "on PyPI, add the project and .gitlab-ci.yml as a trusted publisher (GitLab),"
    " with the environment publish",
    "travis": "set UV_PUBLISH_TOKEN (a PyPI API token) in the repository's settings on"
    " Travis, not shown in the build log",
    "none": "make a PyPI API token for make publish (UV_PUBLISH_TOKEN)",
}


def first_steps(context: dict[str, object], kept: list[str]) -> list[str]:
    """The new owner's steps, once, before the first release: the bake's last lines, never in
    what the project publishes. ``kept``: the prompts' example answers the bake holds."""
    package, module = context["package_name"], str(context["__module"])
    steps = [
        f"Replace the worked example, {EXAMPLES[str(context['shape'])]}:"
        f" src/{package}/{module}.py, tests/test_{module[1:]}.py, examples/app.py and its"
        " test, the README's Usage and docs/. Keep tests/test_guidelines.py (if the class is"
        " renamed, change its import; if the extension needs settings, its new_app fixture);"
        " tests/test_skeleton.py holds the skeleton's own conventions: keep or replace them.",
        f"Connect Read the Docs to the repository: .readthedocs.yaml builds"
        f" {context['__docs_url']}/.",
        f"Before the first release, {PUBLISHING[str(context['ci'])]}.",
        "When you can no longer maintain it, hand it over rather than let it go stale:"
        " to a contributor, or to Pallets-Eco, which takes in community Flask extensions.",
    ]
    if kept:
        examples = ", ".join(kept)
        steps.insert(
            0,
            f"Write your own values where the bake holds the prompts' examples ({examples}):"
            " make dist names each line that holds one, and builds nothing until then.",
        )
    return [f"{number}. {step}" for number, step in enumerate(steps, 1)]


def kept_examples(context: dict[str, object]) -> list[str]:
    """The prompts' example answers the bake kept (rendered by cookiecutter; see answers())."""
    if len(sys.argv) > 1:
        from extension import placeholders

        return placeholders(context)
    return json.loads(r"""{{ placeholders(cookiecutter) | tojson }}""")  # type: ignore[no-any-return]


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
    signal.signal(signal.SIGINT, defer_interrupt)
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

    if context.get("_adopt"):
        # An existing project, in a repository with history (hooks/adopt.py has merged its
        # pyproject.toml): nothing is committed, and only the lock is added.
        note = lock(context)
        if note:
            print(f"NOTE: {note}", file=sys.stderr)
        print(
            f"Adopted {os.path.basename(os.getcwd())}: the toolchain is written around the"
            " project's own files. Next: make test && make lint; review the change (git"
            " status, git diff), then commit it with uv.lock"
        )
        return 0
    files: list[str] | None = context.get("files")  # type: ignore[assignment]
    notes = [lock(context), git_first_commit(files) if context.get("init_git") else ""]
    if INTERRUPTED:
        notes.append("Ctrl-C came while the project was being finished: it was finished first")
    for note in filter(None, notes):
        print(f"NOTE: {note}", file=sys.stderr)

    project = os.getcwd()
    where = os.path.relpath(project, user_dir or os.path.dirname(project))
    print(f"Created {os.path.basename(project)}. Next: cd {shlex.quote(where)} && make test")
    print("Then, once:", *first_steps(context, kept_examples(context)), sep="\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
