"""Check every answer before cookiecutter writes a file.

Each problem is one line, ``ERROR: <field>: <what is wrong>; <how to fix it>``, on stderr; any
problem exits non-zero, and cookiecutter then removes the directory it made for the project.
The checks themselves are in hooks/extension.py, which copier's prompts use too; they run
while cookiecutter renders this file, so it holds their results. Standard library only.
"""

from __future__ import annotations

import json
import os
import re
import shlex
import sys

# The results arrive as JSON in a raw string: tojson escapes every ' and control character, so
# no answer can end the string or be read as code. _cookiecutter holds the answers as typed.
PROBLEMS = json.loads(
    r"""{{ answer_problems(cookiecutter, _cookiecutter | default({})) | tojson }}"""
)
# What runs the bake again with every answer given, so that correcting one means editing one.
RERUN = json.loads(
    r"""{{ {
        "template": cookiecutter._template | default(""),
        "checkout": cookiecutter._checkout | default(None),
        "output_dir": cookiecutter._output_dir | default(""),
        "arguments": rerun_arguments(cookiecutter, _cookiecutter | default({})),
    } | tojson }}"""
)
COOKIECUTTER_VERSION = "{{ cookiecutter_version() }}"
MIN_COOKIECUTTER = (2, 7)


def cookiecutter_problems() -> list[str]:
    found = tuple(int(part) for part in re.findall(r"\d+", COOKIECUTTER_VERSION)[:2])
    if found < MIN_COOKIECUTTER:
        return [
            f"cookiecutter: version {COOKIECUTTER_VERSION} is too old; this template needs"
            " cookiecutter 2.7 or newer: pip install -U 'cookiecutter>=2.7'"
        ]
    return []


def existing_directory_problems(project_dir: str) -> list[str]:
    # cookiecutter has just made this directory; anything in it was there before (--overwrite).
    if os.listdir(project_dir):
        return [
            f"package_name: the directory {project_dir} already exists and is not empty; choose"
            " another package_name, or another place with --output-dir (to adopt the project"
            " there, use copier: see the template's README, Adopting an existing extension)"
        ]
    return []


def rerun_command() -> str:
    """The cookiecutter command that bakes the same answers again, without prompts."""
    command = ["cookiecutter", RERUN["template"] or ".", "--no-input"]
    if RERUN["checkout"]:
        command += ["--checkout", RERUN["checkout"]]
    # PWD is where the user ran cookiecutter; this hook runs in the project's directory.
    output_dir = os.path.relpath(RERUN["output_dir"] or ".", os.environ.get("PWD", "."))
    if output_dir != ".":
        command += ["--output-dir", output_dir]
    return shlex.join(command + RERUN["arguments"])


def main() -> int:
    problems = cookiecutter_problems()
    if problems:
        print(f"ERROR: {problems[0]}", file=sys.stderr)
        return 1
    problems = PROBLEMS + existing_directory_problems(os.getcwd())
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)
    if problems:
        print(
            "To correct the answers, edit them in this command and run it:\n    " + rerun_command(),
            file=sys.stderr,
        )
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
