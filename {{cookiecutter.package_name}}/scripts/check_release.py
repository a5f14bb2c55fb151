# /// script
# requires-python = ">=3.11"
# dependencies = []
# ///
"""Refuse a release while what it publishes holds one of the template's placeholders:
the metadata in pyproject.toml, the license files it names, the docs' author and
copyright. ``make dist`` and every CI's publish job run it:
``uv run scripts/check_release.py``.
"""

import sys
import tomllib
from pathlib import Path

with open("pyproject.toml", "rb") as file:
    LICENSES = tomllib.load(file)["project"].get("license-files", [])
PUBLISHED = [
    Path("pyproject.toml"),
    *(path for pattern in LICENSES for path in sorted(Path().glob(pattern))),
    *(path for path in [Path("docs/conf.py")] if path.is_file()),
]
# The answers flask-ext-template offers as examples; a real project has its own.
PLACEHOLDERS = (
    {{ template_defaults().author_name | text }},
    {{ template_defaults().author_email | text }},
    {{ template_defaults().github_owner | text }},
    {{ cookiecutter.__default_description | text }},
)

if __name__ == "__main__":
    found = [
        f"ERROR: {path}, line {number}: still holds the placeholder {placeholder!r};"
        " write the real value"
        for path in PUBLISHED
        for number, line in enumerate(Path(path).read_text("utf-8").splitlines(), 1)
        for placeholder in PLACEHOLDERS
        if placeholder in line
    ]
    if found:
        sys.exit("\n".join(found))
