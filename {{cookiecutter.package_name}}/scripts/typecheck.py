"""tox's typing env: ``python scripts/typecheck.py PACKAGE`` checks its modules. With
the ``Typing :: Typed`` classifier: mypy --strict, pyright and pyright --verifytypes;
without it, mypy, which checks the functions that have annotations."""

import subprocess
import sys
import tomllib
from pathlib import Path

package = sys.argv[1]
root = Path("src", package)
with open("pyproject.toml", "rb") as file:
    typed = "Typing :: Typed" in tomllib.load(file)["project"].get("classifiers", [])
if typed != (root / "py.typed").is_file():
    sys.exit(
        f"ERROR: the Typing :: Typed classifier and {root / 'py.typed'} go together:"
        " add both, or remove both while the package is not typed"
    )
# Python in a folder without __init__.py (alembic's templates, say) is package data.
modules = [
    str(path)
    for path in sorted(root.rglob("*.py"))
    if all((folder / "__init__.py").is_file() for folder in path.parents[:-3])
]
checks = {"mypy": ["mypy", *modules]}
if typed:
    verify = ["pyright", "--verifytypes", package, "--ignoreexternal"]
    checks = {
        "mypy --strict": ["mypy", "--strict", *modules],
        "pyright": ["pyright", *modules],
        "pyright --verifytypes": verify,
    }
run = subprocess.run
failed = [name for name, cmd in checks.items() if run(cmd, check=False).returncode]
sys.exit(f"ERROR: {', '.join(failed)} failed" if failed else None)
