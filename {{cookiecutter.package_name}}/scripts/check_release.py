"""Refuse a release whose metadata still holds one of the template's placeholders.

``make dist`` runs this before it builds, so every CI's publish job does too; tests and docs
builds do not. Each placeholder left is one line naming the file and the field to edit.
"""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

# The answers flask-ext-template offers as examples; a real project has its own.
PLACEHOLDERS = (
    {{ template_defaults().author_name | text }},
    {{ template_defaults().author_email | text }},
    {{ template_defaults().github_owner | text }},
    {{ cookiecutter.__default_description | text }},
)
# Released with the metadata: the README is the long description, the license is shipped.
RELEASED_TEXT = ("README.rst", "LICENSE.txt")


def strings(value: object, name: str) -> Iterator[tuple[str, str]]:
    """Every string in parsed TOML, with its dotted name (``project.authors[0].name``)."""
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{name}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{name}[{index}]")
    elif isinstance(value, str):
        yield name, value


def problems() -> list[str]:
    found = []
    pyproject = tomllib.loads(Path("pyproject.toml").read_text(encoding="utf-8"))
    for name, value in strings(pyproject["project"], "project"):
        found += [
            f"pyproject.toml: {name} still holds the placeholder {placeholder!r};"
            " write the real value"
            for placeholder in PLACEHOLDERS
            if placeholder in value
        ]
    for path in RELEASED_TEXT:
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        found += [
            f"{path}, line {number}: still holds the placeholder {placeholder!r};"
            " write the real value"
            for number, line in enumerate(lines, 1)
            for placeholder in PLACEHOLDERS
            if placeholder in line
        ]
    return found


def main() -> int:
    found = problems()
    for problem in found:
        print(f"ERROR: {problem}", file=sys.stderr)
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main())
