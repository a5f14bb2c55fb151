# /// script
# requires-python = ">=3.11"
# dependencies = ["dependency-groups>=1.3", "packaging>=24.2"]
# ///
"""tox's tests-min: ``uv run scripts/floors.py PYTHON VERSION`` installs the lowest
versions pyproject.toml allows, or lists every direct dependency whose lowest is not
what it states."""

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
UV = os.environ.get("UV", "uv")  # `uv run` gives its own path


def uv(*args: str, stdin: str) -> subprocess.CompletedProcess[str]:
    run = subprocess.run
    return run([UV, *args], check=False, input=stdin, capture_output=True, text=True)


def named(req: Requirement) -> str:
    """The name to write back, with its extras, whose dependencies are tested too."""
    return req.name + (f"[{','.join(sorted(req.extras))}]" if req.extras else "")


def problems(python: str, python_version: str) -> list[str]:
    with open("pyproject.toml", "rb") as file:
        config = tomllib.load(file)
    declared = config["project"].get("dependencies", [])
    declared += resolve(config.get("dependency-groups", {}), "tests")
    found, bounded = [], []
    for req in map(Requirement, declared):
        lowest = [spec.version for spec in req.specifier if spec.operator in FLOOR]
        if lowest:
            bounded.append((req, Version(lowest[0])))
        else:
            found.append(f"{req} has no lower bound: write {named(req)}>=<the oldest>")

    wanted = "".join(f"{req}\n" for req, _ in bounded)
    pip_compile = ["pip", "compile", "-", "--no-header", "--no-annotate", "-p", python]
    last = compiled = uv(*pip_compile, "--resolution", "lowest-direct", stdin=wanted)
    chosen = dict(line.split("==") for line in compiled.stdout.splitlines())
    for req, floor in bounded:
        version = chosen.get(canonicalize_name(req.name))
        if version and Version(version) != floor:
            found.append(
                f"{req}: the resolver had to raise {req.name} {floor} to {version};"
                f" write {named(req)}>={version}"
            )
    if compiled.returncode == 0:
        install = ["pip", "install", "-q", "-p", python, "--no-deps", "-r-", "-e."]
        last = uv(*install, stdin=compiled.stdout)
    if pin := PIN.search(last.stderr):
        name, pinned = pin.groups()  # the fix: the first later version with a wheel
        lowest_wheel = ["--no-deps", "--only-binary", name, "--resolution", "lowest"]
        newer = uv(*pip_compile, *lowest_wheel, stdin=f"{name}>{pinned}\n")
        lowest = newer.stdout.partition("==")[2].strip()
        found.append(
            f"{name} {pinned} cannot be installed on Python {python_version} (no"
            f" wheel, and its sdist does not build); write {name}>={lowest}"
        )
    elif last.returncode:
        sys.exit(last.stderr)
    return found


if __name__ == "__main__":
    if found := problems(*sys.argv[1:]):
        sys.exit("\n".join(f"ERROR: pyproject.toml: {problem}" for problem in found))
