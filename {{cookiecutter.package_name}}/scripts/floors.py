# /// script
# requires-python = ">=3.9"
# dependencies = [
#     "dependency-groups>=1.3",
#     "packaging>=24.2",
#     "tomli>=2.0; python_version < '3.11'",
# ]
# ///
"""The floors pyproject.toml declares: the oldest Python and each dependency's lower bound.

``make test``, ``make test-min`` and tox's ``-min`` environments run this with
``uv run scripts/floors.py``, which provides its dependencies:

``python PYTHON``
    Stop with one line if PYTHON is outside ``requires-python``, naming a Python to use.
``install --python PYTHON [--group NAME]... [--editable]``
    Install the project, its dependencies and those of the groups into PYTHON's environment,
    every direct dependency at exactly its lower bound and the rest at their newest. A direct
    dependency without a lower bound, or floors that cannot be installed together, stop the
    install with one line saying what to write in pyproject.toml.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

from dependency_groups import resolve
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import Version

# uv runs this on whichever Python it finds first, which may be older than the project's.
if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

ROOT = Path(__file__).resolve().parent.parent
# Operators that give a requirement a lower bound.
LOWER_BOUNDS = {">=", ">", "~=", "==", "==="}
# uv runs this script and sets UV to its own path.
UV = os.environ.get("UV", "uv")


class Refused(Exception):
    """Something to fix in pyproject.toml or on the command line; the message is one line."""


def pyproject() -> dict[str, Any]:
    with open(ROOT / "pyproject.toml", "rb") as file:
        return tomllib.load(file)


def check_python(python: str, retry: str) -> None:
    required = pyproject()["project"].get("requires-python", "")
    try:
        found = subprocess.run(
            [python, "-c", "import platform; print(platform.python_version())"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        raise Refused(
            f"{python} was not found or does not run; {retry} PYTHON=python3.X"
        ) from None
    supported = SpecifierSet(required)
    if supported.contains(found, prereleases=True):
        return
    minors = [
        f"3.{minor}" for minor in range(30) if supported.contains(f"3.{minor}.99")
    ]
    use = f"{retry} PYTHON=python{minors[0]}" if minors else "no Python 3 satisfies it"
    raise Refused(
        f"This project needs Python {required} and {python} is {found}: {use}"
    )


def direct_requirements(groups: list[str]) -> list[Requirement]:
    """The project's dependencies and those of ``groups`` (include-group followed)."""
    config = pyproject()
    declared = list(config["project"].get("dependencies", []))
    if groups:
        declared += resolve(config.get("dependency-groups", {}), *groups)
    requirements = [Requirement(text) for text in declared]
    for requirement in requirements:
        if not any(spec.operator in LOWER_BOUNDS for spec in requirement.specifier):
            raise Refused(
                f"pyproject.toml: {requirement} has no lower bound, so it has no lowest version"
                f" to test; write {requirement.name}>=<the oldest version you support>"
            )
    return requirements


def uv(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([UV, *args], capture_output=True, text=True)


def resolved(output: str) -> dict[str, Version]:
    """Versions from the ``name==version`` lines of ``uv pip compile``."""
    pins = (Requirement(line) for line in output.splitlines() if "==" in line)
    return {
        canonicalize_name(pin.name): Version(spec.version)
        for pin in pins
        for spec in pin.specifier
    }


def install_floors(python: str, groups: list[str], editable: bool) -> None:
    requirements = direct_requirements(groups)
    with tempfile.TemporaryDirectory() as work:
        direct = Path(work, "direct.txt")
        direct.write_text("".join(f"{req}\n" for req in requirements), encoding="utf-8")
        # Each requirement's lowest version on the index, for this Python: its declared floor.
        pip_compile = ["pip", "compile", "--quiet", "--no-header", "--no-annotate"]
        pip_compile += ["--python", python]
        lowest = uv(*pip_compile, "--no-deps", "--resolution", "lowest", str(direct))
        if lowest.returncode:
            raise SystemExit(lowest.stderr)
        floors = Path(work, "floors.txt")
        floors.write_text(lowest.stdout, encoding="utf-8")
        project = ["--editable", str(ROOT)] if editable else [str(ROOT)]
        pip_install = ["pip", "install", "--quiet", "--python", python]
        pip_install += ["--constraints", str(floors), "--requirements", str(direct)]
        installed = uv(*pip_install, *project)
        if installed.returncode == 0:
            print("Lowest versions:", " ".join(lowest.stdout.split()))
            return
        # Which floor is too low: the versions uv picks when only the direct dependencies
        # are held at their lowest, and the rest may move.
        possible = uv(*pip_compile, "--resolution", "lowest-direct", str(direct))
        wanted, lowest_possible = resolved(lowest.stdout), resolved(possible.stdout)
        for requirement in requirements:
            name = canonicalize_name(requirement.name)
            if (
                name in wanted
                and lowest_possible.get(name, wanted[name]) != wanted[name]
            ):
                raise Refused(
                    f"pyproject.toml: {requirement}: {requirement.name} {wanted[name]} cannot be"
                    " installed with the other lower bounds; write"
                    f" {requirement.name}>={lowest_possible[name]}, the lowest that can"
                )
        raise SystemExit(installed.stderr)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    python = commands.add_parser(
        "python", help="check a Python against requires-python"
    )
    python.add_argument("python")
    python.add_argument("--retry", default="make test", help="the command to suggest")
    install = commands.add_parser("install", help="install the lowest versions")
    install.add_argument("--python", required=True)
    install.add_argument("--group", action="append", default=[])
    install.add_argument("--editable", action="store_true")
    args = parser.parse_args()
    try:
        if args.command == "python":
            check_python(args.python, args.retry)
        else:
            install_floors(args.python, args.group, args.editable)
    except Refused as problem:
        raise SystemExit(f"ERROR: {problem}") from None


if __name__ == "__main__":
    main()
