# /// script
# requires-python = ">=3.11"
# ///
"""Refuse a release while what it publishes holds one of the template's placeholders.

``make dist`` (and so every CI's publish job) runs ``uv run scripts/check_release.py``. It
checks the metadata in pyproject.toml, the license's holder and the docs' author and
copyright, and prints one line for each placeholder left.
"""

import sys
import tomllib
from pathlib import Path

# The answers flask-ext-template offers as examples; a real project has its own.
PLACEHOLDERS = (
    {{ template_defaults().author_name | text }},
    {{ template_defaults().author_email | text }},
    {{ template_defaults().github_owner | text }},
    {{ cookiecutter.__default_description | text }},
)


def strings(value: object, name: str) -> list[tuple[str, str]]:
    """Every string in parsed TOML, with its dotted name (``project.authors[0].name``)."""
    if isinstance(value, dict):
        items = [(f"{name}.{key}", item) for key, item in value.items()]
    elif isinstance(value, list):
        items = [(f"{name}[{index}]", item) for index, item in enumerate(value)]
    else:
        return [(name, value)] if isinstance(value, str) else []
    return [found for name, item in items for found in strings(item, name)]


def problems() -> list[str]:
    with open("pyproject.toml", "rb") as file:
        fields = strings(tomllib.load(file)["project"], "pyproject.toml: project")
    # The license names its holder; the docs' conf.py sets author and copyright.
    for path in ("LICENSE.txt", "docs/conf.py"):
        lines = Path(path).read_text(encoding="utf-8").splitlines()
        fields += [(f"{path}, line {n}", line) for n, line in enumerate(lines, 1)]
    return [
        f"{field} still holds the placeholder {placeholder!r}; write the real value"
        for field, value in fields
        for placeholder in PLACEHOLDERS
        if placeholder in value
    ]


if __name__ == "__main__":
    found = problems()
    for problem in found:
        print(f"ERROR: {problem}", file=sys.stderr)
    sys.exit(1 if found else 0)
