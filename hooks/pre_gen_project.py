"""Check every answer before cookiecutter writes a file.

Each problem is one line, ``ERROR: <field>: <what is wrong>; <how to fix it>``, on stderr; any
problem exits non-zero, and cookiecutter then removes the directory it made for the project.
Self-contained and offline: the standard library only.
"""

from __future__ import annotations

import json
import keyword
import os
import re
import sys
import unicodedata

# The answers arrive as JSON in a raw string: tojson escapes every ' and control character, so
# no answer can end the string or be read as code. RAW_ANSWERS are as given, before rendering.
CONTEXT = json.loads(r"""{{ cookiecutter | tojson }}""")
RAW_ANSWERS = json.loads(r"""{{ _cookiecutter | default({}) | tojson }}""")
DEFAULTS = json.loads(r"""{{ template_defaults() | tojson }}""")
COOKIECUTTER_VERSION = "{{ cookiecutter_version }}"

MIN_COOKIECUTTER = (2, 7)
# Longer names make lines that ruff format would wrap differently from the template.
MAX_NAME_LENGTH = 32
FREE_TEXT = ("short_description", "author_name")
NAME_PART = r"[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*"
EXTENSION_NAME = re.compile(rf"Flask-{NAME_PART}|{NAME_PART}-Flask")
PACKAGE_NAME = re.compile(r"flask_[a-z][a-z0-9_]*|[a-z][a-z0-9_]*_flask")
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")
GITHUB_OWNER = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}")
# PEP 440, as in packaging.version.VERSION_PATTERN.
PEP440 = re.compile(
    r"""v?(?:(?:[0-9]+!)?[0-9]+(?:\.[0-9]+)*
    (?:[-_.]?(?:a|b|c|rc|alpha|beta|pre|preview)[-_.]?[0-9]*)?
    (?:-[0-9]+|[-_.]?(?:post|rev|r)[-_.]?[0-9]*)?
    (?:[-_.]?dev[-_.]?[0-9]*)?)(?:\+[a-z0-9]+(?:[-_.][a-z0-9]+)*)?""",
    re.VERBOSE | re.IGNORECASE,
)
# Jinja's delimiters, spelt so that this file (itself rendered by Jinja) holds none of them.
BRACE = "{"
TEMPLATE_SYNTAX = re.compile("|".join(re.escape(BRACE + mark) for mark in (BRACE, "%", "#")))
REFUSED_CATEGORIES = {
    "Cc": "a control character",
    "Cs": "a surrogate",
    "Zl": "a line break",
    "Zp": "a paragraph break",
}


def cookiecutter_problems() -> list[str]:
    found = tuple(int(part) for part in re.findall(r"\d+", COOKIECUTTER_VERSION)[:2])
    if found < MIN_COOKIECUTTER:
        return [
            f"cookiecutter: version {COOKIECUTTER_VERSION} is too old; this template needs"
            " cookiecutter 2.7 or newer: pip install -U 'cookiecutter>=2.7'"
        ]
    return []


def free_text_problem(field: str, value: str) -> str | None:
    for char in value:
        what = REFUSED_CATEGORIES.get(unicodedata.category(char))
        if what:
            return (
                f"{field}: contains {what} (U+{ord(char):04X}); write it on one line"
                " without control characters"
            )
    if value != value.strip():
        return f"{field}: starts or ends with white space; remove it"
    if TEMPLATE_SYNTAX.search(value) or TEMPLATE_SYNTAX.search(str(RAW_ANSWERS.get(field, ""))):
        if given(field) or TEMPLATE_SYNTAX.search(value):
            return (
                f"{field}: contains template syntax (a brace followed by a brace, % or #),"
                " which cookiecutter would evaluate; remove the braces"
            )
    return None


def given(field: str) -> bool:
    """True unless the answer is the template's own default (which may be a Jinja expression
    that derives it from earlier answers)."""
    return RAW_ANSWERS.get(field, DEFAULTS.get(field)) != DEFAULTS.get(field)


def answer_problems(answers: dict[str, object]) -> list[str]:
    problems = []
    name = str(answers["extension_name"])
    # Defaults derived from a bad extension name are bad too; its one line says it all.
    name_ok = bool(EXTENSION_NAME.fullmatch(name)) and len(name) <= MAX_NAME_LENGTH
    if not EXTENSION_NAME.fullmatch(name):
        problems.append(
            f"extension_name: {name!r} is not of the form Flask-Name or Name-Flask; use ASCII"
            " letters, digits and single hyphens, such as Flask-SimpleXML"
        )
    elif not name_ok:
        problems.append(
            f"extension_name: {name!r} has {len(name)} characters; use at most {MAX_NAME_LENGTH}"
        )

    package = str(answers["package_name"])
    key = str(answers["__key"])  # derived from package_name in cookiecutter.json
    if not name_ok and not given("package_name"):
        pass
    elif not PACKAGE_NAME.fullmatch(package) or "__" in package or package.endswith("_"):
        problems.append(
            f"package_name: {package!r} is not a lowercase identifier starting with flask_ or"
            " ending with _flask; use lowercase letters, digits and single underscores, such as"
            " flask_simplexml"
        )
    elif keyword.iskeyword(key) or keyword.issoftkeyword(key):
        problems.append(
            f"package_name: {package!r} leaves {key!r}, a Python keyword, as the extension key;"
            " choose another name"
        )

    email = str(answers["author_email"])
    if not EMAIL.fullmatch(email):
        problems.append(
            f"author_email: {email!r} is not an email address; give one such as jane@example.com"
        )

    owner = str(answers["github_owner"])
    if not GITHUB_OWNER.fullmatch(owner):
        problems.append(
            f"github_owner: {owner!r} is not a GitHub user or organization name; use letters,"
            " digits and single hyphens, at most 39 characters"
        )

    version = str(answers["version"])
    if not PEP440.fullmatch(version) or version.startswith(("v", "V")):
        problems.append(
            f"version: {version!r} is not a PEP 440 version; use a form such as 0.1.0 or 1.0.0rc1"
        )

    # cookiecutter checks choices it prompts for; answers from elsewhere (a replay file, cruft's
    # stored context) reach this hook unchecked.
    for field, choices in DEFAULTS.items():
        if (
            isinstance(choices, list)
            and not field.startswith("_")
            and answers[field] not in choices
        ):
            problems.append(
                f"{field}: {answers[field]!r} is not supported; choose one of"
                f" {', '.join(map(str, choices))}"
            )

    if not str(answers["author_name"]).strip():
        problems.append("author_name: is empty; give the name of the author and maintainer")
    for field in FREE_TEXT:
        if not name_ok and not given(field):
            continue
        problem = free_text_problem(field, str(answers[field]))
        if problem:
            problems.append(problem)
    return problems


def existing_directory_problems(project_dir: str) -> list[str]:
    # cookiecutter has just made this directory; anything in it was there before (--overwrite).
    if os.listdir(project_dir):
        return [
            f"package_name: the directory {project_dir} already exists and is not empty; choose"
            " another package_name, or another place with --output-dir"
        ]
    return []


def main() -> int:
    problems = cookiecutter_problems() or (
        answer_problems(CONTEXT) + existing_directory_problems(os.getcwd())
    )
    for problem in problems:
        print(f"ERROR: {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
