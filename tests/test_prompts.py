"""Both engines' prompts, used at a pseudo-terminal of 80 columns, as a new user does.

Each shape's label is on screen in full; a bad answer is corrected without typing the others
again: at copier's prompt, or by editing one value of the command cookiecutter's refusal prints.
"""

from __future__ import annotations

import os
import re
import shlex
import subprocess
import sys
from pathlib import Path

import pexpect
import pytest
from test_engines import template_copy  # noqa: F401 (a fixture)

from conftest import BIN
from conftest import DEFAULTS
from conftest import TEMPLATE

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b[()][AB0]|\x1b[=>]")
LABELS = [DEFAULTS["__prompts__"]["shape"][shape] for shape in DEFAULTS["shape"]]
QUESTIONS = [name for name in DEFAULTS if not name.startswith("_")]


def terminal(command: object, *args: object, cwd: Path) -> pexpect.spawn:
    env = {
        **os.environ,
        "TERM": "xterm",
        "COLUMNS": "80",
        "LINES": "24",
        "PWD": str(cwd),
        # prompt_toolkit (copier's prompts) otherwise waits for the terminal's cursor report.
        "PROMPT_TOOLKIT_NO_CPR": "1",
    }
    return pexpect.spawn(
        str(command),
        [str(arg) for arg in args],
        cwd=str(cwd),
        env=env,
        dimensions=(24, 80),
        encoding="utf-8",
        timeout=60,
    )


def screen(child: pexpect.spawn) -> str:
    """What the terminal showed before the last match, without its control sequences."""
    return ANSI.sub("", child.before).replace("\r", "")


@pytest.mark.slow
def test_copier_prompts_at_80_columns(template_copy: Path, tmp_path: Path) -> None:  # noqa: F811
    child = terminal(BIN / "copier", "copy", "--trust", template_copy, "project", cwd=tmp_path)
    child.expect("Extension name")
    # The example is a hint in an empty field: what the user types is the answer.
    child.expect("Flask-Example")
    child.send("Flask-None\r")
    # The toolbar is one line, cut at the terminal's width: the fix comes first.
    child.expect("Validation error for question 'extension_name': use Flask-NoneExt")
    child.send("\x7f" * len("None") + "Feather\r")  # the user's own text, edited
    child.expect("Import package")
    child.send("\r")
    child.expect("What the extension does")
    child.expect(re.escape(LABELS[-1]))
    shown = [line.strip(" »") for line in (screen(child) + LABELS[-1]).splitlines()]
    for label in LABELS:  # each on a line of its own, in full
        assert label in shown, label
    child.send("\r")
    child.expect(re.escape(DEFAULTS["__prompts__"]["short_description"]))
    child.send("Feathers for Flask.\r")
    child.expect(re.escape(DEFAULTS["__prompts__"]["author_name"]))
    child.send("\r")  # the hint is no answer
    child.expect("Validation error for question 'author_name': give the name")
    child.send("Ada Lovelace\r")
    child.expect(re.escape(DEFAULTS["__prompts__"]["author_email"]))
    child.send("ada.lovelace@example\r")
    child.expect("Validation error for question 'author_email': its domain 'example' has no")
    child.send("\x15ada@example.org\r")  # Ctrl-U: the user's own mistake, cleared
    child.expect(re.escape(DEFAULTS["__prompts__"]["github_owner"]))
    child.send("ada\r")
    # Every other answer is the default.
    while child.expect(["🎤", pexpect.EOF], timeout=120) == 0:
        child.send("\r")
    child.close()
    assert child.exitstatus == 0
    answers = (tmp_path / "project/.copier-answers.yml").read_text("utf-8")
    assert "extension_name: Flask-Feather\n" in answers
    assert (tmp_path / "project/src/flask_feather/_resource.py").is_file()


@pytest.mark.slow
def test_cookiecutter_prompts_at_80_columns(tmp_path: Path) -> None:
    child = terminal(sys.executable, "-m", "cookiecutter", TEMPLATE, cwd=tmp_path)
    child.expect(r"\[1/\d+\]")
    child.send("Flask-None\r")
    child.expect(r"\[2/\d+\]")
    child.send("\r")
    child.expect("Choose from")
    shown = [line.strip() for line in screen(child).splitlines()]
    for number, label in enumerate(LABELS, 1):  # each on a line of its own, in full
        assert f"{number} - {label}" in shown, label
    child.send("\r")
    for number in range(4, len(QUESTIONS) + 1):
        child.expect(rf"\[{number}/\d+\]")
        child.send("\r")
    child.expect(pexpect.EOF)
    output = screen(child)
    child.close()
    assert child.exitstatus != 0
    assert "ERROR: extension_name: use Flask-NoneExt or another name; 'Flask-None' makes" in output
    command = shlex.split(
        output.split("edit them in this command and run it:\n")[1].splitlines()[0]
    )
    assert command == ["cookiecutter", str(TEMPLATE), "--no-input", "extension_name=Flask-None"]

    # The one answer to correct, edited in the command printed.
    edited = [argument.replace("Flask-None", "Flask-Drawn") for argument in command[1:]]
    result = subprocess.run(
        [sys.executable, "-m", "cookiecutter", *edited], cwd=tmp_path, capture_output=True
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "flask_drawn/src/flask_drawn/_resource.py").is_file()
