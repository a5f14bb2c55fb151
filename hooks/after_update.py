"""copier's last step of ``copier update``: one line naming the files it left to resolve.

copier merges the template's changes into files the user changed too; where both changed the
same lines it leaves conflict markers (recorded as unmerged in git's index) or, with
``--conflict rej``, a ``.rej`` file beside the file. It says nothing of either.
"""

from __future__ import annotations

import subprocess
import sys


def git_lines(*args: str) -> list[str]:
    result = subprocess.run(["git", *args], capture_output=True, text=True)
    return result.stdout.split() if result.returncode == 0 else []


def main() -> int:
    unmerged = git_lines("diff", "--name-only", "--diff-filter=U")
    rejected = git_lines("ls-files", "--others", "--exclude-standard", "*.rej")
    files = sorted({*unmerged, *(name.removesuffix(".rej") for name in rejected)})
    if files:
        print(f"NOTE: the update left conflicts to resolve in {', '.join(files)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
