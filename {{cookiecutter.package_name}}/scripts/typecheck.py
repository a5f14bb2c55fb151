# /// script
# requires-python = ">=3.11"
# dependencies = []
# ///
"""tox's typing env: ``python scripts/typecheck.py PACKAGE`` runs the checks that fit
the package, as its ``Typing :: Typed`` classifier says, once the classifier and
``py.typed`` agree.

Typed: mypy --strict, pyright, and pyright --verifytypes (every public name typed).
Not typed yet: mypy, which checks the functions that have annotations.
"""

import subprocess
import sys
import tomllib
from pathlib import Path

if __name__ == "__main__":
    package = sys.argv[1]
    with open("pyproject.toml", "rb") as file:
        project = tomllib.load(file)["project"]
    typed = "Typing :: Typed" in project.get("classifiers", [])
    marker = Path("src", package, "py.typed")
    if typed and not marker.is_file():
        sys.exit(
            f"ERROR: pyproject.toml declares Typing :: Typed and {marker} is missing:"
            " add the file, or remove the classifier while the package is not typed"
        )
    if marker.is_file() and not typed:
        sys.exit(
            f"ERROR: {marker} says the package is typed and pyproject.toml does not"
            " declare Typing :: Typed: add the classifier, or delete the file"
        )
    checks = [["mypy"]]
    if typed:
        verify = ["pyright", "--verifytypes", package, "--ignoreexternal"]
        checks = [["mypy", "--strict"], ["pyright"], verify]
    run = subprocess.run
    failed = [" ".join(check) for check in checks if run(check, check=False).returncode]
    if failed:
        sys.exit(f"ERROR: {', '.join(failed)} failed")
