# /// script
# requires-python = ">=3.11"
# dependencies = ["dependency-groups>=1.3", "packaging>=24.2"]
# ///
"""tox's tests-min: ``uv run scripts/floors.py PYTHON VERSION`` installs the lowest
versions pyproject.toml allows, or lists each direct dependency whose lowest is not what
it states."""

import os
import re
import subprocess
import sys
import tomllib

from dependency_groups import resolve
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

FLOOR = {">=", "~=", "==", "==="}  # the operators that state a lowest version
PIN = re.compile(r"`([\w.-]+)==([\w.+!-]+)`")  # how uv names what it could not install


def uv(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    command = [os.environ.get("UV", "uv"), *args]  # `uv run` gives its own path
    run = subprocess.run
    return run(command, check=False, input=stdin, capture_output=True, text=True)


def problems(python: str, python_version: str) -> list[str]:
    with open("pyproject.toml", "rb") as file:
        config = tomllib.load(file)
    declared = config["project"].get("dependencies", [])
    declared += resolve(config.get("dependency-groups", {}), "tests")
    found, floors = [], {}
    for req in map(Requirement, declared):
        # The name to write back keeps the extras, whose dependencies are tested too.
        name = req.name + (f"[{','.join(sorted(req.extras))}]" if req.extras else "")
        lowest = [spec.version for spec in req.specifier if spec.operator in FLOOR]
        if lowest:
            floors[str(req)] = (req.name, name, Version(lowest[0]))
        else:
            found.append(f"{req} has no lower bound: write {name}>=<the oldest>")
    pip_compile = ["pip", "compile", "-", "--no-header", "--no-annotate", "-p", python]
    wanted = "".join(f"{req}\n" for req in floors)
    last = compiled = uv(*pip_compile, "--resolution", "lowest-direct", stdin=wanted)
    chosen = dict(line.split("==") for line in compiled.stdout.splitlines())
    for req, (bare, name, floor) in floors.items():
        version = chosen.get(canonicalize_name(bare))
        if version and Version(version) != floor:
            found.append(
                f"{req}: the resolver had to raise {bare} {floor} to {version};"
                f" write {name}>={version}"
            )
    if compiled.returncode == 0:
        install = ["pip", "install", "-q", "-p", python, "--no-deps", "-r-", "-e."]
        last = uv(*install, stdin=compiled.stdout)
    if pin := PIN.search(last.stderr):
        bare, pinned = pin.groups()  # the fix: the first later version with a wheel
        lowest_wheel = ["--no-deps", "--only-binary", bare, "--resolution", "lowest"]
        newer = uv(*pip_compile, *lowest_wheel, stdin=f"{bare}>{pinned}\n")
        lowest = newer.stdout.partition("==")[2].strip()
        found.append(
            f"{bare} {pinned} cannot be installed on Python {python_version} (no"
            f" wheel, and its sdist does not build); write {bare}>={lowest}"
        )
    elif last.returncode:
        sys.exit(last.stderr)
    return found


if __name__ == "__main__":
    if found := problems(*sys.argv[1:]):
        sys.exit("\n".join(f"ERROR: pyproject.toml: {problem}" for problem in found))
